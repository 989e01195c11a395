"""One FilterSet per list page, and a form for search: the query string, typed and validated.

Every text parameter has a length limit, and Django's CharField refuses NUL, before anything
reaches a query: PostgreSQL refuses NUL in text, and SQLite a LIKE pattern over 50,000 bytes.
"""

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q

from profiles.models import Authorship, Education, Job, Paper, Person, SectionItem

SLUG_LENGTH = Person._meta.get_field("slug").max_length


def nulls_last(key):
    """An order_by key ("-year") with the rows that have no value last, in either direction,
    on every database: PostgreSQL puts NULL first in a descending sort, SQLite in an ascending
    one."""
    if key.startswith("-"):
        return F(key[1:]).desc(nulls_last=True)
    return F(key).asc(nulls_last=True)


# The papers lists' order without ?sort=, and after ?sort=-year.
NEWEST_FIRST = [nulls_last("-year"), "title", "pk"]


class StableOrderingFilter(django_filters.OrderingFilter):
    """Sorts with a unique tie-breaker, so that rows with equal keys keep their page, and rows
    without a value last (nulls_last)."""

    def __init__(self, *args, tiebreak, **kwargs):
        super().__init__(*args, **kwargs)
        self.tiebreak = tiebreak

    def filter(self, qs, value):
        if not value:
            return qs
        ordering = [nulls_last(self.get_ordering_value(param)) for param in value if param]
        return qs.order_by(*ordering, *self.tiebreak)


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="People and papers")


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", max_length=200)
    organization = django_filters.CharFilter(
        method="studied_or_worked_at",
        label="Organisation (studied or worked there)",
        max_length=SLUG_LENGTH,
    )
    degree = django_filters.CharFilter(
        method="with_degree",
        label="Degree",
        max_length=Education._meta.get_field("degree").max_length,
    )
    current = django_filters.CharFilter(
        method="currently_at", label="Currently at", max_length=SLUG_LENGTH
    )
    skill = django_filters.CharFilter(method="with_skill", label="Skill or topic", max_length=200)
    has_papers = django_filters.BooleanFilter(
        method="with_papers", label="Has papers", widget=forms.CheckboxInput
    )
    sort = StableOrderingFilter(
        tiebreak=("name", "pk"),
        choices=[
            ("name", "Name"),
            ("-paper_count", "Most papers"),
            ("-latest_year", "Latest paper"),
        ],
        fields={"name": "name", "paper_count": "paper_count", "latest_year": "latest_year"},
        empty_label="Name",
        label="Sort",
    )

    class Meta:
        model = Person
        fields = []

    def filter_queryset(self, queryset):
        # Sorting by a count needs it for every person; otherwise only the page gets counts.
        if {key.lstrip("-") for key in self.form.cleaned_data.get("sort") or []} & {
            "paper_count",
            "latest_year",
        }:
            queryset = queryset.with_counts()
        return super().filter_queryset(queryset)

    def search(self, queryset, name, value):
        return queryset.search(value)

    def studied_or_worked_at(self, queryset, name, value):
        # One IN (... UNION ...) rather than EXISTS or two INs joined by OR, which make
        # PostgreSQL test every person: this way the organisation's rows come from its index.
        studied = Education.objects.public().filter(organization__slug=value).values("person")
        worked = Job.objects.public().filter(organization__slug=value).values("person")
        return queryset.filter(pk__in=studied.union(worked))

    def with_degree(self, queryset, name, value):
        education = Education.objects.public().filter(person=OuterRef("pk"), degree__iexact=value)
        return queryset.filter(Exists(education))

    def currently_at(self, queryset, name, value):
        jobs = Job.objects.public().filter(
            person=OuterRef("pk"), current=True, organization__slug=value
        )
        return queryset.filter(Exists(jobs))

    def with_skill(self, queryset, name, value):
        items = SectionItem.objects.public().filter(person=OuterRef("pk"), text__icontains=value)
        return queryset.filter(Exists(items))

    def with_papers(self, queryset, name, value):
        # A checkbox: unticked means "any", not "without papers".
        if not value:
            return queryset
        return queryset.filter(Exists(Authorship.objects.public().filter(person=OuterRef("pk"))))


def _authorships(slug):
    """The outer query's paper's public authorship by the person with this slug."""
    return Authorship.objects.public().filter(paper=OuterRef("pk"), person__slug=slug)


class PaperFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        year_min, year_max = data.get("year_min"), data.get("year_max")
        if year_min is not None and year_max is not None and year_min > year_max:
            self.add_error("year_max", "The end year is before the start year.")
        return data


class PaperFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", max_length=200)
    # Bounded, or 1e999 would reach the database as a number no column holds.
    year_min = django_filters.NumberFilter(
        field_name="year", lookup_expr="gte", label="From year", min_value=0, max_value=9999
    )
    year_max = django_filters.NumberFilter(
        field_name="year", lookup_expr="lte", label="To year", min_value=0, max_value=9999
    )
    kind = django_filters.ChoiceFilter(choices=Paper.Kind.choices, label="Kind")
    status = django_filters.ChoiceFilter(choices=Paper.Status.choices, label="Status")
    venue = django_filters.CharFilter(
        field_name="venue",
        lookup_expr="iexact",
        label="Venue",
        max_length=Paper._meta.get_field("venue").max_length,
    )
    author = django_filters.CharFilter(
        method="by_author", label="Author (profile)", max_length=SLUG_LENGTH
    )
    first_author = django_filters.CharFilter(
        method="by_first_author", label="First author (profile)", max_length=SLUG_LENGTH
    )
    equal_contribution = django_filters.BooleanFilter(
        method="with_equal_contribution", label="Equal contribution", widget=forms.CheckboxInput
    )
    has_code = django_filters.BooleanFilter(
        method="with_code", label="Has code", widget=forms.CheckboxInput
    )
    sort = StableOrderingFilter(
        tiebreak=("title", "pk"),
        choices=[("-year", "Newest first"), ("year", "Oldest first"), ("title", "Title")],
        fields={"year": "year", "title": "title"},
        empty_label="Newest first",
        label="Sort",
    )

    class Meta:
        model = Paper
        fields = []
        form = PaperFilterForm

    def search(self, queryset, name, value):
        return queryset.search(value)

    def by_author(self, queryset, name, value):
        return queryset.filter(Exists(_authorships(value)))

    def by_first_author(self, queryset, name, value):
        """First in the byline, or sharing first place: marked equal contribution, as is every
        author before them ('A*, B*, C' makes A and B first authors)."""
        unequal_before = Authorship.objects.filter(
            paper=OuterRef("paper"), position__lt=OuterRef("position"), equal_contribution=False
        )
        first = Q(position=1) | Q(equal_contribution=True, listed_by_owner=False)
        return queryset.filter(Exists(_authorships(value).filter(first, ~Exists(unequal_before))))

    def with_equal_contribution(self, queryset, name, value):
        """Papers whose byline marks equal contribution; with an author or first author, that
        author's own authorship."""
        if not value:
            return queryset
        slug = self.form.cleaned_data.get("author") or self.form.cleaned_data.get("first_author")
        marked = _authorships(slug) if slug else Authorship.objects.filter(paper=OuterRef("pk"))
        return queryset.filter(Exists(marked.filter(equal_contribution=True)))

    def with_code(self, queryset, name, value):
        return queryset.filter(has_code=True) if value else queryset
