from django.urls import path

from profiles import views
from profiles.caching import cached_page

app_name = "profiles"

urlpatterns = [
    path("", cached_page(views.home), name="home"),
    path("search/", cached_page(views.search), name="search"),
    path("people/", cached_page(views.PersonListView.as_view()), name="person-list"),
    path("people/<slug:slug>/", cached_page(views.person_detail), name="person-detail"),
    path("papers/", cached_page(views.PaperListView.as_view()), name="paper-list"),
    path("papers/<int:pk>/", cached_page(views.paper_detail), name="paper-detail"),
    path("timeline/", cached_page(views.TimelineView.as_view()), name="timeline"),
    path("organizations/", cached_page(views.organization_list), name="organization-list"),
    path(
        "organizations/<slug:slug>/",
        cached_page(views.organization_detail),
        name="organization-detail",
    ),
]
