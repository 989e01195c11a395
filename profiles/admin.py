"""The curators' admin: every model, importing with a preview, provenance, merges, hiding
records from public pages, selected papers and name variants."""

import base64
from datetime import timedelta

from django.conf import settings
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFilesSent
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from profiles import services
from profiles.forms import (
    EntryAdminForm,
    PaperAdminForm,
    PersonAdminForm,
    RateLimitedLoginForm,
    UploadForm,
)
from profiles.importer import readers
from profiles.importer.parse import PARSER_VERSION, parse_document, parse_text
from profiles.importer.read import DocumentError
from profiles.importer.save import line_roles, mark_owner, save_document
from profiles.models import (
    Authorship,
    DataVersion,
    Education,
    FeaturedPaper,
    Job,
    NameVariant,
    Organization,
    OrganizationAlias,
    Paper,
    PaperAlias,
    PaperSource,
    PendingImport,
    Person,
    PersonAlias,
    SectionItem,
    SourceDocument,
    Visibility,
)
from profiles.text import name_key, numbered_pages

admin.site.site_header = "Research portfolios: curation"
admin.site.site_title = "Portfolio curation"
admin.site.index_title = "Records"
admin.site.login_form = RateLimitedLoginForm

UPLOAD_SALT = "profiles.admin.upload"
# A preview's documents wait for its confirmation this long (PendingImport), and may hold this
# much in all: more goes through import_portfolios.
PREVIEW_LIFETIME = timedelta(days=1)
MAX_PREVIEW_BYTES = 32 * 1024 * 1024


def admin_url(obj, action="change"):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{action}", args=[obj.pk])


def source_link(record):
    """'document.txt, line 12', linking to that line of the document's page."""
    if not record.source_id:
        return "—"
    url = reverse("admin:profiles_sourcedocument_change", args=[record.source_id])
    return format_html(
        '<a href="{}#line-{}">{}, line {}</a>', url, record.line, record.source, record.line
    )


class ProvenanceMixin:
    @admin.display(description="source")
    def provenance(self, obj):
        return source_link(obj)


class PublicLinkMixin:
    @admin.display(description="public page")
    def public_link(self, obj):
        return format_html('<a href="{}">view</a>', obj.get_absolute_url())


def note_hiding(form, user):
    """When a curator ticks or unticks `hidden`, record who did it and when."""
    if isinstance(form.instance, Visibility) and "hidden" in form.changed_data:
        form.instance.set_hidden(form.instance.hidden, by=user)


class CuratedAdmin(admin.ModelAdmin):
    """Every admin write bumps the data version, in the admin's own transaction, so that no
    cached public page outlives the change."""

    def save_model(self, request, obj, form, change):
        note_hiding(form, request.user)
        super().save_model(request, obj, form, change)
        DataVersion.bump()

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if inline_form.has_changed():
                note_hiding(inline_form, request.user)
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        DataVersion.bump()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        DataVersion.bump()

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            DataVersion.bump()


# Merges -----------------------------------------------------------------------------------


@admin.action(permissions=["change"], description="Merge selected %(verbose_name_plural)s")
def merge_selected(modeladmin, request, queryset):
    """Like delete_selected: a confirmation page first, then the merge on the confirmed POST."""
    opts = modeladmin.model._meta
    records = list(queryset.order_by("pk"))
    if len(records) < 2:
        modeladmin.message_user(
            request, f"Select two or more {opts.verbose_name_plural} to merge.", messages.WARNING
        )
        return None
    if request.POST.get("post") == "yes":
        keep = next((r for r in records if str(r.pk) == request.POST.get("keep")), None)
        if keep is None:
            modeladmin.message_user(request, "Choose the record to keep.", messages.ERROR)
        else:
            others = [record for record in records if record.pk != keep.pk]
            names = ", ".join(str(other) for other in others)
            modeladmin.log_deletions(request, others)
            summary = services.merge(keep=keep, others=others)
            moved = services.describe_summary(summary)
            modeladmin.log_change(request, keep, f"Merged {names} into this record ({moved}).")
            modeladmin.message_user(
                request,
                format_html(
                    'Merged {} into <a href="{}">{}</a>: {}.', names, admin_url(keep), keep, moved
                ),
                messages.SUCCESS,
            )
            return None
    holdings = {record.pk: services.holdings(record) for record in records}
    suggested = max(
        records, key=lambda record: (sum(n for n, _ in holdings[record.pk]), -record.pk)
    )
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": f"Merge {len(records)} {opts.verbose_name_plural}",
        "opts": opts,
        "records": [(record, holdings[record.pk], record.pk == suggested.pk) for record in records],
        "queryset": queryset,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media,
    }
    return TemplateResponse(request, "admin/profiles/merge_confirmation.html", context)


