"""Name variants: bylines that write a person's name another way link to them, on import and
as soon as a curator adds the variant."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from profiles import services
from profiles.models import Authorship, DataVersion, NameVariant, Paper
from tests.factories import cv, import_cv, make_paper, make_person

pytestmark = pytest.mark.django_db


def linked(name):
    return {a.person.slug if a.person else None for a in Authorship.objects.filter(name=name)}


def test_an_import_links_authors_written_as_a_variant():
    ada = make_person(name="Zhengxiao Du", slug="zhengxiao-du")
    services.add_name_variant(person=ada, name="Z. Du")

    import_cv("bob.txt", cv("Bob Example", papers=[("Engines on Graphs", "Z. Du, Bob Example")]))

    assert linked("Z. Du") == {"zhengxiao-du"}
    assert [p.title for p in Paper.objects.for_profile(ada)] == ["Engines on Graphs"]


@pytest.mark.parametrize("variant", ["Z. Du", "Du, Zhengxiao", "杜政晓"])
def test_adding_a_variant_links_the_authorships_already_written_so(variant):
    ada = make_person(name="Zhengxiao Du", slug="zhengxiao-du")
    bob = make_person(name="Bob Example")
    paper = make_paper([bob], title="Engines")
    Authorship.objects.create(paper=paper, position=2, name=variant)
    other = make_paper([bob, ada], title="Looms")
    Authorship.objects.create(paper=other, position=3, name=variant)  # she is linked there
    version = DataVersion.current().version

    _, count = services.add_name_variant(person=ada, name=variant)

    assert count == 1
    assert Authorship.objects.get(paper=paper, name=variant).person == ada
    assert Authorship.objects.get(paper=other, name=variant).person is None
    assert DataVersion.current().version > version


def test_a_curator_adds_a_variant_in_the_admin(admin_client):
    ada = make_person(name="Zhengxiao Du", slug="zhengxiao-du")
    import_cv("bob.txt", cv("Bob Example", papers=[("Engines on Graphs", "Z. Du, Bob Example")]))
    assert linked("Z. Du") == {None}
    url = reverse("admin:profiles_person_change", args=[ada.pk])
    data = {"name": ada.name, "slug": ada.slug, "links": "[]", "emails": "[]", "phones": "[]"}
    data |= {"metrics": "{}"}
    for prefix in ("featured", "education", "jobs", "section_items", "aliases"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    data |= {"name_variants-TOTAL_FORMS": 1, "name_variants-INITIAL_FORMS": 0}
    data |= {"name_variants-0-name": "Z. Du"}

    response = admin_client.post(url, data, follow=True)

    assert "Linked 1 authorship by name." in [str(m) for m in response.context["messages"]]
    assert linked("Z. Du") == {"zhengxiao-du"}
    assert NameVariant.objects.get().key == "z du"


def test_a_name_someone_else_goes_by_is_refused():
    ada = make_person(name="Zhengxiao Du")
    other = make_person(name="Zhang Du")
    NameVariant.objects.create(person=other, name="Z. Du")

    for name in ("Z. Du", "zhang  DU", "—"):
        with pytest.raises(ValidationError):
            services.add_name_variant(person=ada, name=name)
    assert NameVariant.objects.count() == 1


def test_merging_people_keeps_their_variants():
    ada, copy = make_person(name="Zhengxiao Du"), make_person(name="Zhengxiao Du (2)")
    NameVariant.objects.create(person=copy, name="Z. Du")

    services.merge_people(keep=ada, others=[copy])

    assert [v.name for v in ada.name_variants.all()] == ["Z. Du"]
