"""The page cache: served from memory until the data changes, never stale after a change."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from profiles import services
from profiles.models import DataVersion, Organization, Person
from tests.factories import make_organization, make_person, make_portfolio
from tests.importer.conftest import SEEDS

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-42"
SEED_FILES = sorted(SEEDS.glob("[0-9][0-9][0-9]_*.txt"))


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    }
    cache.clear()
    yield
    cache.clear()


def test_a_second_visit_is_served_from_the_cache(client, django_assert_num_queries):
    make_portfolio(3)
    DataVersion.bump()
    url = reverse("profiles:person-list")
    first = client.get(url)

    with django_assert_num_queries(1):  # the data version, nothing else
        second = client.get(url)

    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "no-cache" in second["Cache-Control"]


def test_an_unchanged_page_revalidates_with_304(client):
    make_person(name="Ada Example", slug="ada")
    url = reverse("profiles:person-detail", args=["ada"])
    first = client.get(url)

    again = client.get(url, headers={"if-none-match": first["ETag"]})
    since = client.get(url, headers={"if-modified-since": first["Last-Modified"]})

    assert (again.status_code, again.content) == (304, b"")
    assert since.status_code == 304


def test_an_import_makes_every_page_fresh(client):
    call_command("import_portfolios", "--as-of=2026-11-22", str(SEED_FILES[0]), verbosity=0)
    url = reverse("profiles:person-list")
    before = client.get(url)

    call_command("import_portfolios", "--as-of=2026-11-22", str(SEED_FILES[1]), verbosity=0)
    after = client.get(url, headers={"if-none-match": before["ETag"]})

    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    newcomer = Person.objects.get(documents__name=SEED_FILES[1].name)
    assert newcomer.name in after.content.decode()
    assert newcomer.name not in before.content.decode()


def test_an_admin_edit_makes_the_public_page_fresh(client, admin_client):
    person = make_person(name="Ada Example", slug="ada")
    url = reverse("profiles:person-detail", args=["ada"])
    assert "Ada Example" in client.get(url).content.decode()

    change = reverse("admin:profiles_person_change", args=[person.pk])
    form = admin_client.get(change).context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None}
    data |= {"name": "Ada Renamed", "links": "[]", "emails": "[]", "phones": "[]", "metrics": "{}"}
    for prefix in ("featured", "education", "jobs", "section_items", "name_variants", "aliases"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    response = admin_client.post(change, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "Ada Renamed" in client.get(url).content.decode()


def test_a_merge_makes_the_public_page_fresh(client):
    kept, merged = make_organization("Example University"), make_organization("Example Univ.")
    url = reverse("profiles:organization-detail", args=[merged.slug])
    assert client.get(url).status_code == 200

    services.merge_organizations(keep=kept, others=[merged])

    assert client.get(url).status_code == 301
    assert not Organization.objects.filter(pk=merged.pk).exists()


def test_a_rolled_back_change_leaves_the_cache_valid(client):
    make_person(name="Ada Example", slug="ada")
    url = reverse("profiles:person-detail", args=["ada"])
    etag = client.get(url)["ETag"]

    with pytest.raises(RuntimeError), transaction.atomic():
        Person.objects.filter(slug="ada").update(name="Never Committed")
        DataVersion.bump()
        raise RuntimeError("the change fails")

    assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_staff_get_their_own_copy_with_admin_links(client, admin_client):
    make_person(name="Ada Example", slug="ada")
    url = reverse("profiles:person-detail", args=["ada"])
    public = client.get(url)

    staff = admin_client.get(url)

    assert "Edit in the admin" not in public.content.decode()
    assert "Edit in the admin" in staff.content.decode()
    assert staff["ETag"] != public["ETag"]
    assert "Cookie" in public["Vary"]


def test_errors_are_not_cached(client):
    url = reverse("profiles:person-detail", args=["nobody"])
    assert client.get(url).status_code == 404

    make_person(name="Nobody Example", slug="nobody")  # no bump: only an uncached 404 allows this

    assert client.get(url).status_code == 200


def test_the_cache_can_be_turned_off(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    url = reverse("profiles:person-list")
    make_person(name="Ada Example", slug="ada")
    client.get(url)

    make_person(name="Bea Example", slug="bea")  # no bump: only an uncached page shows her

    assert "Bea Example" in client.get(url).content.decode()