# Visibility -------------------------------------------------------------------------------


def _set_hidden(modeladmin, request, queryset, hidden):
    changing = list(queryset.exclude(hidden=hidden))
    services.set_hidden(records=queryset, hidden=hidden, by=request.user)
    message = "Hidden from public pages." if hidden else "Shown on public pages again."
    for record in changing:
        modeladmin.log_change(request, record, message)
    opts = modeladmin.model._meta
    names = opts.verbose_name if len(changing) == 1 else opts.verbose_name_plural
    modeladmin.message_user(request, f"{len(changing)} {names}: {message[0].lower()}{message[1:]}")


@admin.action(permissions=["change"], description="Hide from public pages")
def hide_selected(modeladmin, request, queryset):
    _set_hidden(modeladmin, request, queryset, True)


@admin.action(permissions=["change"], description="Show on public pages")
def show_selected(modeladmin, request, queryset):
    _set_hidden(modeladmin, request, queryset, False)


class VisibilityMixin:
    """The actions and who-hid-it column of a model public pages may hide (inlines use the
    column only)."""

    actions = [hide_selected, show_selected]

    @admin.display(description="hidden by")
    def hidden_note(self, obj):
        if not obj.hidden:
            return "—"
        when = f"{obj.hidden_at:%Y-%m-%d %H:%M}" if obj.hidden_at else "?"
        return f"{obj.hidden_by or 'someone'}, {when}"


# Inlines ----------------------------------------------------------------------------------


class EducationInline(ProvenanceMixin, VisibilityMixin, admin.TabularInline):
    model = Education
    fields = ["organization", "degree", "field", "start_year", "end_year", "current", "order"]
    fields += ["hidden", "hidden_note", "provenance"]
    readonly_fields = ["provenance", "hidden_note"]
    autocomplete_fields = ["organization"]
    show_change_link = True
    extra = 0


class JobInline(ProvenanceMixin, VisibilityMixin, admin.TabularInline):
    model = Job
    fields = ["organization", "title", "start_year", "end_year", "current", "order"]
    fields += ["hidden", "hidden_note", "provenance"]
    readonly_fields = ["provenance", "hidden_note"]
    autocomplete_fields = ["organization"]
    show_change_link = True
    extra = 0


class SectionItemInline(ProvenanceMixin, VisibilityMixin, admin.TabularInline):
    model = SectionItem
    fields = ["section", "text", "order", "hidden", "hidden_note", "provenance"]
    readonly_fields = ["provenance", "hidden_note"]
    extra = 0


class FeaturedPaperInline(admin.TabularInline):
    model = FeaturedPaper
    fields = ["order", "paper"]
    autocomplete_fields = ["paper"]
    extra = 0
    verbose_name_plural = "selected publications (shown first on the profile and CV, in order)"


class NameVariantInline(admin.TabularInline):
    model = NameVariant
    fields = ["name"]
    extra = 0
    verbose_name_plural = "name variants (bylines written so link to this person)"


class AuthorshipInline(ProvenanceMixin, VisibilityMixin, admin.TabularInline):
    model = Authorship
    fields = [
        "position",
        "name",
        "person",
        "equal_contribution",
        "listed_by_owner",
        "hidden",
        "hidden_note",
        "provenance",
    ]
    readonly_fields = ["provenance", "hidden_note"]
    autocomplete_fields = ["person"]
    extra = 0


