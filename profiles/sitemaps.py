"""sitemap.xml: the list pages, every profile, paper and organisation page."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from profiles.models import Organization, Paper, Person


class SiteSitemap(Sitemap):
    """Locations on PORTFOLIO_SITE_URL: Django's would take the request's Host and scheme."""

    # Fewer URLs a page than the protocol's 50,000 keep each page under the page cache's
    # size limit (PORTFOLIO_PAGE_CACHE_MAX_BYTES).
    limit = 2000

    def get_protocol(self, protocol=None):
        return urlsplit(settings.PORTFOLIO_SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.PORTFOLIO_SITE_URL).netloc


class ListSitemap(SiteSitemap):
    def items(self):
        names = ["home", "person-list", "paper-list", "timeline", "organization-list"]
        return [f"profiles:{name}" for name in names]

    def location(self, item):
        return reverse(item)


class PersonSitemap(SiteSitemap):
    def items(self):
        return Person.objects.order_by("pk").only("slug", "updated_at")

    def lastmod(self, person):
        return person.updated_at

    def get_latest_lastmod(self):
        # Sitemap's own reads every item; the index page needs only the latest.
        return Person.objects.aggregate(latest=Max("updated_at"))["latest"]


class PaperSitemap(SiteSitemap):
    def items(self):
        return Paper.objects.order_by("pk").only("pk")


class OrganizationSitemap(SiteSitemap):
    def items(self):
        return Organization.objects.with_people().order_by("pk").only("slug")


SITEMAPS = {
    "lists": ListSitemap,
    "people": PersonSitemap,
    "papers": PaperSitemap,
    "organizations": OrganizationSitemap,
}
