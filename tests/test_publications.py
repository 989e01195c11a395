"""A person's publications: selected papers first, grouped by year or kind; first-author and
equal-contribution filters on the papers list."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from profiles.models import Authorship, DataVersion, FeaturedPaper, PaperSource, SourceDocument
from tests.factories import make_paper, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada():
    """Ada's CV lists four papers of three kinds; a curator selected two of them."""
    ada, bob = make_person(name="Ada Example", slug="ada"), make_person(name="Bob Example")
    document = SourceDocument.objects.create(
        name="ada.txt", sha256="0" * 64, text="", captured_on="2026-11-22", person=ada
    )
    papers = {
        "engines": make_paper([ada, bob], title="Engines", year=2021, kind="journal"),
        "looms": make_paper([bob, ada], title="Looms", year=2023, kind="conference"),
        "notes": make_paper([ada], title="Notes", year=2024, kind="preprint"),
        "tables": make_paper([bob, ada], title="Tables", year=2022, kind="conference"),
    }
    for paper in papers.values():
        PaperSource.objects.create(paper=paper, source=document, person=ada, record={})
    FeaturedPaper.objects.create(person=ada, paper=papers["tables"], order=1)
    FeaturedPaper.objects.create(person=ada, paper=papers["engines"], order=2)
    DataVersion.bump()
    return {"person": ada, "bob": bob, **papers}


def headings(html, section):
    part = html[html.index(f'id="{section}"') :]
    part = part[: part.index("</section>")]
    return re.findall(r"<h3 class=\"\w+\">(.*?)</h3>", part)


def titles(html, section):
    part = html[html.index(f'id="{section}"') :]
    part = part[: part.index("</section>")]
    return re.findall(r'class="paper-title" href="[^"]+">(.*?)</a>', part)


def test_selected_publications_come_first_in_the_curators_order(client, ada):
    html = client.get(ada["person"].get_absolute_url()).content.decode()

    assert html.index('id="selected"') < html.index('id="publications"')
    assert titles(html, "selected") == ["Tables", "Engines"]
    assert titles(html, "publications") == ["Notes", "Looms", "Tables", "Engines"]  # all, by year
    assert headings(html, "publications") == ["2024", "2023", "2022", "2021"]


def test_a_selection_whose_authorship_is_hidden_is_not_shown(client, ada):
    authorship = Authorship.objects.get(paper=ada["tables"], person=ada["person"])
    authorship.set_hidden(True)
    authorship.save()
    DataVersion.bump()

    html = client.get(ada["person"].get_absolute_url()).content.decode()

    assert titles(html, "selected") == ["Engines"]


def test_without_selections_there_is_no_selected_section(client, ada):
    FeaturedPaper.objects.all().delete()
    DataVersion.bump()

    html = client.get(ada["person"].get_absolute_url()).content.decode()

    assert 'id="selected"' not in html


def test_only_a_paper_of_theirs_can_be_selected(ada):
    theirs = FeaturedPaper(person=ada["person"], paper=ada["notes"])
    other = FeaturedPaper(person=ada["person"], paper=make_paper([ada["bob"]], title="Bob's"))

    theirs.full_clean()
    with pytest.raises(ValidationError, match="Only a paper they are an author of"):
        other.full_clean()


def test_the_publication_list_groups_by_kind(client, ada):
    url = ada["person"].get_absolute_url()

    by_kind = client.get(url, {"group": "kind"}).content.decode()
    by_year = client.get(url, {"group": "nonsense"}).content.decode()

    assert headings(by_kind, "publications") == [
        "Conference papers",
        "Journal articles",
        "Preprints",
    ]
    assert titles(by_kind, "publications") == ["Looms", "Tables", "Engines", "Notes"]
    assert '<a href="?group=kind#publications">kind</a>' in by_year
    assert headings(by_year, "publications") == ["2024", "2023", "2022", "2021"]


def paper_titles(client, **params):
    response = client.get(reverse("profiles:paper-list"), params)
    assert response.status_code == 200
    assert not response.context["filter"].errors
    return [paper.title for paper in response.context["object_list"]]


def test_first_author_papers(client, ada):
    carl = make_person(name="Carl Example", slug="carl")
    shared = make_paper([carl, ada["person"], ada["bob"]], title="Shared First", year=2020)
    Authorship.objects.filter(paper=shared, position__in=[1, 2]).update(equal_contribution=True)
    third = make_paper([carl, ada["bob"], ada["person"]], title="Third Place", year=2019)
    Authorship.objects.filter(paper=third, position__in=[1, 3]).update(equal_contribution=True)

    assert paper_titles(client, first_author="ada") == ["Notes", "Engines", "Shared First"]
    assert paper_titles(client, first_author="carl") == ["Shared First", "Third Place"]
    # Third Place: Ada is marked, but Bob, before her, is not: she is not a first author.
    assert "Third Place" not in paper_titles(client, first_author="ada")


def test_equal_contribution_papers(client, ada):
    Authorship.objects.filter(paper=ada["looms"]).update(equal_contribution=True)
    Authorship.objects.filter(paper=ada["tables"], person=ada["bob"]).update(
        equal_contribution=True
    )

    assert paper_titles(client, equal_contribution="on") == ["Looms", "Tables"]
    assert paper_titles(client, equal_contribution="on", author="ada") == ["Looms"]
    assert paper_titles(client, equal_contribution="on", first_author="ada") == ["Looms"]
    assert len(paper_titles(client)) == 4  # unticked: any


def test_a_hidden_authorship_is_in_neither_filter(client, ada):
    Authorship.objects.filter(paper=ada["engines"], person=ada["person"]).update(hidden=True)

    assert "Engines" not in paper_titles(client, first_author="ada")
    assert "Engines" not in paper_titles(client, author="ada")
