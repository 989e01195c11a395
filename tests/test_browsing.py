"""The public pages: what they show, their filters, errors and query budgets."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles.models import Paper, Person
from tests.factories import make_portfolio
from tests.importer.conftest import SEEDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    paths = sorted(map(str, SEEDS.glob("*.txt")))
    call_command("import_portfolios", "--as-of=2026-11-22", *paths, verbosity=0)


def test_profile_shows_education_jobs_and_papers_by_year(client, seeded):
    response = client.get(reverse("profiles:person-detail", args=["zhengxiao-du"]))
    html = response.content.decode()

    assert response.status_code == 200
    assert len(response.context["person"].education.all()) == 2
    assert len(response.context["person"].jobs.all()) == 4
    papers = response.context["papers"]
    assert len(papers) == 10
    assert [p.year for p in papers] == sorted((p.year for p in papers), reverse=True)
    assert re.findall(r'<h3 class="year">(\d{4})</h3>', html) == [
        "2025",
        "2024",
        "2023",
        "2022",
        "2021",
        "2019",
    ]
    aohan = Person.objects.get(name="Aohan Zeng")
    shared = [p for p in papers if any(a.person_id == aohan.pk for a in p.authorships.all())]
    assert len(shared) == 5
    assert html.count(f'href="{aohan.get_absolute_url()}"') >= 5


def test_papers_filtered_by_year(client, seeded):
    response = client.get(reverse("profiles:paper-list"), {"year_min": 2024, "year_max": 2024})

    years = {paper.year for paper in response.context["paginator"].object_list}
    assert years == {2024}
    assert response.context["paginator"].count == Paper.objects.filter(year=2024).count()

    with_code = client.get(reverse("profiles:paper-list"), {"has_code": "on"})
    assert {p.has_code for p in with_code.context["paginator"].object_list} == {True}
    assert with_code.context["paginator"].count == Paper.objects.filter(has_code=True).count()


def test_timeline_of_one_author_charts_all_their_papers(client, seeded):
    response = client.get(reverse("profiles:timeline"), {"author": "aohan-zeng"})

    chart = response.context["chart"]
    titles = [bar.label for bar in chart.bars]
    charted = sum(int(re.search(r": (\d+) ", label).group(1)) for label in titles)
    assert charted == 27
    assert "27 papers" in chart.summary
    assert b"<svg" in response.content and b"<title" in response.content


def test_organization_page_lists_who_studied_or_worked_there(client, seeded):
    response = client.get(reverse("profiles:organization-detail", args=["tsinghua-university"]))
    html = response.content.decode()

    assert response.status_code == 200
    assert "Zhengxiao Du" in html and "Zisheng Meng" in html


def test_people_list_filters(client, seeded):
    url = reverse("profiles:person-list")

    def names(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return {p.name for p in response.context["object_list"]}

    assert names() == set(Person.objects.values_list("name", flat=True))
    assert names(q="tsinghua") == {"Zhengxiao Du", "Zisheng Meng"}
    assert names(organization="tsinghua-university") == {"Zhengxiao Du", "Zisheng Meng"}
    assert names(degree="B.Eng.") == {"Zhongzhu Zhou"}
    assert names(has_papers="true") >= {"Zhengxiao Du", "Aohan Zeng"}
    assert "Zisheng Meng" not in names(has_papers="true")
    assert names(skill="pytorch") >= {"Zhengxiao Du"}
    ordered = client.get(url, {"sort": "-paper_count"}).context["object_list"]
    assert ordered[0].name == "Aohan Zeng"


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("person-detail", ["nobody"]),
        ("paper-detail", [999999]),
        ("organization-detail", ["nowhere"]),
    ],
)
def test_unknown_slugs_and_ids_are_404(client, name, args):
    response = client.get(reverse(f"profiles:{name}", args=args))

    assert response.status_code == 404
    assert b"Not found" in response.content


@pytest.mark.parametrize(
    ("url_name", "params", "message"),
    [
        ("paper-list", {"year_min": "abc"}, "Enter a number."),
        ("paper-list", {"sort": "drop"}, "Select a valid choice."),
        ("paper-list", {"kind": "poem"}, "Select a valid choice."),
        ("paper-list", {"year_min": "2025", "year_max": "2020"}, "before the start year"),
        ("person-list", {"sort": "drop"}, "Select a valid choice."),
        ("timeline", {"year_max": "x"}, "Enter a number."),
    ],
)
def test_nonsense_parameters_are_form_errors(client, url_name, params, message):
    response = client.get(reverse(f"profiles:{url_name}"), params)

    assert response.status_code == 200
    assert message in response.content.decode()


def test_out_of_range_pages_show_the_last_page(client):
    make_portfolio(people=3, papers_each=10)

    response = client.get(reverse("profiles:paper-list"), {"page": 999, "kind": "conference"})

    assert response.status_code == 200
    page = response.context["page_obj"]
    assert page.number == page.paginator.num_pages == 2
    assert "kind=conference" in response.content.decode()  # page links keep the filters


def test_no_page_shows_phone_numbers_or_addresses(client, seeded):
    private = [
        value
        for person in Person.objects.all()
        for value in [*person.phones, person.address]
        if value
    ]
    assert private, "the seeds hold phone numbers; the test would prove nothing without them"
    digits = [re.sub(r"\D", "", value) for value in private]
    urls = [
        reverse("profiles:home"),
        reverse("profiles:person-list"),
        reverse("profiles:paper-list"),
        reverse("profiles:timeline"),
        reverse("profiles:organization-list"),
        reverse("profiles:search") + "?q=a",
    ]
    urls += [p.get_absolute_url() for p in Person.objects.all()]
    urls += [p.get_absolute_url() for p in Paper.objects.all()]
    for url in urls:
        html = client.get(url).content.decode()
        page_digits = re.sub(r"\D", "", html)
        for value, number in zip(private, digits, strict=True):
            assert value not in html, url
            if len(number) >= 9:
                assert number not in page_digits, url


def test_email_is_shown_only_when_allowed(client, seeded):
    person = Person.objects.get(name="Zisheng Meng")
    url = person.get_absolute_url()
    (email,) = person.emails

    assert email not in client.get(url).content.decode()
    person.show_email = True
    person.save()
    assert f'href="mailto:{email}"' in client.get(url).content.decode()


PAGES = {
    "home": lambda people: reverse("profiles:home"),
    "people": lambda people: reverse("profiles:person-list") + "?q=Example&sort=-paper_count",
    "profile": lambda people: people[0].get_absolute_url(),
    "profile by kind": lambda people: people[0].get_absolute_url() + "?group=kind",
    "cv": lambda people: reverse("profiles:person-cv", args=[people[0].slug]),
    "papers": lambda people: reverse("profiles:paper-list") + "?q=Study&year_min=2020",
    "first author": lambda people: (
        reverse("profiles:paper-list") + f"?first_author={people[0].slug}&equal_contribution=on"
    ),
    "paper": lambda people: Paper.objects.order_by("pk").first().get_absolute_url(),
    "timeline": lambda people: reverse("profiles:timeline") + f"?author={people[0].slug}",
    "organizations": lambda people: reverse("profiles:organization-list"),
    "organization": lambda people: people[0].education.first().organization.get_absolute_url(),
    "search": lambda people: reverse("profiles:search") + "?q=Example",
}
# The profile: the person, 4 of their parts, papers by year, the newest papers, credited papers
# with their authors and the authors' people, selected papers with theirs, co-authors, the data
# version.
BUDGET = 15


@pytest.mark.parametrize("page", PAGES)
def test_query_count_does_not_grow_with_the_data(client, page):
    counts = []
    for size in (2, 12):
        people = make_portfolio(people=size, papers_each=size)
        url = PAGES[page](people)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= BUDGET, counts


def test_papers_of_one_year_keep_a_stable_order_across_pages(client):
    person = make_portfolio(1, papers_each=0)[0]
    for title in ("Charlie", "Alpha", "Bravo"):
        Paper.objects.create(title=title, year=2020).authorships.create(
            position=1, name=person.name, person=person
        )

    response = client.get(reverse("profiles:paper-list"), {"sort": "-year"})

    assert [p.title for p in response.context["object_list"]] == ["Alpha", "Bravo", "Charlie"]


def test_a_long_result_list_says_more_than_and_stops_counting(client, monkeypatch):
    from profiles.views import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 3)
    make_portfolio(3, papers_each=2)

    response = client.get(reverse("profiles:paper-list"), {"page": 99})

    assert "More than 3 results" in response.content.decode()
    assert response.context["paginator"].num_pages == 1  # 4 counted, at 25 a page


def test_the_home_page_counts_follow_each_change(client):
    make_portfolio(2, papers_each=1)
    before = client.get(reverse("profiles:home")).context["counts"]["people"]

    make_portfolio(3, papers_each=1)  # bumps the data version, as imports do
    after = client.get(reverse("profiles:home")).context["counts"]["people"]

    assert (before, after) == (2, 5)


def test_a_long_publication_list_shows_the_newest_and_links_to_all(client):
    from profiles.models import PaperSource, SourceDocument
    from profiles.views import PROFILE_PAPERS

    person = make_portfolio(1, papers_each=0)[0]
    document = SourceDocument.objects.create(
        name="cv.txt", sha256="0" * 64, text="", captured_on="2026-11-22", person=person
    )
    for n in range(PROFILE_PAPERS + 3):
        paper = Paper.objects.create(title=f"Paper number {n}", year=1970 + n)
        paper.authorships.create(position=1, name=person.name, person=person)
        PaperSource.objects.create(paper=paper, source=document, person=person, record={})

    response = client.get(person.get_absolute_url())
    html = response.content.decode()

    assert len(response.context["papers"]) == PROFILE_PAPERS
    assert response.context["papers"][0].year == 1970 + PROFILE_PAPERS + 2
    assert f'Publications <span class="count">({PROFILE_PAPERS + 3})</span>' in html
    assert f'href="/papers/?author={person.slug}">all {PROFILE_PAPERS + 3} papers</a>' in html


def test_papers_without_a_year_come_last_in_either_order(client):
    person = make_portfolio(1, papers_each=0)[0]
    for title, year in [("Undated", None), ("Old", 2001), ("New", 2024)]:
        paper = Paper.objects.create(title=title, year=year)
        paper.authorships.create(position=1, name=person.name, person=person)

    def titles(**params):
        response = client.get(reverse("profiles:paper-list"), params)
        return [paper.title for paper in response.context["object_list"]]

    assert titles() == titles(sort="-year") == ["New", "Old", "Undated"]
    assert titles(sort="year") == ["Old", "New", "Undated"]
    home = client.get(reverse("profiles:home")).context["recent_papers"]
    assert [paper.title for paper in home] == ["New", "Old", "Undated"]


def test_people_without_papers_come_last_by_latest_paper(client):
    with_papers = make_portfolio(1, papers_each=1)[0]
    Person.objects.create(name="Aaron Nopapers", slug="aaron")

    response = client.get(reverse("profiles:person-list"), {"sort": "-latest_year"})

    assert [p.slug for p in response.context["object_list"]] == [with_papers.slug, "aaron"]
