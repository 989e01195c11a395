from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter

from profiles import views
from profiles.caching import cached_page
from profiles.filters import PaperFilter, PersonFilter, SearchForm
from profiles.sitemaps import SITEMAPS


class IdConverter:
    """A database id as its URL writes it: /papers/007/ is not a second /papers/7/, and 19
    digits or more would overflow the id column."""

    regex = "[1-9][0-9]{0,17}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")

app_name = "profiles"

# The query parameters each page reads (profiles/caching.py redirects away any other), with
# the value that means the same as leaving one out.
PAPER_FILTERS = dict.fromkeys(PaperFilter.base_filters, "")
PERSON_FILTERS = dict.fromkeys(PersonFilter.base_filters, "")
PAGE = {"page": "1"}

urlpatterns = [
    path("", cached_page(views.home), name="home"),
    path(
        "search/",
        cached_page(views.search, dict.fromkeys(SearchForm.base_fields, "")),
        name="search",
    ),
    # The exports come before the pages whose paths they extend.
    path(
        "people/export.csv",
        cached_page(views.person_list_csv, PERSON_FILTERS),
        name="person-list-csv",
    ),
    path("people/<slug:slug>.json", cached_page(views.person_json), name="person-json"),
    path("people/<slug:slug>/papers.bib", cached_page(views.person_bibtex), name="person-bibtex"),
    path(
        "people/",
        cached_page(views.PersonListView.as_view(), PERSON_FILTERS | PAGE),
        name="person-list",
    ),
    path(
        "people/<slug:slug>/",
        cached_page(views.person_detail, {"group": "year"}),
        name="person-detail",
    ),
    path("people/<slug:slug>/cv/", cached_page(views.person_cv), name="person-cv"),
    path(
        "papers/export.csv", cached_page(views.paper_list_csv, PAPER_FILTERS), name="paper-list-csv"
    ),
    path(
        "papers/export.bib",
        cached_page(views.paper_list_bibtex, PAPER_FILTERS),
        name="paper-list-bibtex",
    ),
    path("papers/<id:pk>.bib", cached_page(views.paper_bibtex), name="paper-bibtex"),
    path(
        "papers/",
        cached_page(views.PaperListView.as_view(), PAPER_FILTERS | PAGE),
        name="paper-list",
    ),
    path("papers/<id:pk>/", cached_page(views.paper_detail), name="paper-detail"),
    path(
        "timeline/",
        cached_page(views.TimelineView.as_view(), PAPER_FILTERS | PAGE),
        name="timeline",
    ),
    path("organizations/", cached_page(views.organization_list), name="organization-list"),
    path(
        "organizations/<slug:slug>/",
        cached_page(views.organization_detail),
        name="organization-detail",
    ),
    path(
        "sitemap.xml",
        cached_page(views.sitemap_index),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cached_page(sitemap_views.sitemap, {"p": "1"}),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", cached_page(views.robots_txt), name="robots"),
]