class PaperSourceInline(ProvenanceMixin, admin.TabularInline):
    """Read-only: a listing is what a document said; change the document to change it."""

    model = PaperSource
    fields = ["provenance", "person"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "listing in a document"
    verbose_name_plural = "listings in documents"

    def has_add_permission(self, request, obj=None):
        return False


class AliasInline(admin.TabularInline):
    fields = ["name", "slug", "merged_at"]
    readonly_fields = fields
    extra = 0
    verbose_name = "former name (from a merge)"
    verbose_name_plural = "former names (from merges)"

    def has_add_permission(self, request, obj=None):
        return False


class PersonAliasInline(AliasInline):
    model = PersonAlias


class OrganizationAliasInline(AliasInline):
    model = OrganizationAlias


class PaperAliasInline(AliasInline):
    model = PaperAlias
    fields = ["name", "merged_at"]
    readonly_fields = fields


# Model admins -----------------------------------------------------------------------------


@admin.register(Person)
class PersonAdmin(PublicLinkMixin, CuratedAdmin):
    form = PersonAdminForm
    list_display = [
        "name",
        "headline",
        "paper_count",
        "document_count",
        "show_email",
        "public_link",
    ]
    list_filter = ["show_email"]
    search_fields = ["name", "headline", "aliases__name", "name_variants__name"]
    # The counts' GROUP BY drops Meta.ordering, and the autocomplete pages need an order.
    ordering = ["name", "pk"]
    actions = [merge_selected]
    inlines = [
        FeaturedPaperInline,
        EducationInline,
        JobInline,
        SectionItemInline,
        NameVariantInline,
        PersonAliasInline,
    ]
    readonly_fields = ["created_at", "updated_at", "documents_list"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "headline", "location", "homepage", "links"]}),
        (
            "Privacy",
            {
                "fields": ["show_email", "emails", "phones", "address"],
                "description": "E-mail addresses are public only when 'Show email' is ticked; "
                "phones and postal addresses never are.",
            },
        ),
        (
            "From the documents",
            {"fields": ["metrics", "documents_list", "created_at", "updated_at"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                papers=Count("authorships__paper", distinct=True),
                document_total=Count("documents", distinct=True),
            )
        )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is NameVariant and (formset.new_objects or formset.changed_objects):
            linked = services.link_name_variants(person=form.instance)
            if linked:
                self.message_user(
                    request, f"Linked {linked} authorship{'s' if linked != 1 else ''} by name."
                )

    @admin.display(description="papers", ordering="papers")
    def paper_count(self, obj):
        return obj.papers

    @admin.display(description="documents", ordering="document_total")
    def document_count(self, obj):
        return obj.document_total

    @admin.display(description="documents")
    def documents_list(self, obj):
        documents = obj.documents.order_by("name")
        return (
            format_html_join(
                ", ", '<a href="{}">{}</a>', ((admin_url(d), d.name) for d in documents)
            )
            or "—"
        )


@admin.register(Organization)
class OrganizationAdmin(PublicLinkMixin, CuratedAdmin):
    list_display = ["name", "alumni_count", "staff_count", "public_link"]
    search_fields = ["name", "aliases__name"]
    ordering = ["name", "pk"]  # as for people
    actions = [merge_selected]
    inlines = [OrganizationAliasInline]
    fields = ["name", "slug"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(alumni=Count("education", distinct=True), staff=Count("jobs", distinct=True))
        )

    @admin.display(description="education entries", ordering="alumni")
    def alumni_count(self, obj):
        return obj.alumni

    @admin.display(description="jobs", ordering="staff")
    def staff_count(self, obj):
        return obj.staff


class PartOfPersonAdmin(ProvenanceMixin, VisibilityMixin, CuratedAdmin):
    """Education and jobs: rows of a person's profile, linked back to it."""

    form = EntryAdminForm
    list_select_related = ("person", "organization")
    autocomplete_fields = ["person", "organization"]
    search_fields = ["person__name", "organization__name"]

    @admin.display(description="public page")
    def public_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.person.get_absolute_url(), obj.person)


