"""Query strings and URL parts that used to reach the database raw: each is now a form error,
a 400 or a 404, never a 500 or a file cut short."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_paper, make_person

pytestmark = pytest.mark.django_db

# SQLite refuses a LIKE pattern over 50,000 bytes.
HUGE = "x" * 50_001


@pytest.fixture
def ada():
    person = make_person(name="Ada Example", slug="ada")
    make_paper([person], title="Ada's Results")
    return person


@pytest.mark.parametrize("name", ["author", "first_author"])
def test_a_nul_in_the_timeline_author_never_reaches_the_database(client, ada, name):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("profiles:timeline"), {name: "ada\x00"})

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    assert response.context["author"] is None
    # PostgreSQL refuses NUL in text, and SQLite's log of the query stops at it.
    assert not [query for query in queries if '"profiles_person"."slug" =' in query["sql"]]


@pytest.mark.parametrize(
    ("url_name", "name"),
    [
        ("paper-list", "venue"),
        ("paper-list", "author"),
        ("paper-list", "first_author"),
        ("timeline", "venue"),
        ("person-list", "skill"),
        ("person-list", "degree"),
        ("person-list", "organization"),
        ("person-list", "current"),
    ],
)
def test_an_overlong_filter_is_a_form_error(client, ada, url_name, name):
    response = client.get(reverse(f"profiles:{url_name}"), {name: HUGE})

    assert response.status_code == 200
    assert "Ensure this value has at most" in response.content.decode()


@pytest.mark.parametrize(
    ("url_name", "name"),
    [
        ("paper-list-csv", "venue"),
        ("paper-list-bibtex", "venue"),
        ("person-list-csv", "skill"),
        ("person-list-csv", "degree"),
    ],
)
def test_an_overlong_filter_on_an_export_is_a_400_not_a_cut_off_file(client, ada, url_name, name):
    response = client.get(reverse(f"profiles:{url_name}"), {name: HUGE})

    assert response.status_code == 400
    assert "at most" in response.content.decode()


@pytest.mark.parametrize("year", ["9" * 100_000, "1e999", "-5", "40000"])
def test_an_impossible_year_is_a_form_error(client, ada, year):
    response = client.get(reverse("profiles:paper-list"), {"year_min": year})

    assert response.status_code == 200
    assert response.context["filter"].errors["year_min"]


@pytest.mark.parametrize("query", ["x" * 201, "nul\x00byte"])
def test_a_bad_search_is_a_form_error(client, ada, query):
    response = client.get(reverse("profiles:search"), {"q": query})

    assert response.status_code == 200
    assert response.context["form"].errors["q"]
    assert not response.context["people"]


@pytest.mark.parametrize(
    "path",
    [
        "/papers/0{pk}/",
        "/papers/00000{pk}/",
        "/papers/0{pk}.bib",
        "/papers/{pk}0000000000000000000/",
    ],
)
def test_a_paper_has_one_url(client, ada, path):
    pk = ada.authorships.get().paper_id

    assert client.get(f"/papers/{pk}/").status_code == 200
    assert client.get(path.format(pk=pk)).status_code == 404


def test_a_non_numeric_document_id_to_reimport_is_404(admin_client):
    url = reverse("admin:profiles_sourcedocument_reimport", args=["abc"])

    assert admin_client.get(url).status_code == 404
