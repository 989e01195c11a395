"""The printable CV: the person's structured data in one column, with a print stylesheet."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from profiles.models import (
    DataVersion,
    Education,
    FeaturedPaper,
    Job,
    PaperSource,
    SectionItem,
    SourceDocument,
)
from tests.factories import make_organization, make_paper, make_person

pytestmark = pytest.mark.django_db

PHONE = "+1 (555) 010-4477"
EMAIL = "ada@mailhost.test"


@pytest.fixture
def ada():
    ada = make_person(
        name="Ada Example",
        slug="ada",
        headline="Analyst of engines",
        location="London",
        homepage="https://ada.example.org/",
        links=[{"label": "GitHub", "url": "https://github.com/ada-example"}],
        emails=[EMAIL],
        phones=[PHONE],
        address="12 Engine Lane",
    )
    bob = make_person(name="Bob Example", slug="bob")
    document = SourceDocument.objects.create(
        name="ada.txt", sha256="0" * 64, text="", captured_on=date(2026, 11, 22), person=ada
    )
    Education.objects.create(
        person=ada,
        organization=make_organization("University of London"),
        degree="Ph.D.",
        field="Mathematics",
        start_year=2015,
        end_year=2020,
        advisor="Prof. Augustus",
    )
    Job.objects.create(
        person=ada,
        organization=make_organization("Engine Labs"),
        title="Research Scientist",
        start_year=2024,
        current=True,
        details=["Built the difference engine"],
    )
    SectionItem.objects.create(person=ada, section="Honours", text="Royal Medal 2023")
    older = make_paper([ada, bob], title="Notes on the Engine", year=2021, awards=["Best Paper"])
    newer = make_paper([bob, ada], title="Looms and Tables", year=2024, venue="NeurIPS")
    for paper in (older, newer):
        PaperSource.objects.create(paper=paper, source=document, person=ada, record={})
    FeaturedPaper.objects.create(person=ada, paper=older)
    DataVersion.bump()
    return ada


def cv_page(client):
    response = client.get(reverse("profiles:person-cv", args=["ada"]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_cv_holds_the_persons_structured_data_in_order(client, ada):
    html = cv_page(client)

    order = [
        "<h1>Ada Example</h1>",
        "Analyst of engines",
        "Education",
        "2015 – 2020",
        "Ph.D. in Mathematics",
        "University of London",
        "Advisor: Prof. Augustus",
        "Experience",
        "since 2024",
        "Research Scientist",
        "Built the difference engine",
        "Selected publications",
        "Notes on the Engine",
        "All publications",
        "Looms and Tables",
        "Notes on the Engine",
        "Honours",
        "Royal Medal 2023",
    ]
    position = 0
    for text in order:
        position = html.index(text, position)  # each after the one before
    assert re.findall(r'<h3 class="cv-year">(\d+)</h3>', html) == ["2024", "2021"]
    assert '<strong class="me">Ada Example</strong>' in html
    assert "NeurIPS" in html and "Best Paper" in html


def test_contact_details_are_shown_as_allowed(client, ada):
    hidden = cv_page(client)
    ada.show_email = True
    ada.save()
    DataVersion.bump()
    shown = cv_page(client)

    assert EMAIL not in hidden and f'<a href="mailto:{EMAIL}">{EMAIL}</a>' in shown
    for html in (hidden, shown):
        assert "555" not in html and "Engine Lane" not in html
        assert '<a href="https://ada.example.org/">ada.example.org</a>' in html
        assert 'GitHub: <a href="https://github.com/ada-example">github.com/ada-example</a>' in html
        assert "London" in html


def test_the_profile_links_to_its_cv(client, ada):
    profile = client.get(ada.get_absolute_url()).content.decode()

    assert f'<a href="{reverse("profiles:person-cv", args=["ada"])}">Printable CV</a>' in profile


def test_the_cv_has_a_print_stylesheet_and_no_site_navigation(client, ada):
    html = cv_page(client)
    css = Path(finders.find("css/cv.css")).read_text(encoding="utf-8")

    assert "css/cv.css" in html and "css/site.css" not in html
    assert 'aria-label="Main"' not in html
    assert "@media print" in css and "@page" in css
    assert "break-inside: avoid" in css
    assert re.search(r"@media print \{[^@]*\.cv-toolbar \{ display: none; \}", css)


def test_an_unknown_person_has_no_cv(client):
    assert client.get(reverse("profiles:person-cv", args=["nobody"])).status_code == 404
