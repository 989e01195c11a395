"""save_document(): storing parsed documents, re-imports, and merging one paper's listings.

Documents are built from records rather than parsed, so these tests do not move when the
parser is tuned.
"""

import hashlib
from datetime import date

import pytest

from profiles.importer import save
from profiles.importer.records import (
    Author,
    Education,
    Job,
    Link,
    ParsedDocument,
    PersonInfo,
    Publication,
    Section,
    Unparsed,
)
from profiles.importer.save import rebuild_paper, save_document
from profiles.models import (
    Authorship,
    Organization,
    Paper,
    PaperSource,
    Person,
    SectionItem,
    SourceDocument,
)
from profiles.models import Education as EducationRow
from profiles.models import Job as JobRow
from profiles.text import title_key

AS_OF = date(2026, 11, 22)


def make_publication(title="A Study of Examples", authors=("Ada Example",), **overrides):
    fields = {
        "title": title,
        "authors": tuple(
            author if isinstance(author, Author) else Author(author) for author in authors
        ),
        "authors_truncated": False,
        "venue": None,
        "venue_full": None,
        "year": None,
        "date": None,
        "kind": "other",
        "status": "published",
        "awards": (),
        "links": (),
        "abstract": None,
        "line": 10,
    }
    return Publication(**{**fields, **overrides})


def make_education(institution="University of Nowhere", **overrides):
    fields = {
        "institution": institution,
        "degree": "Ph.D.",
        "degree_text": "PhD",
        "field": "Computer Science",
        "start": "2018-09",
        "end": "2023",
        "current": False,
        "expected": False,
        "advisor": None,
        "gpa": None,
        "location": None,
        "details": ("Thesis: On examples",),
        "line": 5,
    }
    return Education(**{**fields, **overrides})


def make_job(organization="Example Labs", **overrides):
    fields = {
        "organization": organization,
        "title": "Research Scientist",
        "location": "Nowhere",
        "start": "2023-10",
        "end": None,
        "current": True,
        "details": (),
        "line": 8,
    }
    return Job(**{**fields, **overrides})


def make_document(name="ada.txt", person="Ada Example", *, text=None, **records):
    text = text if text is not None else f"{name} {person} {sorted(records.items())!r}"
    fields = {"education": (), "jobs": (), "publications": (), "sections": (), "unparsed": ()}
    fields.update({key: tuple(value) for key, value in records.items()})
    info = person if isinstance(person, PersonInfo) else PersonInfo(name=person, line=1)
    return ParsedDocument(
        source=name,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        person=info,
        **fields,
    )


def store(document):
    return save_document(document, as_of=AS_OF)


def counts():
    models = (
        SourceDocument,
        Person,
        Organization,
        EducationRow,
        JobRow,
        SectionItem,
        Paper,
        PaperSource,
        Authorship,
    )
    return {model.__name__: model.objects.count() for model in models}


def byline(paper):
    return [
        (a.name, a.person.slug if a.person else None, a.listed_by_owner)
        for a in paper.authorships.select_related("person").order_by("position")
    ]


@pytest.mark.django_db
def test_new_document_stores_every_record_with_its_line():
    document = make_document(
        person=PersonInfo(
            name="Ada Example",
            emails=("ada@example.org",),
            links=(Link("GitHub", "https://github.com/ada"),),
            headline="Researcher, Example Labs",
            metrics={"h_index": 3},
        ),
        education=[make_education(), make_education("Example College", start="2014", line=6)],
        jobs=[make_job()],
        sections=[Section("Skills", ("Python", "Django"), line=20, item_lines=(21, 23))],
        publications=[make_publication(line=30)],
        unparsed=[Unparsed(40, "stray line")],
    )

    report = store(document)

    assert report["status"] == "new"
    assert report["person"] == "ada-example"
    assert (report["education"], report["jobs"], report["section_items"]) == (2, 1, 2)
    assert (report["papers_new"], report["papers_linked"], report["unparsed"]) == (1, 0, 1)
    person = Person.objects.get()
    assert person.emails == ["ada@example.org"]
    assert person.links == [{"label": "GitHub", "url": "https://github.com/ada"}]
    assert person.headline == "Researcher, Example Labs"
    assert person.metrics == {"h_index": 3}
    phd, college = person.education.order_by("order")
    assert (phd.start_year, phd.start_month, phd.end_year, phd.end_month) == (2018, 9, 2023, None)
    assert (phd.start, phd.end, phd.line, phd.order) == ("2018-09", "2023", 5, 0)
    assert phd.details == ["Thesis: On examples"]
    assert (college.organization.name, college.start, college.line) == (
        "Example College",
        "2014",
        6,
    )
    job = person.jobs.get()
    assert (job.organization.slug, job.current, job.end) == ("example-labs", True, None)
    assert list(person.section_items.values_list("section", "text", "line")) == [
        ("Skills", "Python", 21),
        ("Skills", "Django", 23),
    ]
    source = SourceDocument.objects.get()
    assert (source.person, source.captured_on, source.text) == (person, AS_OF, document.text)
    assert source.report["counts"]["publications"] == 1
    assert source.report["unparsed"] == [{"line": 40, "text": "stray line"}]
    listing = PaperSource.objects.get()
    assert (listing.line, listing.person, listing.record["title"]) == (
        30,
        person,
        "A Study of Examples",
    )
    assert {row.source_id for row in (phd, job, listing)} == {source.pk}


