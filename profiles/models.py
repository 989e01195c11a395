"""The portfolio database: people, where they studied and worked, and their papers.

Every fact an import creates keeps the document and line it came from (`Provenance`).
"""

import threading
from contextlib import contextmanager
from datetime import UTC

from django.conf import settings
from django.contrib.postgres.lookups import TrigramSimilar, TrigramWordSimilar
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.core.exceptions import ValidationError
from django.db import connection, connections, models
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Prefetch, Q
from django.db.models.functions import Now, Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from profiles.importer.segment import kept_link
from profiles.text import name_key, numbered_pages, title_key


def well_formed_links(value):
    """The links of a stored `links` value: [{"label": str, "url": str}], each url one the
    importer keeps (segment.kept_link), as stored.

    The JSON was an import's or a curator's, and may hold anything: whatever is not such a
    link is left out, and a link without a text label is called "Link", as the JSON importer
    calls it.
    """
    links = []
    for link in value if isinstance(value, list) else []:
        url = link.get("url") if isinstance(link, dict) else None
        if kept_link(url):
            label = link.get("label")
            label = label.strip() if isinstance(label, str) else ""
            links.append({"label": label or "Link", "url": url.strip()})
    return links


def well_formed_texts(value):
    """The non-blank strings of a stored list of texts (awards, details, e-mail addresses), as
    stored: a detail's indent says what it is under."""
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str) and item.strip()]


