from collections import Counter

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.core.paginator import Paginator
from django.db.models import Count, Max, Min, Q
from django.http import Http404, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django_filters.views import FilterView

from profiles import charts, exports
from profiles.filters import NEWEST_FIRST, PaperFilter, PersonFilter, SearchForm, nulls_last
from profiles.models import (
    DataVersion,
    Education,
    Job,
    Organization,
    OrganizationAlias,
    Paper,
    PaperAlias,
    Person,
    PersonAlias,
)
from profiles.throttle import throttled_export


def absolute_url(path):
    """path on the site's one configured origin. Never from the request: its Host is the
    client's choice, and a cached page would hand it to every later visitor."""
    return settings.PORTFOLIO_SITE_URL + path


class CappedPaginator(Paginator):
    """Counts at most `cap` matches: the count is the one query of a list page whose cost
    grows with the data, so past the cap the page says "more than" and stops there."""

    cap = 5000

    @cached_property
    def count(self):
        # Without the list's ORDER BY, PostgreSQL counts from an index alone instead of
        # sorting the first `cap` rows.
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def capped(self):
        return self.count > self.cap


class ClampedPageMixin:
    """page=999 shows the last page and page=abc the first, instead of a 404."""

    paginate_by = 25
    paginator_class = CappedPaginator
    strict = True

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


def home(request):
    stats = _site_stats(request)
    context = {
        "counts": stats["counts"],
        "recent_papers": Paper.objects.for_list().order_by(
            nulls_last("-year"), nulls_last("-date"), "title"
        )[:8],
        "chart": charts.papers_per_year(stats["year_kind"], height=180),
    }
    return render(request, "profiles/home.html", context)


def _site_stats(request):
    """Counts and papers per (year, kind) over all the data, stored with the data version
    they were computed at: each change costs one recount, not every view of the page."""
    state = getattr(request, "data_version", None) or DataVersion.current()
    stats = DataVersion.objects.filter(pk=state.pk).values_list("stats", flat=True).first()
    if (stats or {}).get("version") != state.version:
        stats = {
            "version": state.version,
            "counts": {
                "people": Person.objects.count(),
                "papers": Paper.objects.count(),
                "organizations": Organization.objects.with_people().count(),
            },
            "year_kind": list(
                Paper.objects.order_by().values_list("year", "kind").annotate(n=Count("id"))
            ),
        }
        # Only if no change was committed meanwhile; otherwise the next view recounts.
        DataVersion.objects.filter(pk=state.pk, version=state.version).update(stats=stats)
    return stats


class PersonListView(ClampedPageMixin, FilterView):
    filterset_class = PersonFilter
    queryset = Person.objects.for_list()
    template_name = "profiles/person_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context.get("page_obj") is not None:
            people = Person.objects.add_counts(list(context["object_list"]))
            context["object_list"] = context["page_obj"].object_list = people
        return context


PROFILE_PAPERS = 50
# Headings of a publication list grouped by kind (?group=kind), in this order.
KIND_HEADINGS = {
    Paper.Kind.CONFERENCE: "Conference papers",
    Paper.Kind.JOURNAL: "Journal articles",
    Paper.Kind.PREPRINT: "Preprints",
    Paper.Kind.BOOK: "Books",
    Paper.Kind.THESIS: "Theses",
    Paper.Kind.PATENT: "Patents",
    Paper.Kind.OTHER: "Other",
}


def group_papers(papers, by="year"):
    """[(heading, papers)] of papers in newest-first order, by year or by kind."""
    groups = {}
    for paper in papers:
        key = paper.kind if by == "kind" else paper.year
        groups.setdefault(key, []).append(paper)
    if by == "kind":
        return [(KIND_HEADINGS[kind], groups[kind]) for kind in KIND_HEADINGS if kind in groups]
    return [(year or "Undated", items) for year, items in groups.items()]


