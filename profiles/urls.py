from django.urls import path

from profiles import views

app_name = "profiles"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/<slug:slug>/", views.person_detail, name="person-detail"),
    path("papers/", views.PaperListView.as_view(), name="paper-list"),
    path("papers/<int:pk>/", views.paper_detail, name="paper-detail"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("organizations/", views.organization_list, name="organization-list"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization-detail"),
]
