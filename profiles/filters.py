"""One FilterSet per list page: the query string, typed and validated."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q

from profiles.models import Authorship, Education, Job, Paper, Person, SectionItem


class StableOrderingFilter(django_filters.OrderingFilter):
    """Sorts with a unique tie-breaker, so that rows with equal keys keep their page."""

    def __init__(self, *args, tiebreak, **kwargs):
        super().__init__(*args, **kwargs)
        self.tiebreak = tiebreak

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value:
            qs = qs.order_by(*qs.query.order_by, *self.tiebreak)
        return qs


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", max_length=200)
    organization = django_filters.CharFilter(
        method="studied_or_worked_at", label="Organisation (studied or worked there)"
    )
    degree = django_filters.CharFilter(method="with_degree", label="Degree")
    current = django_filters.CharFilter(method="currently_at", label="Currently at")
    skill = django_filters.CharFilter(method="with_skill", label="Skill or topic")
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
    year_min = django_filters.NumberFilter(field_name="year", lookup_expr="gte", label="From year")
    year_max = django_filters.NumberFilter(field_name="year", lookup_expr="lte", label="To year")
    kind = django_filters.ChoiceFilter(choices=Paper.Kind.choices, label="Kind")
    status = django_filters.ChoiceFilter(choices=Paper.Status.choices, label="Status")
    venue = django_filters.CharFilter(field_name="venue", lookup_expr="iexact", label="Venue")
    author = django_filters.CharFilter(method="by_author", label="Author (profile)")
    first_author = django_filters.CharFilter(
        method="by_first_author", label="First author (profile)"
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
