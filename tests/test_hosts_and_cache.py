"""What a client sends cannot change the page the next visitor gets from the cache: absolute
URLs come from PORTFOLIO_SITE_URL, the cache keeps one copy per canonical URL, and only pages
of a bounded size."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import make_paper, make_person, make_portfolio

pytestmark = pytest.mark.django_db

SITE = "https://portfolio.example.org"
HOSTILE_HOST = "127.0.0.1:6666"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "h"}
    }
    settings.PORTFOLIO_SITE_URL = SITE
    cache.clear()
    yield
    cache.clear()


def cache_entries():
    # LocMemCache's own store: the cache API has no way to count keys.
    return len(cache._cache)


@pytest.fixture
def ada():
    person = make_person(name="Ada Example", slug="ada")
    make_paper([person], title="Ada's Results")
    return person


def absolute_pages(person):
    paper = person.authorships.get().paper
    return [
        reverse("profiles:sitemap"),
        reverse("profiles:sitemap-section", args=["people"]),
        reverse("profiles:sitemap-section", args=["lists"]),
        reverse("profiles:robots"),
        reverse("profiles:person-cv", args=[person.slug]),
        person.get_absolute_url(),  # its JSON-LD
        paper.get_absolute_url(),
    ]


def test_absolute_urls_come_from_the_site_url_not_the_host_header(client, ada):
    for url in absolute_pages(ada):
        poisoned = client.get(url, headers={"host": HOSTILE_HOST})
        assert poisoned.status_code == 200, url
        assert b"6666" not in poisoned.content, url

    for url in absolute_pages(ada):
        page = client.get(url).content.decode()
        assert "6666" not in page, url
        assert f"{SITE}/" in page, url


def test_the_cv_links_its_profile_as_canonical(client, ada):
    client.get(reverse("profiles:person-cv", args=["ada"]), headers={"host": HOSTILE_HOST})

    html = client.get(reverse("profiles:person-cv", args=["ada"])).content.decode()

    assert f'<link rel="canonical" href="{SITE}/people/ada/">' in html


def test_the_sitemap_index_and_robots_txt_name_the_site(client, ada):
    index = client.get(reverse("profiles:sitemap"), headers={"host": HOSTILE_HOST})
    robots = client.get(reverse("profiles:robots"), headers={"host": HOSTILE_HOST})

    assert f"<loc>{SITE}/sitemap-people.xml</loc>" in index.content.decode()
    assert index["X-Robots-Tag"] == "noindex, noodp, noarchive"
    assert f"Sitemap: {SITE}/sitemap.xml" in robots.content.decode()


def test_streamed_exports_link_to_the_site(client, ada):
    for name in ("person-list-csv", "paper-list-csv"):
        response = client.get(reverse(f"profiles:{name}"), headers={"host": HOSTILE_HOST})
        text = b"".join(response.streaming_content).decode()

        assert "6666" not in text
        assert f"{SITE}/" in text


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("/people/ada.json?v=1", "/people/ada.json"),
        ("/people/ada/?group=kind&utm_source=x", "/people/ada/?group=kind"),
        ("/papers/?v=2&kind=journal&kind=conference", "/papers/?kind=conference"),
        ("/papers/?sort=&q=x&page=1&v=", "/papers/?q=x"),
        (
            "/papers/export.csv?year_max=2024&x=1&year_min=2020",
            "/papers/export.csv?year_min=2020&year_max=2024",
        ),
        ("/sitemap-people.xml?p=1&x=y", "/sitemap-people.xml"),
        ("/?%00=1", "/"),
    ],
)
def test_unknown_parameters_redirect_to_the_canonical_url(client, ada, url, canonical):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == canonical
    assert client.get(canonical).status_code == 200


def test_unknown_parameters_make_no_cache_entries_and_no_queries(
    client, ada, django_assert_num_queries
):
    client.get("/people/ada.json")
    entries = cache_entries()

    with django_assert_num_queries(0):
        for n in range(20):
            assert client.get(f"/people/ada.json?v={n}").status_code == 302

    assert cache_entries() == entries


def test_variants_of_a_canonical_query_are_served_its_copy(client, django_assert_num_queries):
    make_portfolio(2)
    canonical = client.get("/papers/?kind=conference")
    entries = cache_entries()

    for variant in (
        "/papers/?kind=conference&q=",
        "/papers/?page=1&kind=conference",
        "/papers/?kind=journal&kind=conference",
    ):
        with django_assert_num_queries(1):  # the data version
            assert client.get(variant).content == canonical.content

    assert cache_entries() == entries


def test_a_variant_is_not_stored_for_the_canonical_url(client):
    make_portfolio(2)
    client.get("/papers/?q=&year_min=")  # renders "for the filters above"

    canonical = client.get("/papers/").content.decode()

    assert "for the filters above" not in canonical


def test_pages_over_the_size_limit_are_not_cached(client, ada, settings, django_assert_num_queries):
    settings.PORTFOLIO_PAGE_CACHE_MAX_BYTES = 1000
    client.get("/people/ada.json")  # small: cached
    client.get("/people/ada/")  # a whole page: too big
    assert cache_entries() == 1

    with django_assert_num_queries(1):
        client.get("/people/ada.json")
    assert client.get("/people/ada/").status_code == 200
