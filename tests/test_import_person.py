"""Importing a document onto an existing person: save_document(person=...) and
import_portfolios --person SLUG (a publication list names no one)."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from profiles.importer.parse import parse_document
from profiles.importer.save import mark_owner, save_document
from profiles.models import Authorship, Person, SourceDocument
from tests.factories import make_person

AS_OF = date(2026, 11, 22)
BIB = b"""@article{one,
  title = {A Paper on Examples},
  author = {Diaz, Mateo and Okafor, A. and Lindqvist, Karin},
  journal = {Journal of Examples},
  year = 2021
}
@inproceedings{two,
  title = {Another Example},
  author = {Ada Okafor},
  booktitle = {Proceedings of Examples},
  year = 2022
}
"""


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_portfolios", *map(str, args), stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


@pytest.mark.django_db
def test_mark_owner_marks_the_first_author_matching_the_person():
    person = make_person(name="Ada Okafor", slug="ada-okafor")
    parsed = mark_owner(parse_document(BIB, "papers.bib", as_of=AS_OF), person)
    owners = [[a.name for a in p.authors if a.is_owner] for p in parsed.publications]
    assert owners == [["A. Okafor"], ["Ada Okafor"]]


@pytest.mark.django_db
def test_save_document_onto_a_person_links_their_authorships():
    person = make_person(name="Ada Okafor", slug="ada-okafor")
    parsed = parse_document(BIB, "papers.bib", as_of=AS_OF)
    report = save_document(parsed, as_of=AS_OF, person=person)
    assert (report["person"], report["person_new"], report["papers"]) == ("ada-okafor", False, 2)
    assert Person.objects.count() == 1
    assert SourceDocument.objects.get(name="papers.bib").person == person
    linked = Authorship.objects.filter(person=person).order_by("paper__title")
    assert [(a.paper.title, a.name, a.position) for a in linked] == [
        ("A Paper on Examples", "A. Okafor", 2),
        ("Another Example", "Ada Okafor", 1),
    ]
    assert not any("no person name" in warning for warning in report["warnings"])


@pytest.mark.django_db
def test_reimport_onto_another_person_moves_the_document():
    first = make_person(name="Ada Okafor", slug="ada-okafor")
    second = make_person(name="Karin Lindqvist", slug="karin-lindqvist")
    save_document(parse_document(BIB, "papers.bib", as_of=AS_OF), as_of=AS_OF, person=first)
    parsed = parse_document(BIB, "papers.bib", as_of=AS_OF)
    report = save_document(parsed, as_of=AS_OF, person=second)
    assert (report["status"], report["person"]) == ("updated", "karin-lindqvist")
    assert SourceDocument.objects.get(name="papers.bib").person == second


@pytest.mark.django_db
def test_command_imports_onto_the_person(tmp_path):
    person = make_person(name="Ada Okafor", slug="ada-okafor")
    (tmp_path / "papers.bib").write_bytes(BIB)
    _, err, error = run(tmp_path / "papers.bib", "--person", "ada-okafor")
    assert error is None, err
    assert "imported papers.bib: Ada Okafor (existing)" in err
    assert Authorship.objects.filter(person=person).count() == 2


@pytest.mark.django_db
def test_command_dry_run_marks_the_preview(tmp_path):
    make_person(name="Ada Okafor", slug="ada-okafor")
    (tmp_path / "papers.bib").write_bytes(BIB)
    out, err, error = run(tmp_path / "papers.bib", "--person", "ada-okafor", "--dry-run", "--json")
    assert error is None, err
    (preview,) = json.loads(out)
    assert preview["onto_person"] == "ada-okafor"
    assert [a["is_owner"] for a in preview["publications"][0]["authors"]] == [False, True, False]
    assert SourceDocument.objects.count() == 0


@pytest.mark.django_db
def test_command_unknown_slug_fails_before_importing(tmp_path):
    (tmp_path / "papers.bib").write_bytes(BIB)
    _, _, error = run(tmp_path / "papers.bib", "--person", "nobody-here")
    assert str(error) == "--person nobody-here: no such person (give the slug of an existing one)"
    assert SourceDocument.objects.count() == 0
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_admin_upload_onto_a_person(admin_client):
    person = make_person(name="Ada Okafor", slug="ada-okafor")
    url = reverse("admin:profiles_sourcedocument_add")
    preview = admin_client.post(
        url,
        {
            "captured_on": "2026-11-22",
            "person": person.pk,
            "files": [SimpleUploadedFile("papers.bib", BIB)],
        },
    )
    assert preview.status_code == 200
    [shown] = preview.context["previews"]
    assert [a.is_owner for a in shown["parsed"].publications[1].authors] == [True]
    assert SourceDocument.objects.count() == 0
    admin_client.post(
        url, {"confirm": "1", "payload": preview.context["payload"], "captured_on": "2026-11-22"}
    )
    assert SourceDocument.objects.get().person == person
    assert Authorship.objects.filter(person=person).count() == 2


@pytest.mark.django_db
def test_a_publication_list_without_a_person_names_the_author_of_most_entries(tmp_path):
    """Without --person, the author of most of a .bib's entries is the person imported, and
    their authorships link to them under every spelling."""
    third = b"""@article{three,
  title = {A Third Example},
  author = {Okafor, Ada and Roe, Jane},
  journal = {Journal of Examples},
  year = 2023
}
"""
    (tmp_path / "papers.bib").write_bytes(BIB + third)
    _, err, error = run(tmp_path / "papers.bib")
    assert error is None, err
    person = Person.objects.get()
    assert (person.name, person.slug) == ("Ada Okafor", "ada-okafor")
    linked = Authorship.objects.filter(person=person).order_by("paper__title")
    assert [(a.paper.title, a.name) for a in linked] == [
        ("A Paper on Examples", "A. Okafor"),
        ("A Third Example", "Ada Okafor"),
        ("Another Example", "Ada Okafor"),
    ]
