"""The portfolio database: people, where they studied and worked, and their papers.

Every fact an import creates keeps the document and line it came from (`Provenance`).
"""

from datetime import UTC

from django.contrib.postgres.lookups import TrigramSimilar, TrigramWordSimilar
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection, connections, models
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Prefetch, Q
from django.db.models.functions import Now, Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from profiles.text import name_key, title_key


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
        return list(enumerate(self.text.split("\n"), start=1))


class Provenance(models.Model):
    """Where a fact came from: a document and its 1-based line."""

    source = models.ForeignKey(
        SourceDocument, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        abstract = True


class PartialDateMixin:
    """Start and end stored as year + optional month, shown as YYYY or YYYY-MM."""

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


class Organization(models.Model):
    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    name_key = models.CharField(max_length=300, unique=True, editable=False)

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
        return self.annotate(
            paper_count=Count("authorships__paper", distinct=True),
            first_year=Min("authorships__paper__year"),
            latest_year=Max("authorships__paper__year"),
        )

    def add_counts(self, people):
        """Set paper_count, first_year and latest_year on a page of people, in one query."""
        missing = [person for person in people if not hasattr(person, "paper_count")]
        rows = (
            Authorship.objects.filter(person__in=missing)
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
        current = Job.objects.filter(current=True).select_related("organization")
        return self.prefetch_related(
            Prefetch("jobs", queryset=current, to_attr="current_jobs")
        ).order_by("name", "pk")

    def for_profile(self):
        return self.prefetch_related(
            Prefetch("education", queryset=Education.objects.select_related("organization")),
            Prefetch("jobs", queryset=Job.objects.select_related("organization")),
            "section_items",
            "documents",
        )

    def coauthors_of(self, person):
        """People who share papers with person, with the number shared, most first."""
        return (
            self.filter(authorships__paper__authorships__person=person)
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
            Education.objects.filter(organization__in=places).values("person"),
            Job.objects.filter(organization__in=places).values("person"),
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
                | Exists(Education.objects.filter(**at_place))
                | Exists(Job.objects.filter(**at_place))
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
        return self.emails if self.show_email else []

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


class Education(PartialDateMixin, Provenance):
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


class Job(PartialDateMixin, Provenance):
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


class SectionItem(Provenance):
    """One item of a free section (skills, honours, talks ...), kept in document order."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="section_items")
    section = models.CharField(max_length=200, db_index=True)
    text = models.TextField()
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["person", "order"]

    def __str__(self):
        return f"{self.section}: {self.text[:60]}"


class PaperQuerySet(SearchQuerySet):
    def for_list(self):
        """Everything a paper row shows, in a fixed number of queries.

        The authors' people come in a query of their own: joined to the authorships,
        PostgreSQL hashes the whole people table, a cost that grows with the data."""
        authorships = Authorship.objects.prefetch_related("person").order_by("position")
        return self.prefetch_related(Prefetch("authorships", queryset=authorships))

    def for_profile(self, person):
        """A person's papers, newest first, with every author for the byline.

        listed_by_person tells the papers the person's own documents list from those where
        only another researcher's document names them.
        """
        listed = PaperSource.objects.filter(paper=OuterRef("pk"), person=person)
        return (
            self.filter(Exists(Authorship.objects.filter(paper=OuterRef("pk"), person=person)))
            .annotate(listed_by_person=Exists(listed))
            .for_list()
            .order_by("-year", "-date", "title")
        )

    def for_export(self, person):
        """The publications of a person's exported document (profiles.exports): the papers
        their documents list, and papers they are an author of that no one's document lists
        (entered by hand). A paper only another researcher lists is in that one's export."""
        listed = PaperSource.objects.filter(paper=OuterRef("pk"), person__isnull=False)
        authored = Authorship.objects.filter(paper=OuterRef("pk"), person=person)
        return (
            self.filter(
                Q(Exists(listed.filter(person=person))) | Q(Exists(authored), ~Exists(listed))
            )
            .for_list()
            .order_by("-year", "-date", "title", "pk")
        )

    def for_detail(self):
        sources = PaperSource.objects.select_related("source", "person").order_by("source__name")
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
            .order_by("-rank", "-year", "title", "pk")
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
        return papers.alias(in_title=in_title).order_by("-in_title", "-year", "title", "pk")


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

    class Meta:
        ordering = ["paper", "source"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "source"], name="one_listing_per_document")
        ]

    def __str__(self):
        return f"{self.paper} in {self.source}"


class Authorship(Provenance):
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

    class Meta:
        ordering = ["paper", "position"]
        indexes = [models.Index(fields=["person", "paper"])]

    def __str__(self):
        return f"{self.name} ({self.position}) on {self.paper}"

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)


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
        if not cls.objects.filter(pk=1).update(version=F("version") + 1, changed_at=Now()):
            cls.objects.get_or_create(pk=1, defaults={"version": 1})
