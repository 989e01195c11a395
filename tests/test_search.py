"""Search: what it finds and in which order, on PostgreSQL and on the SQLite fallback."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles.models import NAME_DOCUMENT, Organization, Paper, Person
from tests.factories import make_organization, make_paper, make_person, make_portfolio

pytestmark = pytest.mark.django_db


def on_postgresql(test):
    """Left out of the SQLite run (postgres_only), and skipped when run there by hand."""
    skip = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's search")
    return pytest.mark.postgres_only(skip(test))


def names(people):
    return [person.name for person in people]


def titles(papers):
    return [paper.title for paper in papers]


def test_people_are_found_by_name_headline_or_workplace():
    make_person(name="Zhengxiao Du")
    make_person(name="Aohan Zeng", headline="Pretraining large language models")
    make_person(name="Someone Else")
    meng = make_person(name="Zisheng Meng")
    meng.jobs.create(organization=make_organization("Tsinghua University"), title="Student")

    assert names(Person.objects.search("zhengxiao")) == ["Zhengxiao Du"]
    assert names(Person.objects.search("Du Zhengxiao")) == ["Zhengxiao Du"]
    assert names(Person.objects.search("language models")) == ["Aohan Zeng"]
    assert names(Person.objects.search("tsinghua")) == ["Zisheng Meng"]


def test_a_name_match_ranks_above_a_headline_match():
    make_person(name="Ada Lovelace", headline="Works on graph algorithms")
    make_person(name="Graham Graph", headline="Compilers")

    assert names(Person.objects.search("graph")) == ["Graham Graph", "Ada Lovelace"]


def test_papers_are_found_by_title_words_venue_or_author():
    du = make_person(name="Zhengxiao Du")
    glm = make_paper([du], title="GLM: General Language Model Pretraining", venue="ACL")
    other = make_paper([make_person(name="Aohan Zeng")], title="Sparse Attention", venue="ICML")

    assert Paper.objects.search("language pretraining").get() == glm
    assert Paper.objects.search("pretraining GLM").get() == glm
    assert Paper.objects.search("acl").get() == glm
    assert Paper.objects.search("Zhengxiao Du").get() == glm
    assert Paper.objects.search("zeng").get() == other
    assert not Paper.objects.search("language attention").exists()


def test_a_title_match_ranks_above_an_author_match():
    graph = make_person(name="Graham Graph")
    by_author = make_paper([graph], title="Compilers for Everyone", year=2025)
    by_title = make_paper([make_person()], title="Graph Neural Networks", year=2019)

    assert list(Paper.objects.search("graph")) == [by_title, by_author]


def test_filters_search_with_the_same_method(client):
    make_person(name="Zhengxiao Du")
    make_person(name="Aohan Zeng")
    make_paper([make_person()], title="Sparse Attention")

    people = client.get(reverse("profiles:person-list"), {"q": "Zhengxiao"})
    papers = client.get(reverse("profiles:paper-list"), {"q": "attention"})

    assert names(people.context["object_list"]) == ["Zhengxiao Du"]
    assert titles(papers.context["object_list"]) == ["Sparse Attention"]


def test_an_explicit_sort_replaces_the_ranking(client):
    make_person(name="Bea Graph")
    make_person(name="Abe Other", headline="Graph theory")

    ranked = client.get(reverse("profiles:person-list"), {"q": "graph"})
    by_name = client.get(reverse("profiles:person-list"), {"q": "graph", "sort": "name"})

    assert names(ranked.context["object_list"]) == ["Bea Graph", "Abe Other"]
    assert names(by_name.context["object_list"]) == ["Abe Other", "Bea Graph"]


def test_search_page_shows_people_and_papers(client):
    du = make_person(name="Zhengxiao Du", headline="Language models")
    make_paper([du], title="GLM: General Language Model Pretraining")

    response = client.get(reverse("profiles:search"), {"q": "Zhengxiao"})

    assert names(response.context["people"]) == ["Zhengxiao Du"]
    assert titles(response.context["papers"]) == ["GLM: General Language Model Pretraining"]
    assert "Language models" in response.content.decode()


@pytest.mark.parametrize("query", ["", "   ", "\x00"])
def test_a_blank_query_finds_nothing(client, query):
    make_person(name="Zhengxiao Du")

    response = client.get(reverse("profiles:search"), {"q": query})

    assert response.status_code == 200
    assert not response.context["people"]
    assert not Person.objects.search(query).exists()


@pytest.mark.parametrize(
    "query",
    [
        "'); drop table profiles_person;--",
        '"unbalanced',
        "a & b | !c",
        "<-> :* (x",
        "100% _match_ \\",
        "!!!",
        "-",
        'or "" -',
        "nul\x00byte",
        "Zhe" * 60,
    ],
)
@pytest.mark.parametrize("url_name", ["search", "person-list", "paper-list", "timeline"])
def test_punctuation_and_sql_in_the_query_are_just_text(client, url_name, query):
    make_paper([make_person(name="Zhengxiao Du")], title="A Study of Example")

    response = client.get(reverse(f"profiles:{url_name}"), {"q": query})

    assert response.status_code == 200
    assert Person.objects.count() == 1
    assert Paper.objects.count() == 1


def test_an_overlong_query_is_a_form_error(client):
    response = client.get(reverse("profiles:paper-list"), {"q": "word " * 50})

    assert response.status_code == 200
    assert "at most 200 characters" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        reverse("profiles:search") + "?q=Example",
        reverse("profiles:search") + "?q=Exampel+Persn",
        reverse("profiles:person-list") + "?q=Example+Person",
        reverse("profiles:paper-list") + "?q=Study+Example",
    ],
)
def test_search_query_count_does_not_grow_with_the_data(client, url):
    counts = []
    for size in (2, 12):
        make_portfolio(people=size, papers_each=size)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 6, counts


@on_postgresql
@pytest.mark.parametrize("query", ["Zhengxaio Du", "Zhenxiao", "zhengxiao du", "Du Zhengxiao"])
def test_a_misspelt_name_finds_the_person(query):
    make_person(name="Zhengxiao Du")
    make_person(name="Aohan Zeng")

    assert names(Person.objects.search(query)) == ["Zhengxiao Du"]


@on_postgresql
def test_full_text_matches_rank_above_similar_names_closest_first():
    make_person(name="Zhengxiao Duan")
    make_person(name="Zhengxiao Du")
    make_person(name="Zhengxia Dufresne")

    assert names(Person.objects.search("Zhengxiao Du")) == [
        "Zhengxiao Du",
        "Zhengxiao Duan",
        "Zhengxia Dufresne",
    ]


@on_postgresql
def test_papers_are_found_by_an_abstract_word_and_title_ranks_above_abstract():
    in_abstract = make_paper(
        [make_person()], title="Efficient Inference", abstract="We distil transformers."
    )
    in_title = make_paper([make_person()], title="Transformers at Scale", abstract="Big.")

    assert list(Paper.objects.search("transformers")) == [in_title, in_abstract]
    assert list(Paper.objects.search("distil")) == [in_abstract]


@on_postgresql
def test_web_search_syntax():
    make_paper([make_person()], title="Sparse Attention for Long Documents")
    make_paper([make_person()], title="Attention Is Sparse")

    assert titles(Paper.objects.search('"sparse attention"')) == [
        "Sparse Attention for Long Documents"
    ]
    assert titles(Paper.objects.search("attention -documents")) == ["Attention Is Sparse"]
    assert len(Paper.objects.search("documents or sparse")) == 2


@on_postgresql
@pytest.mark.parametrize(
    ("queryset", "indexes"),
    [
        (
            lambda: Person.objects.search("Zhenxiao"),
            ["profiles_person_search", "profiles_person_name_trgm"],
        ),
        (
            # People search's places part. Explained alone: inside the people query the planner
            # may instead walk the (empty) education table and filter places by primary key.
            lambda: Organization.objects.alias(document=NAME_DOCUMENT).filter(
                document=SearchQuery("tsinghua", search_type="websearch", config="simple")
            ),
            ["profiles_organization_search"],
        ),
        (
            lambda: Paper.objects.search("transformers"),
            ["profiles_paper_search", "profiles_authorship_search"],
        ),
    ],
    ids=["people", "places", "papers"],
)
def test_search_uses_its_indexes(queryset, indexes):
    # The tables are nearly empty, so the planner would rather read them whole.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = queryset().explain()

    for index in indexes:
        assert index in plan, plan
