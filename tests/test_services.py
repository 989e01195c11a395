"""Merging duplicate organisations, people and papers, and what survives the next import."""

import pytest

from profiles import services
from profiles.models import (
    Authorship,
    Education,
    Job,
    Organization,
    OrganizationAlias,
    Paper,
    PaperAlias,
    PaperSource,
    Person,
    PersonAlias,
    SectionItem,
    SourceDocument,
)
from profiles.services import (
    describe_summary,
    holdings,
    merge,
    merge_organizations,
    merge_papers,
    merge_people,
    merge_preview,
)
from profiles.text import name_key, title_key
from tests.factories import cv, import_cv, make_organization, make_paper, make_person

MODELS = (
    SourceDocument,
    Person,
    Organization,
    Education,
    Job,
    SectionItem,
    Paper,
    PaperSource,
    Authorship,
    OrganizationAlias,
    PersonAlias,
    PaperAlias,
)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def byline(paper):
    return [
        (a.name, a.person.slug if a.person else None, a.listed_by_owner)
        for a in paper.authorships.select_related("person").order_by("position")
    ]


# Organisations ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_merging_organizations_moves_every_education_and_job_and_keeps_the_name():
    keep = make_organization("University of Nowhere")
    other = make_organization("Univ. of Nowhere")
    ada, ben = make_person(), make_person()
    Education.objects.create(person=ada, organization=other)
    Education.objects.create(person=ben, organization=other)
    Education.objects.create(person=ben, organization=keep)
    Job.objects.create(person=ada, organization=other, title="Lecturer")

    summary = merge_organizations(keep=keep, others=[other])

    assert summary == {"education": 2, "jobs": 1, "aliases": 1}
    assert not Organization.objects.filter(pk=other.pk).exists()
    assert Education.objects.filter(organization=keep).count() == 3
    assert Job.objects.get().organization == keep
    alias = OrganizationAlias.objects.get()
    assert (alias.organization, alias.name, alias.key, alias.slug) == (
        keep,
        "Univ. of Nowhere",
        name_key("Univ. of Nowhere"),
        other.slug,
    )


@pytest.mark.django_db
def test_an_organization_merged_again_brings_its_own_aliases_along():
    first, second, third = (make_organization(f"Place {n}") for n in ("A", "B", "C"))
    merge_organizations(keep=second, others=[first])

    summary = merge_organizations(keep=third, others=[second])

    assert summary["aliases"] == 2
    assert sorted(third.aliases.values_list("name", flat=True)) == ["Place A", "Place B"]


@pytest.mark.django_db
def test_a_reimport_naming_the_merged_organization_attaches_to_the_kept_one():
    import_cv("ada.txt", cv("Ada Example", school="Univ. of Nowhere", employer="Example Labs"))
    import_cv("ben.txt", cv("Ben Sample", school="University of Nowhere"))
    keep = Organization.objects.get(name="University of Nowhere")
    merge_organizations(keep=keep, others=[Organization.objects.get(name="Univ. of Nowhere")])

    import_cv(
        "ada.txt", cv("Ada Example", school="Univ. of Nowhere", employer="Example Labs", extra="C")
    )
    import_cv("cy.txt", cv("Cy Other", school="UNIV OF NOWHERE"))

    assert sorted(Organization.objects.values_list("name", flat=True)) == [
        "Example Labs",
        "University of Nowhere",
    ]
    assert Education.objects.filter(organization=keep).count() == 3


# People -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_merging_people_moves_documents_and_rebuilds_papers_without_duplicate_authors():
    joint = "A Study of Examples"
    import_cv(
        "ada.txt",
        cv(
            "Ada Example",
            email="ada@example.org",
            school="University of Nowhere",
            papers=[(joint, "Ada Example, Ben Sample")],
        ),
    )
    import_cv(
        "ada-old.txt",
        cv(
            "Example Ada",
            email="ada@old.example.org",
            employer="Example Labs",
            papers=[(joint, "Example Ada, Ben Sample")],
            extra="Python",
        ),
    )
    keep, other = Person.objects.get(name="Ada Example"), Person.objects.get(name="Example Ada")
    other.show_email = True
    other.save()
    paper = Paper.objects.get()
    # Before the merge the paper credits both records of the same researcher.
    assert byline(paper) == [
        ("Ada Example", "ada-example", False),
        ("Ben Sample", None, False),
        ("Example Ada", "example-ada", True),
    ]

    summary = merge_people(keep=keep, others=[other])

    assert summary == {
        "education": 0,
        "jobs": 1,
        "section_items": 1,
        "authorships": 1,
        "listings": 1,
        "documents": 1,
        "name_variants": 0,
        "aliases": 1,
        "papers_rebuilt": 1,
    }
    assert not Person.objects.filter(pk=other.pk).exists()
    keep.refresh_from_db()
    assert sorted(keep.documents.values_list("name", flat=True)) == ["ada-old.txt", "ada.txt"]
    assert (keep.education.count(), keep.jobs.count(), keep.section_items.count()) == (1, 1, 1)
    assert set(PaperSource.objects.values_list("person", flat=True)) == {keep.pk}
    assert byline(paper) == [("Ada Example", "ada-example", False), ("Ben Sample", None, False)]
    assert keep.emails == ["ada@example.org", "ada@old.example.org"]
    assert keep.show_email is False
    alias = PersonAlias.objects.get()
    assert (alias.person, alias.key, alias.slug) == (keep, "example ada", "example-ada")