@admin.register(Education)
class EducationAdmin(PartOfPersonAdmin):
    list_display = [
        "person",
        "degree",
        "organization",
        "field",
        "start_year",
        "end_year",
        "hidden",
        "provenance",
    ]
    list_filter = ["hidden", "degree", "current", "expected"]
    search_fields = [*PartOfPersonAdmin.search_fields, "field", "degree_text"]
    readonly_fields = ["provenance", "public_link", "hidden_note"]


@admin.register(Job)
class JobAdmin(PartOfPersonAdmin):
    list_display = [
        "person",
        "title",
        "organization",
        "start_year",
        "end_year",
        "current",
        "hidden",
        "provenance",
    ]
    list_filter = ["hidden", "current"]
    search_fields = [*PartOfPersonAdmin.search_fields, "title"]
    readonly_fields = ["provenance", "public_link", "hidden_note"]


@admin.register(SectionItem)
class SectionItemAdmin(ProvenanceMixin, VisibilityMixin, CuratedAdmin):
    list_display = ["person", "section", "text", "hidden", "provenance"]
    list_select_related = ("person", "source")
    list_filter = ["hidden", "section"]
    search_fields = ["person__name", "section", "text"]
    autocomplete_fields = ["person"]
    readonly_fields = ["provenance", "hidden_note"]


@admin.register(Paper)
class PaperAdmin(PublicLinkMixin, CuratedAdmin):
    form = PaperAdminForm
    list_display = ["title", "year", "venue", "kind", "status", "public_link"]
    list_filter = ["kind", "status", "has_code", "year"]
    search_fields = ["title", "venue", "arxiv_id", "aliases__name"]
    actions = [merge_selected]
    inlines = [AuthorshipInline, PaperSourceInline, PaperAliasInline]
    readonly_fields = ["created_at"]
    fieldsets = [
        (
            None,
            {
                "fields": ["title", ("year", "date"), ("venue", "venue_full"), ("kind", "status")],
                "description": "A paper's fields and authors are rebuilt from the documents "
                "listing it whenever one of them is imported again.",
            },
        ),
        (
            "More",
            {
                "fields": [
                    "abstract",
                    "awards",
                    "links",
                    ("has_code", "authors_truncated"),
                    ("arxiv_id", "category"),
                    "created_at",
                ]
            },
        ),
    ]


@admin.register(Authorship)
class AuthorshipAdmin(ProvenanceMixin, VisibilityMixin, CuratedAdmin):
    list_display = ["name", "position", "paper", "person", "hidden", "provenance"]
    list_select_related = ("paper", "person", "source")
    list_filter = ["hidden", "equal_contribution", "listed_by_owner"]
    search_fields = ["name", "paper__title", "person__name"]
    autocomplete_fields = ["paper", "person"]
    readonly_fields = ["provenance", "hidden_note"]


@admin.register(PaperSource)
class PaperSourceAdmin(ProvenanceMixin, CuratedAdmin):
    list_display = ["paper", "person", "provenance"]
    list_select_related = ("paper", "person", "source")
    search_fields = ["paper__title", "source__name", "person__name"]
    autocomplete_fields = ["paper", "person"]
    readonly_fields = ["provenance", "record"]
    fields = ["paper", "person", "provenance", "record"]


@admin.register(PersonAlias, OrganizationAlias, PaperAlias)
class AliasAdmin(CuratedAdmin):
    list_display = ["name", "slug", "merged_at"]
    search_fields = ["name"]
    readonly_fields = ["key", "merged_at"]


# Source documents: importing and provenance -------------------------------------------------


