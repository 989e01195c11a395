"""sitemap.xml: the list pages, every profile, paper and organisation page."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from profiles.models import Organization, Paper, Person


class ListSitemap(Sitemap):
    def items(self):
        names = ["home", "person-list", "paper-list", "timeline", "organization-list"]
        return [f"profiles:{name}" for name in names]

    def location(self, item):
        return reverse(item)


class PersonSitemap(Sitemap):
    def items(self):
        return Person.objects.order_by("pk").only("slug", "updated_at")

    def lastmod(self, person):
        return person.updated_at

    def get_latest_lastmod(self):
        # Sitemap's own reads every item; the index page needs only the latest.
        return Person.objects.aggregate(latest=Max("updated_at"))["latest"]


class PaperSitemap(Sitemap):
    def items(self):
        return Paper.objects.order_by("pk").only("pk")


class OrganizationSitemap(Sitemap):
    def items(self):
        return Organization.objects.with_people().order_by("pk").only("slug")


SITEMAPS = {
    "lists": ListSitemap,
    "people": PersonSitemap,
    "papers": PaperSitemap,
    "organizations": OrganizationSitemap,
}