@pytest.mark.django_db
def test_organizations_are_shared_by_normalised_name():
    store(make_document("ada.txt", "Ada Example", jobs=[make_job("Example Labs")]))
    store(make_document("ben.txt", "Ben Sample", jobs=[make_job("EXAMPLE LABS.")]))

    assert Organization.objects.count() == 1
    assert JobRow.objects.filter(organization__slug="example-labs").count() == 2


@pytest.mark.django_db
def test_a_second_document_with_the_same_name_joins_that_person():
    store(make_document("ada-cv.txt", PersonInfo("Ada Example", emails=("ada@example.org",))))
    report = store(
        make_document(
            "ada-profile.txt",
            PersonInfo("ADA  EXAMPLE", emails=("ADA@example.org", "ada@uni.example")),
        )
    )

    assert report["person_new"] is False
    person = Person.objects.get()
    assert person.name == "Ada Example"
    assert person.emails == ["ada@example.org", "ada@uni.example"]
    assert person.documents.count() == 2


@pytest.mark.django_db
def test_different_people_whose_names_slug_alike_get_numbered_slugs():
    store(make_document("a.txt", "Ann O'Neil"))
    store(make_document("b.txt", "Ann Oneil"))

    assert sorted(Person.objects.values_list("slug", flat=True)) == ["ann-oneil", "ann-oneil-2"]


@pytest.mark.django_db
def test_a_document_without_a_name_uses_the_file_stem_and_warns():
    report = store(make_document("anonymous_cv.txt", PersonInfo(name=None)))

    assert Person.objects.get().name == "anonymous_cv"
    assert report["person"] == "anonymous_cv"
    assert any("no person name" in warning for warning in report["warnings"])
    assert SourceDocument.objects.get().report["warnings"] == report["warnings"]


@pytest.mark.django_db
def test_the_same_bytes_again_are_unchanged_and_write_nothing():
    document = make_document(jobs=[make_job()], publications=[make_publication()])
    store(document)
    before = counts()

    report = store(document)

    assert report["status"] == "unchanged"
    assert report["person"] == "ada-example"
    assert counts() == before


@pytest.mark.django_db
def test_the_same_bytes_under_another_name_are_a_duplicate():
    store(make_document("ada.txt", text="same text"))
    before = counts()

    report = store(make_document("copy-of-ada.txt", text="same text"))

    assert report["status"] == "duplicate"
    assert report["duplicate_of"] == "ada.txt"
    assert counts() == before