@admin.register(SourceDocument)
class SourceDocumentAdmin(CuratedAdmin):
    list_display = [
        "name",
        "person",
        "captured_on",
        "imported_at",
        "unparsed_count",
        "parser_version",
    ]
    list_select_related = ("person",)
    list_filter = ["captured_on", "parser_version"]
    search_fields = ["name", "person__name"]
    date_hierarchy = "imported_at"
    fields = ["name", "person", "captured_on", "imported_at", "parser_version", "sha256"]
    readonly_fields = fields
    change_form_template = "admin/profiles/sourcedocument/change_form.html"

    def has_change_permission(self, request, obj=None):
        # The text changes only by importing a new version, which keeps the records in step.
        return False

    @admin.display(description="unparsed lines")
    def unparsed_count(self, obj):
        return len((obj.report or {}).get("unparsed") or [])

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/reimport/",
                self.admin_site.admin_view(self.reimport_view),
                name="{}_{}_reimport".format(*info),
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        document = self.get_object(request, object_id)
        extra = {}
        if document is not None:
            extra = {
                "lines": document_lines(document),
                "report": document.report or {},
                "can_reimport": self.has_add_permission(request),
            }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    @csrf_exempt  # import_view checks the token, once it has read the upload: see there
    def add_view(self, request, form_url="", extra_context=None):
        """The add page is the import: upload or paste, preview, then confirm."""
        return self.import_view(request)

    def reimport_view(self, request, object_id):
        # The admin's own lookup, which answers None for an id that cannot be one ("abc")
        # instead of passing it to the database.
        document = self.get_object(request, object_id)
        if document is None:
            raise Http404("No such document.")
        return self.import_view(request, document=document)

    def import_view(self, request, document=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        try:
            confirming = request.method == "POST" and "confirm" in request.POST
        except (TooManyFilesSent, RequestDataTooBig) as exc:
            # Read first by the CSRF check, such an upload would be a bare "Bad request". Shown
            # the form again, the curator learns why, and nothing is done with what they sent.
            self.message_user(request, describe_refused_upload(exc), messages.ERROR)
            return self.render_upload(request, UploadForm(), document)
        return self.upload_or_confirm(request, document, confirming)

    @method_decorator(csrf_protect)
    def upload_or_confirm(self, request, document, confirming):
        if confirming:
            return self.confirm_import(request)
        if request.method == "POST":
            form = UploadForm(request.POST, request.FILES)
            if form.is_valid():
                previews = self.preview_documents(request, form)
                if previews:
                    return self.render_preview(request, form, previews)
        elif document is not None:
            form = UploadForm(initial={"name": document.name, "text": document.text})
        else:
            form = UploadForm()
        return self.render_upload(request, form, document)

    def render_upload(self, request, form, document):
        context = {
            **self.admin_site.each_context(request),
            "title": f"Re-import {document.name}" if document else "Import documents",
            "subtitle": None,
            "opts": self.opts,
            "form": form,
            "document": document,
            "max_bytes": settings.PORTFOLIO_MAX_DOCUMENT_BYTES,
            "max_files": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
        }
        return TemplateResponse(request, "admin/profiles/sourcedocument/upload.html", context)

    def preview_documents(self, request, form):
        """Parse each document as --dry-run does; a bad one is an error message, not a preview."""
        limit = settings.PORTFOLIO_MAX_DOCUMENT_BYTES
        as_of = form.cleaned_data["captured_on"]
        previews, seen = [], set()
        for name, content in form.documents():
            try:
                if name in seen:
                    raise DocumentError(name, "another document of this upload has the same name")
                seen.add(name)
                data = _document_bytes(name, content, limit)
                parsed = parse_document(data, name, as_of=as_of, max_bytes=limit)
            except DocumentError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                continue
            previews.append((parsed, data))
        return previews

    def render_preview(self, request, form, previews):
        if sum(len(data) for _, data in previews) > MAX_PREVIEW_BYTES:
            self.message_user(
                request,
                "These documents are too large to import together from here: upload fewer at "
                "a time, or use the import_portfolios command.",
                messages.ERROR,
            )
            return redirect(admin_url_name(self, "add"))
        person = form.cleaned_data.get("person")
        forget_old_previews()
        pending = PendingImport.objects.create(
            created_by=request.user,
            documents=[
                {
                    "name": p.source,
                    "data": base64.b64encode(data).decode(),
                    "person": person.pk if person else None,
                }
                for p, data in previews
            ],
        )
        if person is not None:
            previews = [(mark_owner(parsed, person), data) for parsed, data in previews]
            self.message_user(
                request, f"The records will be attached to {person} ({person.slug}).", messages.INFO
            )
        context = {
            **self.admin_site.each_context(request),
            "title": "Preview the import",
            "subtitle": None,
            "opts": self.opts,
            "previews": [describe_preview(parsed) for parsed, _ in previews],
            "payload": signing.dumps(pending.pk, salt=UPLOAD_SALT),
            "captured_on": form.cleaned_data["captured_on"].isoformat(),
        }
        return TemplateResponse(request, "admin/profiles/sourcedocument/preview.html", context)

    def confirm_import(self, request):
        try:
            pk = signing.loads(
                request.POST.get("payload", ""), salt=UPLOAD_SALT, max_age=PREVIEW_LIFETIME
            )
            pending = PendingImport.objects.get(pk=pk, created_by=request.user)
            as_of = UploadForm.base_fields["captured_on"].clean(request.POST.get("captured_on"))
        except (signing.BadSignature, PendingImport.DoesNotExist, ValueError, TypeError):
            self.message_user(
                request, "The preview has expired or was altered; upload again.", messages.ERROR
            )
            return redirect(admin_url_name(self, "add"))
        except Exception as exc:  # a ValidationError from the date field
            self.message_user(request, f"Bad capture date: {exc}", messages.ERROR)
            return redirect(admin_url_name(self, "add"))
        limit = settings.PORTFOLIO_MAX_DOCUMENT_BYTES
        imported = []
        with DataVersion.batched():  # the page cache emptied once for the whole upload
            for item in pending.documents:
                name = item["name"]
                try:
                    parsed = parse_document(
                        base64.b64decode(item["data"]), name, as_of=as_of, max_bytes=limit
                    )
                    person = Person.objects.filter(pk=item.get("person")).first()
                    if item.get("person") and person is None:
                        raise DocumentError(name, "the person chosen for it no longer exists")
                    report = save_document(parsed, as_of=as_of, person=person)
                except DocumentError as exc:
                    self.message_user(request, str(exc), messages.ERROR)
                    continue
                self.report_import(request, report)
                imported.append(report)
        pending.delete()
        forget_old_previews()
        saved = [r for r in imported if r["status"] in ("new", "updated")]
        if len(saved) == 1:
            document = SourceDocument.objects.get(name=saved[0]["source"])
            return redirect(admin_url(document))
        return redirect(admin_url_name(self, "changelist"))

    def report_import(self, request, report):
        status, name = report["status"], report["source"]
        if status in ("unchanged", "duplicate"):
            why = (
                f"the same text is already imported as {report.get('duplicate_of')}"
                if status == "duplicate"
                else "this version is already imported"
            )
            self.message_user(request, f"{name}: nothing to do ({why}).", messages.INFO)
            return
        document = SourceDocument.objects.select_related("person").get(name=name)
        person = document.person
        summary = (
            f"{report['education']} education, {report['jobs']} jobs, {report['papers']} papers "
            f"({report['papers_linked']} already known), {report['unparsed']} unparsed lines"
        )
        if status == "new":
            self.log_addition(request, document, f"Imported: {summary}.")
        else:
            self.log_change(request, document, f"Imported a new version: {summary}.")
        self.message_user(
            request,
            format_html(
                '{} {}: <a href="{}">{}</a> ({}), {}. <a href="{}">Public page</a>.',
                "Imported" if status == "new" else "Updated",
                name,
                admin_url(person),
                person,
                "new person" if report["person_new"] else "existing person",
                summary,
                person.get_absolute_url(),
            ),
            messages.SUCCESS,
        )
        for warning in report["warnings"]:
            self.message_user(request, f"{name}: {warning}", messages.WARNING)


def forget_old_previews():
    # The documents hold contact details: none stays longer than its preview may be confirmed.
    PendingImport.objects.filter(created_at__lt=timezone.now() - PREVIEW_LIFETIME).delete()


def describe_refused_upload(exc):
    if isinstance(exc, TooManyFilesSent):
        return (
            f"Too many files: up to {settings.DATA_UPLOAD_MAX_NUMBER_FILES} can be uploaded at "
            "a time. Upload them in several goes, or use the import_portfolios command."
        )
    limit = filesizeformat(settings.PORTFOLIO_MAX_DOCUMENT_BYTES)
    return f"The pasted text is too large: documents may be up to {limit}."


def admin_url_name(model_admin, action):
    return reverse(f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}_{action}")


def _document_bytes(name, content, limit):
    if isinstance(content, str):
        return content.encode("utf-8")
    if content.size > limit:
        raise DocumentError(name, f"too large ({content.size:,} bytes; the limit is {limit:,})")
    return content.read()


def describe_preview(parsed):
    """What the preview page shows of one parsed document, and what importing it would do."""
    existing = SourceDocument.objects.filter(name=parsed.source).select_related("person").first()
    twin = SourceDocument.objects.filter(sha256=parsed.sha256).exclude(name=parsed.source).first()
    if existing and existing.sha256 == parsed.sha256 and existing.parser_version == PARSER_VERSION:
        action = "Already imported, unchanged: nothing will be written."
    elif existing:
        action = (
            f"A new version of the document imported on {existing.imported_at:%Y-%m-%d}: "
            "what the old version contributed will be replaced."
        )
    elif twin:
        action = f"The same text is already imported as {twin.name}: it will be skipped."
    else:
        action = "A new document."
    person = None
    if existing and existing.person:
        person = existing.person
    elif parsed.person.name:
        key = name_key(parsed.person.name)
        person = (
            Person.objects.filter(name_key=key).first()
            or Person.objects.filter(aliases__key=key).first()
        )
    lines = numbered_pages(parsed.text)
    return {
        "parsed": parsed,
        "action": action,
        "person": person,
        "unparsed": parsed.unparsed,
        "line_count": len(lines),
        # A PDF or Word file's text is what the importer extracted: the curator reads it here.
        "extracted": lines if parsed.encoding in readers.BINARY_FORMATS else None,
    }


def document_lines(document):
    """[(number, page, text, kind, label, url)] for every line: what each became, or that it
    didn't. page is set on the first line of each page of a paged document (a PDF's text,
    text with form feeds), else None.

    The roles of lines are stored with the import (save.line_roles); a document imported
    before they were is parsed again from its text. The database rows it became carry the
    record's first line.
    """
    report = document.report or {}
    if "spans" not in report:
        parsed = parse_text(document.text, source=document.name, as_of=document.captured_on)
        report = {**report, **line_roles(parsed)}
    unparsed = {item["line"] for item in report.get("unparsed") or []}
    rows_by_line = {}
    for model, label in ((Education, "education"), (Job, "job"), (SectionItem, "section item")):
        for row in model.objects.filter(source=document):
            rows_by_line.setdefault(row.line, (label, row, admin_url(row)))
    for listing in PaperSource.objects.filter(source=document).select_related("paper"):
        rows_by_line.setdefault(listing.line, ("paper", listing.paper, admin_url(listing.paper)))
    spans = {}
    for start, numbers in report["spans"]:
        for number in numbers:
            spans.setdefault(number, start)
    person_lines = set(report["person_lines"])
    layout = set(report["layout"])
    person_url = admin_url(document.person) if document.person_id else None

    result = []
    for number, page, text in document.numbered_lines():
        kind, label, url = "", "", None
        if not text.strip():
            kind = "blank"
        elif number in unparsed:
            kind, label = "unparsed", "unparsed"
        elif number in layout:
            kind, label = "layout", "heading or layout"
        elif number in person_lines:
            kind, label, url = "person", f"person: {document.person or ''}", person_url
        elif spans.get(number) in rows_by_line or number in rows_by_line:
            what, row, url = rows_by_line.get(spans.get(number)) or rows_by_line[number]
            kind = "record"
            label = f"{what}: {row}"
            if spans.get(number, number) != number:
                label = f"↳ {label}"
        else:
            kind, label = "other", "read, not stored"
        result.append((number, page, text, kind, capfirst(label), url))
    return result