@pytest.mark.django_db
def test_a_paper_without_listings_keeps_one_authorship_per_merged_person():
    keep, other = make_person(name="Ada Example"), make_person(name="A. Example")
    paper = make_paper([keep, make_person(name="Ben Sample"), other])

    merge_people(keep=keep, others=[other])

    assert [(a.name, a.person) for a in paper.authorships.order_by("position")] == [
        ("Ada Example", keep),
        ("Ben Sample", Person.objects.get(name="Ben Sample")),
        ("A. Example", None),
    ]


@pytest.mark.django_db
def test_a_same_named_duplicate_merges_without_an_alias():
    keep, other = make_person(name="Ada Example"), make_person(name="Ada  EXAMPLE")

    assert merge_people(keep=keep, others=[other])["aliases"] == 0
    assert not PersonAlias.objects.exists()


@pytest.mark.django_db
def test_a_reimport_naming_the_merged_person_attaches_to_the_kept_one():
    import_cv("ada.txt", cv("Ada Example", school="University of Nowhere"))
    import_cv("ada-old.txt", cv("Example Ada", employer="Example Labs"))
    import_cv("ben.txt", cv("Ben Sample", papers=[("Joint Work", "Ben Sample, Example Ada")]))
    keep = Person.objects.get(name="Ada Example")
    merge_people(keep=keep, others=[Person.objects.get(name="Example Ada")])

    changed = import_cv("ada-old.txt", cv("Example Ada", employer="Example Labs", extra="Go"))
    renamed = import_cv("ada-2026.txt", cv("Example Ada", school="Univ. of Elsewhere"))
    reread = import_cv(
        "ben.txt", cv("Ben Sample", extra="C", papers=[("Joint Work", "Ben Sample, Example Ada")])
    )

    assert (changed["person"], renamed["person"]) == ("ada-example", "ada-example")
    assert renamed["person_new"] is False
    assert reread["person"] == "ben-sample"
    assert Person.objects.count() == 2
    assert byline(Paper.objects.get()) == [
        ("Ben Sample", "ben-sample", False),
        ("Example Ada", "ada-example", False),
    ]


# Papers -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_merging_papers_listed_by_the_same_document_drops_the_duplicate_listing():
    import_cv(
        "ada.txt",
        cv(
            "Ada Example",
            papers=[
                ("A Study of Examples", "Ada Example, Ben Sample"),
                ("A Study of Example", "Ada Example, Ben Sample"),
            ],
        ),
    )
    import_cv("ben.txt", cv("Ben Sample", papers=[("A Study of Example", "Ada Example")]))
    keep = Paper.objects.get(title="A Study of Examples")
    other = Paper.objects.get(title="A Study of Example")

    summary = merge_papers(keep=keep, others=[other])

    assert summary == {"listings": 1, "duplicate_listings": 1, "aliases": 1}
    assert not Paper.objects.filter(pk=other.pk).exists()
    assert sorted(keep.sources.values_list("source__name", flat=True)) == ["ada.txt", "ben.txt"]
    alias = PaperAlias.objects.get(key=title_key("A Study of Example"))
    assert (alias.paper, alias.slug) == (keep, str(other.pk))
    assert byline(keep) == [
        ("Ada Example", "ada-example", False),
        ("Ben Sample", "ben-sample", False),
    ]

    # The document still lists both titles: they are one paper now, listed once.
    report = import_cv(
        "ada.txt",
        cv(
            "Ada Example",
            extra="C",
            papers=[
                ("A Study of Examples", "Ada Example, Ben Sample"),
                ("A Study of Example", "Ada Example, Ben Sample"),
            ],
        ),
    )
    assert Paper.objects.get() == keep
    assert keep.sources.count() == 2
    assert any("(merged); stored once" in warning for warning in report["warnings"])


@pytest.mark.django_db
def test_a_reimport_listing_either_title_finds_the_kept_paper_whichever_title_it_shows():
    # The earlier document ranks first, so after the merge the kept paper shows its title.
    import_cv("ben.txt", cv("Ben Sample", papers=[("Example Studies", "Ben Sample")]))
    import_cv("ada.txt", cv("Ada Example", papers=[("Studies of Examples", "Ada Example")]))
    keep = Paper.objects.get(title="Studies of Examples")

    merge_papers(keep=keep, others=[Paper.objects.get(title="Example Studies")])
    keep.refresh_from_db()
    assert keep.title == "Example Studies"

    import_cv(
        "ada.txt", cv("Ada Example", extra="C", papers=[("Studies of Examples", "Ada Example")])
    )
    import_cv("ben.txt", cv("Ben Sample", extra="C", papers=[("Example Studies", "Ben Sample")]))
    import_cv("cy.txt", cv("Cy Other", papers=[("Studies of examples", "Cy Other")]))

    assert Paper.objects.get() == keep
    assert keep.sources.count() == 3