@pytest.mark.django_db
def test_a_new_version_replaces_what_the_old_one_contributed():
    first = make_document(
        "ada.txt",
        PersonInfo("Ada Example", emails=("old@example.org",)),
        education=[make_education()],
        jobs=[make_job(), make_job("Old Employer", line=9)],
        sections=[Section("Skills", ("Python",), line=20, item_lines=(21,))],
        publications=[make_publication("Kept Paper"), make_publication("Dropped Paper", line=11)],
        text="version 1",
    )
    store(first)
    person = Person.objects.get()
    kept = Paper.objects.get(title="Kept Paper")

    report = store(
        make_document(
            "ada.txt",
            PersonInfo("Ada Example", emails=("new@example.org",)),
            jobs=[make_job(title="Senior Scientist")],
            publications=[make_publication("Kept Paper", year=2024)],
            text="version 2",
        )
    )

    assert report["status"] == "updated"
    person.refresh_from_db()
    assert (Person.objects.get().pk, person.slug) == (person.pk, "ada-example")
    assert person.emails == ["new@example.org"]
    assert person.education.count() == 0
    assert list(person.jobs.values_list("title", flat=True)) == ["Senior Scientist"]
    assert person.section_items.count() == 0
    assert list(Paper.objects.values_list("pk", "title", "year")) == [(kept.pk, "Kept Paper", 2024)]
    assert SourceDocument.objects.get().sha256 == hashlib.sha256(b"version 2").hexdigest()


@pytest.mark.django_db
def test_a_withdrawn_listing_leaves_a_paper_other_documents_still_list():
    shared = make_publication("Shared Paper", authors=("Ada Example", "Ben Sample"))
    store(make_document("ada.txt", "Ada Example", publications=[shared], text="ada 1"))
    store(make_document("ben.txt", "Ben Sample", publications=[shared], text="ben 1"))

    store(make_document("ada.txt", "Ada Example", text="ada 2"))

    paper = Paper.objects.get()
    assert list(paper.sources.values_list("source__name", flat=True)) == ["ben.txt"]
    assert byline(paper) == [
        ("Ada Example", "ada-example", False),
        ("Ben Sample", "ben-sample", False),
    ]


@pytest.mark.django_db
def test_a_paper_listed_twice_in_one_document_is_stored_once():
    report = store(
        make_document(publications=[make_publication(line=10), make_publication(line=12)])
    )

    assert (Paper.objects.count(), PaperSource.objects.count()) == (1, 1)
    assert report["papers"] == 1
    assert any("line 12" in warning for warning in report["warnings"])


@pytest.mark.django_db
def test_a_venue_listing_outranks_a_preprint_whichever_is_imported_first():
    preprint = make_publication(
        "GLM-Like Model",
        kind="preprint",
        venue="arXiv",
        year=2022,
        date="2022-10-05",
        abstract="An abstract.",
        has_code=True,
        links=(Link("Code", "https://example.org/code"),),
    )
    conference = make_publication(
        "GLM-like model",
        kind="conference",
        venue="ICLR",
        venue_full="International Conference on Learning Representations",
        year=2023,
        awards=("Oral",),
        links=(Link("Code", "https://example.org/code"), Link("PDF", "https://example.org/pdf")),
    )
    store(make_document("profile.txt", "Ben Sample", publications=[preprint]))
    store(make_document("cv.txt", "Ada Example", publications=[conference]))

    paper = Paper.objects.get()
    assert (paper.title, paper.kind, paper.venue, paper.year) == (
        "GLM-like model",
        "conference",
        "ICLR",
        2023,
    )
    assert paper.venue_full == "International Conference on Learning Representations"
    assert paper.date is None  # the 2022 arXiv posting is not the date of the 2023 paper
    assert (paper.abstract, paper.has_code, paper.awards) == ("An abstract.", True, ["Oral"])
    assert [link["label"] for link in paper.links] == ["Code", "PDF"]


@pytest.mark.django_db
def test_published_beats_submitted_but_a_preprint_does_not_publish_a_submission():
    submitted = make_publication("Under Way", kind="conference", venue="ICML", status="submitted")
    on_arxiv = make_publication("Under Way", kind="preprint", status="published")
    store(make_document("cv.txt", "Ada Example", publications=[submitted]))
    store(make_document("profile.txt", "Ben Sample", publications=[on_arxiv]))

    paper = Paper.objects.get()
    assert (paper.kind, paper.status, paper.venue) == ("conference", "submitted", "ICML")

    accepted = make_publication("Under Way", kind="conference", venue="ICML", year=2026)
    store(make_document("newer-cv.txt", "Cy Third", publications=[accepted]))

    paper.refresh_from_db()
    assert (paper.kind, paper.status, paper.year) == ("conference", "published", 2026)