def person_detail(request, slug):
    try:
        person = Person.objects.for_profile().get(slug=slug)
    except Person.DoesNotExist:
        return _redirect_merged(PersonAlias, "person", slug)
    papers = Paper.objects.for_profile(person)
    own = papers.filter(listed_by_person=True)
    per_year = own.order_by().values_list("year").annotate(n=Count("pk"))
    per_year = Counter({year: n for year, n in per_year if year})
    # The newest papers; a long list continues on the papers page, filtered to this author.
    shown = list(own[:PROFILE_PAPERS])
    credited = list(papers.filter(listed_by_person=False)[: PROFILE_PAPERS + 1])
    group_by = "kind" if request.GET.get("group") == "kind" else "year"
    context = {
        "person": person,
        "selected": Paper.objects.selected_by(person),
        "paper_groups": group_papers(shown, group_by),
        "group_by": group_by,
        "papers": shown,
        "papers_total": own.count() if len(shown) == PROFILE_PAPERS else len(shown),
        "credited": credited[:PROFILE_PAPERS],
        "credited_more": len(credited) > PROFILE_PAPERS,
        "coauthors": Person.objects.coauthors_of(person),
        "sections": person.grouped_sections(),
        "timeline": charts.career_timeline(
            person.timeline_spans(), per_year, as_of=person.captured_on()
        ),
        "show_sources": request.user.is_staff,
        "jsonld": exports.person_jsonld(person, absolute_url),
    }
    return render(request, "profiles/person_detail.html", context)


def person_cv(request, slug):
    person = get_object_or_404(Person.objects.for_profile(), slug=slug)
    context = {
        "person": person,
        "selected": Paper.objects.selected_by(person),
        "paper_groups": group_papers(Paper.objects.for_profile(person)),
        "sections": person.grouped_sections(),
        "captured_on": person.captured_on(),
        "profile_url": absolute_url(person.get_absolute_url()),
    }
    return render(request, "profiles/person_cv.html", context)


class PaperListView(ClampedPageMixin, FilterView):
    filterset_class = PaperFilter
    queryset = Paper.objects.for_list().order_by(*NEWEST_FIRST)
    template_name = "profiles/paper_list.html"


class TimelineView(PaperListView):
    template_name = "profiles/timeline.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET
        if any(query.get(name) for name in self.filterset.filters if name != "sort"):
            counts = self.object_list.order_by().values_list("year", "kind").annotate(n=Count("id"))
        else:
            counts = _site_stats(self.request)["year_kind"]
        context["chart"] = charts.papers_per_year(counts)
        # The form's values, not the raw ones: ?author=%00 must not reach the database.
        filters = self.filterset.form.cleaned_data if self.filterset.is_valid() else {}
        slug = filters.get("author") or filters.get("first_author")
        context["author"] = Person.objects.filter(slug=slug).first() if slug else None
        return context


def paper_detail(request, pk):
    try:
        paper = Paper.objects.for_detail().get(pk=pk)
    except Paper.DoesNotExist:
        return _redirect_merged(PaperAlias, "paper", str(pk))
    context = {
        "paper": paper,
        "show_sources": request.user.is_staff,
        "jsonld": exports.paper_jsonld(paper, absolute_url),
        "citation_meta": exports.citation_meta(paper),
    }
    return render(request, "profiles/paper_detail.html", context)


def organization_list(request):
    organizations = Organization.objects.annotate(
        alumni=Count("education__person", filter=Q(education__hidden=False), distinct=True),
        staff=Count("jobs__person", filter=Q(jobs__hidden=False), distinct=True),
    ).filter(Q(alumni__gt=0) | Q(staff__gt=0))
    return render(
        request,
        "profiles/organization_list.html",
        {"organizations": organizations.order_by("-alumni", "-staff", "name")[:500]},
    )


def organization_detail(request, slug):
    try:
        organization = Organization.objects.get(slug=slug)
    except Organization.DoesNotExist:
        return _redirect_merged(OrganizationAlias, "organization", slug)
    education = Education.objects.public().filter(organization=organization)
    education = education.select_related("person")
    jobs = Job.objects.public().filter(organization=organization).select_related("person")
    context = {
        "organization": organization,
        "education": education.order_by("-start_year", "person__name"),
        "jobs": jobs.order_by("-current", "-start_year", "person__name"),
        "span": education.aggregate(first=Min("start_year"), last=Max("end_year")),
    }
    return render(request, "profiles/organization_detail.html", context)