# Refusals, previews, URLs, transactions -----------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("merge_function", [merge, merge_preview])
def test_what_cannot_be_merged_is_refused(merge_function):
    ada, ben = make_person(), make_person()

    with pytest.raises(ValueError, match="into itself"):
        merge_function(keep=ada, others=[ada, ben])
    with pytest.raises(ValueError, match="nothing to merge"):
        merge_function(keep=ada, others=[])
    with pytest.raises(ValueError, match="only people"):
        merge_function(keep=ada, others=[Organization(pk=ben.pk), ben])
    with pytest.raises(ValueError, match="cannot be merged"):
        merge_function(keep=Job(pk=1), others=[Job(pk=2)])
    assert Person.objects.count() == 2


@pytest.mark.django_db
def test_a_merge_function_refuses_another_model():
    with pytest.raises(ValueError, match="cannot be merged"):
        merge_papers(keep=Person(pk=1), others=[Person(pk=2)])


@pytest.mark.django_db
def test_the_preview_lists_what_each_record_moves_and_the_merge_moves_just_that():
    keep = make_organization("University of Nowhere")
    first, second = make_organization("Univ. of Nowhere"), make_organization("U. Nowhere")
    ada, ben = make_person(), make_person()
    Education.objects.create(person=ada, organization=first)
    Education.objects.create(person=ben, organization=first)
    Job.objects.create(person=ada, organization=first)
    Job.objects.create(person=ben, organization=second)

    preview = merge_preview(keep=keep, others=[first, second])
    summary = merge_organizations(keep=keep, others=[first, second])

    assert preview == [
        (first, ["2 education entries", "1 job", "1 former name"]),
        (second, ["1 job", "1 former name"]),
    ]
    assert summary == {"education": 2, "jobs": 2, "aliases": 2}
    assert describe_summary(summary) == "2 education entries, 2 jobs, 2 former names"


@pytest.mark.django_db
def test_the_paper_preview_counts_the_listings_that_will_be_dropped():
    import_cv(
        "ada.txt",
        cv("Ada Example", papers=[("Title One", "Ada Example"), ("Title Two", "Ada Example")]),
    )
    import_cv("ben.txt", cv("Ben Sample", papers=[("Title Two", "Ben Sample")]))
    keep, other = Paper.objects.get(title="Title One"), Paper.objects.get(title="Title Two")

    assert holdings(other) == [(2, "paper listings")]
    preview = merge_preview(keep=keep, others=[other])
    summary = merge(keep=keep, others=[other])

    assert preview == [
        (other, ["1 paper listing", "1 duplicate listing (dropped)", "1 former name"])
    ]
    assert services.describe(summary) == preview[0][1]


@pytest.mark.django_db
def test_a_person_holdings_count_what_is_attached():
    person = make_person()
    make_paper([person])
    Job.objects.create(person=person, organization=make_organization())

    assert holdings(person) == [(1, "job"), (1, "authorship")]


@pytest.mark.django_db
def test_old_urls_of_merged_records_redirect_permanently(client):
    organization, old_organization = make_organization(), make_organization()
    person, old_person = make_person(), make_person()
    paper, old_paper = make_paper([person]), make_paper([old_person])
    old_urls = [
        old_organization.get_absolute_url(),
        old_person.get_absolute_url(),
        old_paper.get_absolute_url(),
    ]
    merge(keep=organization, others=[old_organization])
    merge(keep=person, others=[old_person])
    merge(keep=paper, others=[old_paper])

    responses = [client.get(url) for url in old_urls]

    assert [(r.status_code, r["Location"]) for r in responses] == [
        (301, organization.get_absolute_url()),
        (301, person.get_absolute_url()),
        (301, paper.get_absolute_url()),
    ]
    for url in ("/people/nobody/", "/organizations/nowhere/", "/papers/999999/"):
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_kept_record_page_costs_no_alias_query(client, django_assert_max_num_queries):
    organization = make_organization()
    merge(keep=organization, others=[make_organization()])

    with django_assert_max_num_queries(5) as captured:
        assert client.get(organization.get_absolute_url()).status_code == 200
    assert not any("alias" in query["sql"] for query in captured.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["people", "papers"])
def test_a_failure_mid_merge_leaves_the_database_unchanged(kind, monkeypatch):
    import_cv("ada.txt", cv("Ada Example", school="Nowhere", papers=[("Title One", "Ada Example")]))
    import_cv("ada-2.txt", cv("A. Example", employer="Labs", papers=[("Title Two", "A. Example")]))
    before = counts()

    def explode(record):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(services, "rebuild_paper", explode)
    with pytest.raises(RuntimeError):
        if kind == "people":
            merge_people(
                keep=Person.objects.get(name="Ada Example"),
                others=[Person.objects.get(name="A. Example")],
            )
        else:
            merge_papers(
                keep=Paper.objects.get(title="Title One"),
                others=[Paper.objects.get(title="Title Two")],
            )

    assert counts() == before
    assert SourceDocument.objects.get(name="ada-2.txt").person.name == "A. Example"