@pytest.mark.django_db
def test_the_byline_comes_from_the_listing_naming_most_authors():
    group = make_publication("Big Model", authors=("Example Team",))
    truncated = make_publication(
        "Big Model", authors=("Example Team", "Ben Sample", "Cy Third"), authors_truncated=True
    )
    untruncated = make_publication("Big Model", authors=("Ben Sample", "Cy Third"))
    store(make_document("a.txt", "Ada Example", publications=[group]))
    store(make_document("b.txt", "Ben Sample", publications=[truncated]))
    paper = Paper.objects.get()
    assert paper.authors_truncated is True
    assert byline(paper) == [
        ("Example Team", None, False),
        ("Ben Sample", "ben-sample", False),
        ("Cy Third", None, False),
        ("Ada Example", "ada-example", True),
    ]

    # As many named authors as b.txt, and not cut short with 'et al.'.
    store(make_document("c.txt", "Cy Third", publications=[untruncated]))

    paper.refresh_from_db()
    assert paper.authors_truncated is False
    assert byline(paper) == [
        ("Ben Sample", "ben-sample", False),
        ("Cy Third", "cy-third", False),
        ("Ada Example", "ada-example", True),
    ]
    assert Authorship.objects.get(listed_by_owner=True).source.name == "a.txt"


@pytest.mark.django_db
def test_between_equal_bylines_full_names_beat_initials():
    initials = make_publication(
        "Robots", authors=("É. Marchand", Author("D. Mensah", is_owner=True))
    )
    full = make_publication(
        "Robots", authors=(Author("Élodie Marchand", is_owner=True), "Daniel Mensah")
    )
    store(make_document("daniel.rst", "Daniel Mensah", publications=[initials]))
    store(make_document("elodie.txt", "Élodie Marchand", publications=[full]))

    assert byline(Paper.objects.get()) == [
        ("Élodie Marchand", "elodie-marchand", False),
        ("Daniel Mensah", "daniel-mensah", False),
    ]


@pytest.mark.django_db
def test_an_owner_written_with_initials_is_linked_in_place():
    as_ada_lists_it = make_publication(
        "Initials Paper", authors=("B. Sample", Author("A. Example", is_owner=True))
    )
    as_ben_lists_it = make_publication(
        "Initials Paper", authors=(Author("B. Sample", is_owner=True), "A. Example")
    )
    store(make_document("ada.txt", "Ada Example", publications=[as_ada_lists_it]))
    store(make_document("ben.txt", "Ben Sample", publications=[as_ben_lists_it]))

    assert byline(Paper.objects.get()) == [
        ("B. Sample", "ben-sample", False),
        ("A. Example", "ada-example", False),
    ]


@pytest.mark.django_db
def test_a_co_author_imported_later_is_linked_to_earlier_bylines():
    paper = make_publication("Joint Work", authors=("Ada Example", "Ben Sample"))
    store(make_document("ada.txt", "Ada Example", publications=[paper]))
    assert Authorship.objects.get(name="Ben Sample").person is None

    store(make_document("ben.txt", "Ben Sample"))

    assert Authorship.objects.get(name="Ben Sample").person.slug == "ben-sample"


@pytest.mark.django_db
def test_overlong_values_are_shortened_with_a_warning():
    long_title = "Research Scientist " * 30
    report = store(make_document(jobs=[make_job(title=long_title)]))

    assert len(JobRow.objects.get().title) == 300
    assert any("Job.title" in warning for warning in report["warnings"])


@pytest.mark.django_db
def test_a_failure_mid_save_rolls_the_whole_document_back(monkeypatch):
    store(make_document("ben.txt", "Ben Sample", publications=[make_publication("Joint Work")]))
    before = counts()

    def explode(paper):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(save, "rebuild_paper", explode)
    document = make_document(
        "ada.txt",
        education=[make_education()],
        jobs=[make_job("Brand New Org")],
        publications=[make_publication("Joint Work"), make_publication("Solo Work")],
    )
    with pytest.raises(RuntimeError):
        store(document)

    assert counts() == before
    assert not Person.objects.filter(name="Ada Example").exists()


@pytest.mark.django_db
def test_rebuild_paper_without_listings_leaves_the_paper_alone():
    paper = Paper.objects.create(title="Entered By Hand", venue="Somewhere")

    rebuild_paper(paper)

    paper.refresh_from_db()
    assert (paper.title_key, paper.venue) == (title_key("Entered By Hand"), "Somewhere")