def _redirect_merged(alias_model, field, slug):
    """A merged-away record's old URL: 301 to the record it went into, else 404."""
    alias = alias_model.objects.select_related(field).filter(slug=slug).order_by("-pk").first()
    if alias is None:
        raise Http404(f"No {field} here.")
    return redirect(getattr(alias, field), permanent=True)


def search(request):
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    people = papers = []
    if query:
        people = Person.objects.search(query)[:10]
        papers = Paper.objects.for_list().search(query)[:10]
    context = {"form": form, "query": query, "people": people, "papers": papers}
    return render(request, "profiles/search.html", context)


# Exports: the list pages' FilterSets, streamed when a list can be long -------------------

BIBTEX = "application/x-bibtex; charset=utf-8"
CSV = "text/csv; charset=utf-8"


def _download(content, content_type, filename):
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    return HttpResponse(
        content, content_type=content_type, headers={"Content-Disposition": disposition}
    )


def _stream(chunks, content_type, filename):
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    return StreamingHttpResponse(
        chunks, content_type=content_type, headers={"Content-Disposition": disposition}
    )


def _bad_filters(filterset):
    errors = "; ".join(f"{name}: {' '.join(e)}" for name, e in filterset.errors.items())
    return HttpResponseBadRequest(f"Bad filters: {errors}\n", content_type="text/plain")


@throttled_export
def person_list_csv(request):
    filterset = PersonFilter(request.GET, queryset=Person.objects.for_list())
    if not filterset.is_valid():
        return _bad_filters(filterset)
    people = filterset.qs.iterator(chunk_size=exports.CHUNK)
    rows = exports.person_rows(people, absolute_url)
    return _stream(exports.csv_stream(exports.PERSON_COLUMNS, rows), CSV, "people.csv")


@throttled_export
def paper_list_csv(request):
    filterset = PaperFilter(request.GET, queryset=PaperListView.queryset)
    if not filterset.is_valid():
        return _bad_filters(filterset)
    papers = filterset.qs.iterator(chunk_size=exports.CHUNK)
    rows = exports.paper_rows(papers, absolute_url)
    return _stream(exports.csv_stream(exports.PAPER_COLUMNS, rows), CSV, "papers.csv")


@throttled_export
def paper_list_bibtex(request):
    filterset = PaperFilter(request.GET, queryset=PaperListView.queryset)
    if not filterset.is_valid():
        return _bad_filters(filterset)
    papers = filterset.qs.iterator(chunk_size=exports.CHUNK)
    return _stream(exports.bibtex_stream(papers), BIBTEX, "papers.bib")


def paper_bibtex(request, pk):
    paper = get_object_or_404(Paper.objects.for_list(), pk=pk)
    return _download(exports.bibtex([paper]), BIBTEX, f"paper-{paper.pk}.bib")


def person_bibtex(request, slug):
    person = get_object_or_404(Person, slug=slug)
    papers = Paper.objects.for_profile(person)
    return _download(exports.bibtex(papers), BIBTEX, f"{person.slug}.bib")


def person_json(request, slug):
    person = get_object_or_404(Person.objects.for_profile(), slug=slug)
    return _download(exports.person_json(person), "application/json", f"{person.slug}.json")


def robots_txt(request):
    sitemap = absolute_url(reverse("profiles:sitemap"))
    return render(request, "robots.txt", {"sitemap": sitemap}, content_type="text/plain")


@x_robots_tag
def sitemap_index(request, sitemaps):
    """sitemap.xml: Django's index view writes its locations on the request's Host."""
    items = []
    for section, sitemap_class in sitemaps.items():
        sitemap = sitemap_class()
        location = absolute_url(reverse("profiles:sitemap-section", args=[section]))
        lastmod = sitemap.get_latest_lastmod()
        items.append(SitemapIndexItem(location, lastmod))
        pages = range(2, sitemap.paginator.num_pages + 1)
        items += [SitemapIndexItem(f"{location}?p={page}", lastmod) for page in pages]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
    )
