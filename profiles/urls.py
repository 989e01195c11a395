from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from profiles import views
from profiles.caching import cached_page
from profiles.sitemaps import SITEMAPS

app_name = "profiles"

urlpatterns = [
    path("", cached_page(views.home), name="home"),
    path("search/", cached_page(views.search), name="search"),
    # The exports come before the pages whose paths they extend.
    path("people/export.csv", cached_page(views.person_list_csv), name="person-list-csv"),
    path("people/<slug:slug>.json", cached_page(views.person_json), name="person-json"),
    path("people/<slug:slug>/papers.bib", cached_page(views.person_bibtex), name="person-bibtex"),
    path("people/", cached_page(views.PersonListView.as_view()), name="person-list"),
    path("people/<slug:slug>/", cached_page(views.person_detail), name="person-detail"),
    path("people/<slug:slug>/cv/", cached_page(views.person_cv), name="person-cv"),
    path("papers/export.csv", cached_page(views.paper_list_csv), name="paper-list-csv"),
    path("papers/export.bib", cached_page(views.paper_list_bibtex), name="paper-list-bibtex"),
    path("papers/<int:pk>.bib", cached_page(views.paper_bibtex), name="paper-bibtex"),
    path("papers/", cached_page(views.PaperListView.as_view()), name="paper-list"),
    path("papers/<int:pk>/", cached_page(views.paper_detail), name="paper-detail"),
    path("timeline/", cached_page(views.TimelineView.as_view()), name="timeline"),
    path("organizations/", cached_page(views.organization_list), name="organization-list"),
    path(
        "organizations/<slug:slug>/",
        cached_page(views.organization_detail),
        name="organization-detail",
    ),
    path(
        "sitemap.xml",
        cached_page(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "profiles:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cached_page(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", cached_page(views.robots_txt), name="robots"),
]