class SourceDocument(models.Model):
    name = models.CharField(max_length=255, unique=True, help_text="File name as imported.")
    sha256 = models.CharField(max_length=64, unique=True)
    text = models.TextField(help_text="The decoded text the parser read.")
    captured_on = models.DateField(help_text="Capture date (--as-of): resolves yearless dates.")
    imported_at = models.DateTimeField(auto_now=True)
    parser_version = models.CharField(max_length=20)
    report = models.JSONField(default=dict, blank=True, help_text="Counts, warnings, unparsed.")
    person = models.ForeignKey(
        "Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def numbered_lines(self):
        """[(number, page, text)] of the stored text: see text.numbered_pages()."""
        return numbered_pages(self.text)


class Provenance(models.Model):
    """Where a fact came from: a document and its 1-based line."""

    source = models.ForeignKey(
        SourceDocument, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        abstract = True


class VisibilityQuerySet(models.QuerySet):
    def public(self):
        """What public pages, exports, charts and search may use: all but what a curator hid."""
        return self.filter(hidden=False)


class Visibility(models.Model):
    """A curator can hide a record from every public page and export, as ORCID's per-item
    visibility does. It stays in the database and the admin, with who hid it and when."""

    hidden = models.BooleanField(
        default=False, db_index=True, help_text="Hidden from public pages and exports."
    )
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = VisibilityQuerySet.as_manager()

    class Meta:
        abstract = True

    def set_hidden(self, hidden, *, by=None):
        self.hidden = hidden
        self.hidden_by, self.hidden_at = (by, timezone.now()) if hidden else (None, None)


class PartialDateMixin:
    """Start and end stored as year + optional month, shown as YYYY or YYYY-MM.

    An ongoing entry ("2024 – Present") is `current` with no end: the end is never a date
    standing in for "present".
    """

    @staticmethod
    def _partial(year, month):
        if year is None:
            return None
        return f"{year:04d}-{month:02d}" if month else f"{year:04d}"

    @property
    def start(self):
        return self._partial(self.start_year, self.start_month)

    @property
    def end(self):
        return self._partial(self.end_year, self.end_month)

    def clean(self):
        if self.current and (self.end_year or self.end_month):
            raise ValidationError("An ongoing entry has no end: clear the end or untick current.")


# What search reads on PostgreSQL. Migration 0006 indexes these exact expressions (GIN), and a
# query uses an expression index only when its expression is identical: change both together
# (test_search_uses_its_indexes checks).
PERSON_DOCUMENT = SearchVector("name", weight="A", config="simple") + SearchVector(
    "headline", weight="B", config="simple"
)
PAPER_DOCUMENT = (
    SearchVector("title", weight="A", config="simple")
    + SearchVector("venue", weight="B", config="simple")
    + SearchVector("abstract", weight="C", config="simple")
)
NAME_DOCUMENT = SearchVector("name", config="simple")


class SearchQuerySet(models.QuerySet):
    def search(self, query):
        """Rows matching query, best first: the one place that picks how, by database.

        PostgreSQL reads query as a web search (`"a phrase"`, `or`, `-word`) in the `simple`
        configuration: no stemming and no stop words, as names and titles come in many
        languages. Other databases look for every word in any of the same fields. A blank
        query matches nothing; an explicit order_by() afterwards replaces the ranking.
        """
        query = query.replace("\x00", " ").strip()  # PostgreSQL refuses NUL in text
        if not query:
            return self.none()
        if connections[self.db].vendor == "postgresql":
            terms = SearchQuery(query, search_type="websearch", config="simple")
            return self._search_postgresql(terms, query)
        return self._search_words(query.split())


class OrganizationQuerySet(models.QuerySet):
    def with_people(self):
        """Organisations someone studied or worked at, as public pages count them: not those
        only hidden entries name."""
        studied = Education.objects.public().filter(organization=OuterRef("pk"))
        worked = Job.objects.public().filter(organization=OuterRef("pk"))
        return self.filter(Q(Exists(studied)) | Q(Exists(worked)))


class Organization(models.Model):
    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    name_key = models.CharField(max_length=300, unique=True, editable=False)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("profiles:organization-detail", args=[self.slug])


class PersonQuerySet(SearchQuerySet):
    def with_counts(self):
        """paper_count, first_year and latest_year, for sorting by them: this aggregates
        every person's papers, so a list sorted by name uses add_counts() on its page."""
        public = Q(authorships__hidden=False)
        return self.annotate(
            paper_count=Count("authorships__paper", filter=public, distinct=True),
            first_year=Min("authorships__paper__year", filter=public),
            latest_year=Max("authorships__paper__year", filter=public),
        )

    def add_counts(self, people):
        """Set paper_count, first_year and latest_year on a page of people, in one query."""
        missing = [person for person in people if not hasattr(person, "paper_count")]
        rows = (
            Authorship.objects.public()
            .filter(person__in=missing)
            .order_by()
            .values("person")
            .annotate(
                n=Count("paper", distinct=True), first=Min("paper__year"), last=Max("paper__year")
            )
        )
        counts = {row["person"]: row for row in rows} if missing else {}
        for person in missing:
            row = counts.get(person.pk, {})
            person.paper_count = row.get("n", 0)
            person.first_year, person.latest_year = row.get("first"), row.get("last")
        return people

    def for_list(self):
        """What a people-list row shows but its counts (add_counts), in a fixed number of
        queries."""
        current = Job.objects.public().filter(current=True).select_related("organization")
        return self.prefetch_related(
            Prefetch("jobs", queryset=current, to_attr="current_jobs")
        ).order_by("name", "pk")

    def for_profile(self):
        """A person's public parts: what the profile, the CV and the exports show."""
        return self.prefetch_related(
            Prefetch(
                "education", queryset=Education.objects.public().select_related("organization")
            ),
            Prefetch("jobs", queryset=Job.objects.public().select_related("organization")),
            Prefetch("section_items", queryset=SectionItem.objects.public()),
            "documents",
        )

    def coauthors_of(self, person):
        """People who share papers with person, with the number shared, most first; neither
        side's authorship hidden."""
        papers = Authorship.objects.public().filter(person=person).values("paper")
        return (
            self.filter(authorships__paper__in=papers, authorships__hidden=False)
            .exclude(pk=person.pk)
            .annotate(shared=Count("authorships__paper", distinct=True))
            .order_by("-shared", "name")
        )

    def _search_postgresql(self, terms, query):
        """Matches on name or headline, best first; then names spelt like query, closest first
        (pg_trgm: the whole name, or one of its words, is similar); then people who studied or
        worked at a matching place.

        The matches are a UNION of one indexed search per table: OR-ing the tables' conditions
        in one WHERE would make PostgreSQL read every row.
        """
        by_name = Person.objects.alias(document=PERSON_DOCUMENT).filter(
            Q(document=terms)
            | TrigramSimilar(F("name"), query)
            | TrigramWordSimilar(F("name"), query)
        )
        places = Organization.objects.alias(document=NAME_DOCUMENT).filter(document=terms)
        matches = by_name.values("pk").union(
            Education.objects.public().filter(organization__in=places).values("person"),
            Job.objects.public().filter(organization__in=places).values("person"),
            all=True,
        )
        return (
            self.filter(pk__in=matches)
            .alias(
                rank=SearchRank(PERSON_DOCUMENT, terms),
                similarity=TrigramWordSimilarity(query, "name"),
            )
            .order_by("-rank", "-similarity", "name", "pk")
        )

    def _search_words(self, words):
        """Every word in the name, headline or a place's name; names holding them all first."""
        people = self
        for word in words:
            at_place = {"person": OuterRef("pk"), "organization__name__icontains": word}
            people = people.filter(
                Q(name__icontains=word)
                | Q(headline__icontains=word)
                | Exists(Education.objects.public().filter(**at_place))
                | Exists(Job.objects.public().filter(**at_place))
            )
        in_name = Q.create([("name__icontains", word) for word in words])
        return people.alias(in_name=in_name).order_by("-in_name", "name", "pk")


class Person(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    headline = models.CharField(max_length=300, blank=True)
    location = models.CharField(max_length=200, blank=True)
    homepage = models.CharField(max_length=500, blank=True)
    links = models.JSONField(default=list, blank=True, help_text='[{"label": ..., "url": ...}]')
    emails = models.JSONField(default=list, blank=True)
    show_email = models.BooleanField(
        default=False, help_text="Show e-mail addresses on public pages."
    )
    phones = models.JSONField(default=list, blank=True, help_text="Never shown publicly.")
    address = models.TextField(blank=True, help_text="Never shown publicly.")
    metrics = models.JSONField(default=dict, blank=True, help_text="As the document gave them.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        # Search's indexes are PostgreSQL's alone: see migration 0006.
        indexes = [models.Index(fields=["name"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("profiles:person-detail", args=[self.slug])

    def public_emails(self):
        return well_formed_texts(self.emails) if self.show_email else []

    def safe_links(self):
        return well_formed_links(self.links)

    def captured_on(self):
        """The latest capture date of this person's documents: where open periods end."""
        dates = [document.captured_on for document in self.documents.all()]
        return max(dates) if dates else None

    def grouped_sections(self):
        """[(section title, [items])] in document order."""
        groups = {}
        for item in self.section_items.all():
            groups.setdefault(item.section, []).append(item)
        return list(groups.items())

    def timeline_spans(self):
        from profiles.charts import Span, as_years

        spans = [
            Span(
                label=entry.degree or entry.degree_text or "Studies",
                detail=entry.organization.name,
                kind="education",
                start=as_years(entry.start_year, entry.start_month),
                end=as_years(entry.end_year, entry.end_month),
                open_end=entry.current,
            )
            for entry in self.education.all()
        ]
        spans += [
            Span(
                label=job.title or "Position",
                detail=job.organization.name,
                kind="job",
                start=as_years(job.start_year, job.start_month),
                end=as_years(job.end_year, job.end_month),
                open_end=job.current,
            )
            for job in self.jobs.all()
        ]
        return spans


class Education(PartialDateMixin, Visibility, Provenance):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="education")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="education"
    )
    degree = models.CharField(max_length=100, blank=True, db_index=True)
    degree_text = models.CharField(max_length=300, blank=True, help_text="As written.")
    field = models.CharField(max_length=300, blank=True)
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    start_month = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_month = models.PositiveSmallIntegerField(null=True, blank=True)
    current = models.BooleanField(default=False)
    expected = models.BooleanField(default=False)
    advisor = models.CharField(max_length=200, blank=True)
    gpa = models.CharField(max_length=100, blank=True)
    location = models.CharField(max_length=200, blank=True)
    details = models.JSONField(default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["person", "order"]
        verbose_name_plural = "education"
        indexes = [
            models.Index(fields=["organization", "start_year"]),
            models.Index(Upper("degree"), name="profiles_education_degree"),  # degree= (iexact)
        ]

    def __str__(self):
        return f"{self.degree or self.degree_text or 'Study'}, {self.organization}"

    def entry_key(self):
        """The same entry in a new version of its document, which stays hidden if this was."""
        return (self.organization_id, self.degree_text or self.degree, self.start_year)

    def safe_details(self):
        return well_formed_texts(self.details)


class Job(PartialDateMixin, Visibility, Provenance):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="jobs")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="jobs")
    title = models.CharField(max_length=300, blank=True)
    location = models.CharField(max_length=200, blank=True)
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    start_month = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_month = models.PositiveSmallIntegerField(null=True, blank=True)
    current = models.BooleanField(default=False, db_index=True)
    details = models.JSONField(default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["person", "order"]
        indexes = [models.Index(fields=["organization", "current", "start_year"])]

    def __str__(self):
        return f"{self.title or 'Position'}, {self.organization}"

    def entry_key(self):
        return (self.organization_id, self.title, self.start_year)

    def safe_details(self):
        return well_formed_texts(self.details)


class SectionItem(Visibility, Provenance):
    """One item of a free section (skills, honours, talks ...), kept in document order."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="section_items")
    section = models.CharField(max_length=200, db_index=True)
    text = models.TextField()
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["person", "order"]

    def __str__(self):
        return f"{self.section}: {self.text[:60]}"

    def entry_key(self):
        return (self.section, self.text)


# Newest first, undated papers last: PostgreSQL would put NULL first in a descending sort, and
# SQLite puts it last. On PostgreSQL these sorts have indexes of their own (migration 0012).
NEWEST = (F("year").desc(nulls_last=True), F("date").desc(nulls_last=True), "title")


class PaperQuerySet(SearchQuerySet):
    def for_list(self):
        """Everything a paper row shows, in a fixed number of queries.

        The authors' people come in a query of their own: joined to the authorships,
        PostgreSQL hashes the whole people table, a cost that grows with the data."""
        authorships = Authorship.objects.for_byline().prefetch_related("person")
        authorships = authorships.order_by("position")
        return self.prefetch_related(Prefetch("authorships", queryset=authorships))

    def for_profile(self, person):
        """A person's papers, newest first, with every author for the byline; not those
        whose authorship by person a curator hid.

        listed_by_person tells the papers the person's own documents list from those where
        only another researcher's document names them.
        """
        listed = PaperSource.objects.filter(paper=OuterRef("pk"), person=person)
        return (
            self.filter(Exists(_authored_by(person)))
            .annotate(listed_by_person=Exists(listed))
            .for_list()
            .order_by(*NEWEST)
        )

    def selected_by(self, person):
        """The papers selected for person's profile (FeaturedPaper), in the curators' order;
        not one whose authorship by person is hidden."""
        return (
            self.filter(featured__person=person)
            .filter(Exists(_authored_by(person)))
            .for_list()
            .order_by("featured__order", "featured__pk")
        )

    def for_export(self, person):
        """The publications of a person's exported document (profiles.exports): the papers
        their documents list, and papers they are an author of that no one's document lists
        (entered by hand). A paper only another researcher lists is in that one's export,
        and one whose authorship by person is hidden is in neither."""
        listed = PaperSource.objects.filter(paper=OuterRef("pk"), person__isnull=False)
        hidden = Authorship.objects.filter(paper=OuterRef("pk"), person=person, hidden=True)
        return (
            self.filter(
                Q(Exists(listed.filter(person=person)))
                | Q(Exists(_authored_by(person)), ~Exists(listed)),
                ~Exists(hidden),
            )
            .for_list()
            .order_by(*NEWEST, "pk")
        )

    def for_detail(self):
        sources = (
            PaperSource.objects.public().select_related("source", "person").order_by("source__name")
        )
        return self.for_list().prefetch_related(Prefetch("sources", queryset=sources))

    def _search_postgresql(self, terms, query):
        """Matches on title, venue or abstract, best first, then papers by a matching author,
        newest first. A UNION of indexed searches, as for people."""
        by_text = Paper.objects.alias(document=PAPER_DOCUMENT).filter(document=terms)
        by_author = Authorship.objects.alias(document=NAME_DOCUMENT).filter(document=terms)
        matches = by_text.values("pk").union(by_author.values("paper"), all=True)
        return (
            self.filter(pk__in=matches)
            .alias(rank=SearchRank(PAPER_DOCUMENT, terms))
            .order_by("-rank", NEWEST[0], "title", "pk")
        )

    def _search_words(self, words):
        """Every word in the title, venue, abstract or an author's name; titles holding all
        of them first."""
        papers = self
        for word in words:
            authorships = Authorship.objects.filter(name__icontains=word)
            papers = papers.filter(
                Q(title__icontains=word)
                | Q(venue__icontains=word)
                | Q(abstract__icontains=word)
                | Q(pk__in=authorships.values("paper"))
            )
        in_title = Q.create([("title__icontains", word) for word in words])
        return papers.alias(in_title=in_title).order_by("-in_title", NEWEST[0], "title", "pk")


class Paper(models.Model):
    class Kind(models.TextChoices):
        CONFERENCE = "conference", "Conference paper"
        JOURNAL = "journal", "Journal article"
        PREPRINT = "preprint", "Preprint"
        BOOK = "book", "Book"
        THESIS = "thesis", "Thesis"
        PATENT = "patent", "Patent"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        PUBLISHED = "published", "Published"
        SUBMITTED = "submitted", "Submitted"
        UNDER_REVIEW = "under review", "Under review"
        FORTHCOMING = "forthcoming", "Forthcoming"
        IN_PREPARATION = "in preparation", "In preparation"

    title = models.CharField(max_length=1000)
    title_key = models.CharField(max_length=500, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    venue = models.CharField(max_length=300, blank=True)
    venue_full = models.CharField(max_length=500, blank=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.OTHER)
    status = models.CharField(max_length=20, choices=Status, default=Status.PUBLISHED)
    abstract = models.TextField(blank=True)
    awards = models.JSONField(default=list, blank=True)
    links = models.JSONField(default=list, blank=True)
    has_code = models.BooleanField(default=False)
    arxiv_id = models.CharField(max_length=40, blank=True)
    category = models.CharField(max_length=40, blank=True, help_text="arXiv category.")
    authors_truncated = models.BooleanField(
        default=False, help_text="The fullest author list known ends in 'et al.'"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PaperQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        # The list's filters, each leading an index in the list's default order; year ranges
        # and sort=-year or year use the second. Search's indexes are PostgreSQL's alone: see
        # migration 0006.
        indexes = [
            models.Index(fields=["year", "kind"]),  # the timeline's counts
            models.Index(fields=["-year", "title"]),
            models.Index(fields=["-year", "-date", "title"]),  # newest first: home, profiles
            models.Index(fields=["title"]),
            models.Index(fields=["kind", "-year", "title"]),
            models.Index(fields=["status", "-year", "title"]),
            models.Index(fields=["has_code", "-year", "title"]),
            models.Index(Upper("venue"), F("year").desc(), "title", name="profiles_paper_venue"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title_key = title_key(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("profiles:paper-detail", args=[self.pk])

    def safe_links(self):
        return well_formed_links(self.links)

    def safe_awards(self):
        return well_formed_texts(self.awards)


class PaperSourceQuerySet(models.QuerySet):
    def public(self):
        """Listings a public page may name: not the listing by a person whose authorship of
        the paper is hidden, as the document's name often names them."""
        hidden = Authorship.objects.filter(
            paper=OuterRef("paper"), person=OuterRef("person"), hidden=True
        )
        return self.exclude(Exists(hidden))


class PaperSource(Provenance):
    """One document's listing of a paper, with the record as that document gave it.

    A paper's own fields and authors are rebuilt from all its sources, so a re-imported
    document can withdraw exactly what it contributed.
    """

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="sources")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    record = models.JSONField()

    objects = PaperSourceQuerySet.as_manager()

    class Meta:
        ordering = ["paper", "source"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "source"], name="one_listing_per_document")
        ]

    def __str__(self):
        return f"{self.paper} in {self.source}"


def _authored_by(person):
    """A public authorship of the outer query's paper by person."""
    return Authorship.objects.public().filter(paper=OuterRef("pk"), person=person)


class AuthorshipQuerySet(VisibilityQuerySet):
    def for_byline(self):
        """The names a byline shows: all but an entry that is there only because the person's
        CV lists the paper (listed_by_owner), once hidden."""
        return self.exclude(hidden=True, listed_by_owner=True)


class Authorship(Visibility, Provenance):
    """A name in a paper's byline, linked to a person when known.

    Hidden, the paper is no longer shown as the person's anywhere public (profile, counts,
    charts, exports, co-authors, JSON-LD), but it stays on the site, as it is also other
    people's work: its byline shows the name as written, as plain text.
    """

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="authorships")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200, help_text="As written.")
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="authorships"
    )
    equal_contribution = models.BooleanField(default=False)
    listed_by_owner = models.BooleanField(
        default=False,
        help_text="Not in the byline (a group or 'et al.' byline); the person's CV lists it.",
    )

    objects = AuthorshipQuerySet.as_manager()

    class Meta:
        ordering = ["paper", "position"]
        indexes = [
            models.Index(fields=["person", "paper"]),
            # /papers/?equal_contribution=on
            models.Index(
                fields=["paper"],
                condition=Q(equal_contribution=True),
                name="profiles_authorship_equal",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.position}) on {self.paper}"

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)

    @property
    def public_person(self):
        """The person public pages link this name to: none when the authorship is hidden."""
        return None if self.hidden else self.person

    def entry_key(self):
        return (self.paper_id, self.person_id or self.name_key)


class FeaturedPaper(models.Model):
    """A paper a curator selected for the top of a person's profile and CV."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="featured")
    paper = models.ForeignKey(
        Paper, on_delete=models.CASCADE, related_name="featured", help_text="One of theirs."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["person", "order", "pk"]
        verbose_name = "selected publication"
        constraints = [
            models.UniqueConstraint(fields=["person", "paper"], name="one_selection_per_paper")
        ]

    def __str__(self):
        return f"{self.paper} (selected by {self.person})"

    def clean(self):
        if self.person_id and self.paper_id:
            authored = Authorship.objects.filter(paper_id=self.paper_id, person_id=self.person_id)
            if not authored.exists():
                raise ValidationError({"paper": "Only a paper they are an author of."})


class NameVariant(models.Model):
    """Another way a person's name is written in bylines: 'J. Roe', 'Roe, Jane', a name in
    another script. Authors written so link to the person, on import and when a variant is
    added (services.link_name_variants).

    Not a PersonAlias: an alias is the name of a record merged away, with its old URL to
    redirect, and a new document by that name is the kept person's. A variant belongs to a
    living record and only links bylines: a CV whose owner is 'Z. Du' may be someone else's.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_variants")
    name = models.CharField(max_length=200, help_text="As bylines write it.")
    key = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = name_key(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        # The key is not a form field, so its uniqueness is checked here, not by the form.
        key = name_key(self.name)
        if not key:
            raise ValidationError({"name": "A name needs letters or digits."})
        taken = (
            Person.objects.filter(name_key=key).exclude(pk=self.person_id).first()
            or NameVariant.objects.filter(key=key).exclude(pk=self.pk).first()
        )
        if taken is not None:
            owner = taken if isinstance(taken, Person) else taken.person
            raise ValidationError({"name": f"{owner} already goes by this name."})


class Alias(models.Model):
    """A name a merged-away record had: later imports of that name find the kept record,
    and the old public URL redirects to it."""

    name = models.CharField(max_length=1000, help_text="As the merged record had it.")
    key = models.CharField(max_length=500, unique=True, editable=False)
    slug = models.CharField(max_length=120, blank=True, db_index=True)
    merged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = self.make_key(self.name)
        super().save(*args, **kwargs)

    @staticmethod
    def make_key(name):
        return name_key(name)


class OrganizationAlias(Alias):
    organization = models.ForeignKey(
        "Organization", on_delete=models.CASCADE, related_name="aliases"
    )

    class Meta(Alias.Meta):
        verbose_name_plural = "organization aliases"


class PersonAlias(Alias):
    person = models.ForeignKey("Person", on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        verbose_name_plural = "person aliases"


class PaperAlias(Alias):
    """slug holds the merged paper's id, which its public URL used."""

    paper = models.ForeignKey("Paper", on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        verbose_name_plural = "paper aliases"

    @staticmethod
    def make_key(name):
        return title_key(name)


class DataVersion(models.Model):
    """One row, bumped in the same transaction as every change to the portfolio data.

    Cached pages are keyed on the version, so a commit makes them stale at once on every app
    server, and a rolled-back change leaves them valid.
    """

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now_add=True)
    stats = models.JSONField(default=dict, blank=True, help_text="Site-wide counts at `version`.")

    def __str__(self):
        return f"data version {self.version} ({self.changed_at:%Y-%m-%d %H:%M:%S})"

    @classmethod
    def current(cls):
        """The version and its time, without `stats`. Every page view reads it, so this is a
        plain query: the ORM's own cost per query was most of a cached page's time."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT version, changed_at FROM {cls._meta.db_table} WHERE id = 1")
            row = cursor.fetchone()
        if row is None:
            return cls.objects.get_or_create(pk=1)[0]
        version, changed_at = row
        if isinstance(changed_at, str):  # SQLite hands back text
            changed_at = parse_datetime(changed_at)
        if timezone.is_naive(changed_at):
            changed_at = timezone.make_aware(changed_at, UTC)
        return cls(pk=1, version=version, changed_at=changed_at)

    @classmethod
    def bump(cls):
        if _batch.depth:
            _batch.pending = True  # batched(): once, when the batch ends
            return
        if not cls.objects.filter(pk=1).update(version=F("version") + 1, changed_at=Now()):
            cls.objects.get_or_create(pk=1, defaults={"version": 1})

    @classmethod
    @contextmanager
    def batched(cls):
        """Within it, the bumps of this thread are one, at its end: a batch of 200 imports
        empties the page cache once, not 200 times, and cached pages show the batch's data
        when it is done (each document is still saved in its own transaction)."""
        _batch.depth += 1
        try:
            yield
        finally:
            _batch.depth -= 1
            if not _batch.depth and _batch.pending:
                _batch.pending = False
                cls.bump()


class _Batch(threading.local):
    depth = 0
    pending = False


_batch = _Batch()


class LoginFailure(models.Model):
    """A failed admin login, or one being checked, under one of its keys (profiles.ratelimit).

    In the database, so that every app server process counts the same failures: a cache of
    each process's own let each of them take the limit's worth of guesses.
    """

    key = models.CharField(max_length=80, help_text="Hashed username or address.")
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["key", "at"]), models.Index(fields=["at"])]

    def __str__(self):
        return f"{self.key} at {self.at:%Y-%m-%d %H:%M:%S}"


class PendingImport(models.Model):
    """The documents of an admin import preview, kept for its confirmation.

    Sent back through the browser instead, one document at the importer's size limit would be
    a form field larger than Django accepts (DATA_UPLOAD_MAX_MEMORY_SIZE).
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    documents = models.JSONField(help_text='[{"name": ..., "data": base64, "person": id}]')

    def __str__(self):
        return f"import preview by {self.created_by} ({self.created_at:%Y-%m-%d %H:%M})"
