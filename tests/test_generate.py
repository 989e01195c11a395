"""manage.py generate_portfolios: synthetic people, careers and shared papers."""

import re
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from profiles.importer.parse import parse_document, parse_text
from profiles.importer.save import rebuild_paper, rebuild_person
from profiles.models import (
    Authorship,
    DataVersion,
    Education,
    Job,
    Paper,
    PaperSource,
    Person,
    SectionItem,
    SourceDocument,
)
from profiles.synthetic.vocab import MAX_AUTHORS, MAX_PAPERS
from profiles.synthetic.world import generate_world, unique_slugs
from profiles.text import name_key, title_key
from tests.factories import make_person

PEOPLE, SEED = 20, 3


def generate(**options):
    stderr = StringIO()
    call_command("generate_portfolios", people=PEOPLE, seed=SEED, stderr=stderr, **options)
    return stderr.getvalue()


@pytest.fixture
def generated(db):
    return generate()


def test_generates_people_with_careers(generated):
    assert Person.objects.count() == PEOPLE
    assert SourceDocument.objects.filter(person__isnull=False).count() == PEOPLE
    for person in Person.objects.annotate(
        studies=Count("education", distinct=True),
        positions=Count("jobs", distinct=True),
        items=Count("section_items", distinct=True),
    ):
        assert 1 <= person.studies <= 3
        assert 1 <= person.positions <= 5
        assert person.jobs.filter(current=True).count() == 1
        assert person.items >= 1
        assert person.name_key == name_key(person.name)
        assert person.headline and person.location
    degrees = set(Education.objects.values_list("degree", flat=True))
    assert "Ph.D." in degrees
    assert degrees <= {"Ph.D.", "M.S.", "M.Eng.", "M.Phil.", "B.S.", "B.A.", "B.Eng."}
    assert DataVersion.current().version >= 1


def test_generates_papers_with_ordered_authors(generated):
    papers = Paper.objects.annotate(authors=Count("authorships"))
    assert papers.count() > PEOPLE
    for paper in papers:
        assert 1 <= paper.authors <= MAX_AUTHORS
        assert paper.title_key == title_key(paper.title)
        assert 1990 <= paper.year <= 2026
    for paper_id, positions in _positions().items():
        assert positions == list(range(1, len(positions) + 1)), paper_id
    assert all(a.name_key == name_key(a.name) for a in Authorship.objects.all())
    kinds = set(Paper.objects.values_list("kind", flat=True))
    assert {"conference", "journal", "preprint"} <= kinds


def _positions():
    positions = {}
    for paper_id, position in Authorship.objects.order_by("paper", "position").values_list(
        "paper", "position"
    ):
        positions.setdefault(paper_id, []).append(position)
    return positions


def test_every_paper_is_listed_by_the_people_on_it(generated):
    linked = Authorship.objects.filter(person__isnull=False)
    assert linked.count() == PaperSource.objects.count()
    assert set(linked.values_list("paper", "person")) == set(
        PaperSource.objects.values_list("paper", "person")
    )
    for person in Person.objects.all():
        listed = PaperSource.objects.filter(person=person).count()
        papers = Paper.objects.for_profile(person)
        assert papers.count() == listed
        assert all(paper.listed_by_person for paper in papers)


def test_one_person_has_the_most_papers(generated):
    counts = Counter(
        Authorship.objects.filter(person__isnull=False).values_list("person", flat=True)
    )
    top = counts.most_common(2)
    assert top[0][1] == MAX_PAPERS
    assert top[1][1] < MAX_PAPERS


def test_people_share_papers(generated):
    shared = (
        Paper.objects.annotate(people=Count("authorships__person", distinct=True))
        .filter(people__gte=2)
        .first()
    )
    assert shared is not None
    first, second = [a.person for a in shared.authorships.exclude(person=None)][:2]
    assert first in Person.objects.coauthors_of(second)
    assert shared.sources.count() == shared.authorships.exclude(person=None).count()


def test_stored_lines_point_into_the_stored_cv(generated):
    for document in SourceDocument.objects.all():
        parsed = parse_text(document.text, source=document.name)
        listings = PaperSource.objects.filter(source=document)
        assert sorted(p.line for p in parsed.publications) == sorted(
            listings.values_list("line", flat=True)
        )
        for model, records in ((Education, parsed.education), (Job, parsed.jobs)):
            rows = model.objects.filter(source=document).order_by("order")
            assert [row.line for row in rows] == [record.line for record in records]
        items = SectionItem.objects.filter(source=document).order_by("order")
        assert [item.text for item in items] == [
            text for section in parsed.sections for text in section.items
        ]


def test_rows_are_what_the_importer_would_rebuild_from_the_listings(generated):
    def snapshot(model, fields):
        return sorted(model.objects.values_list(*fields))

    people = ("name", "headline", "location", "emails", "phones", "links", "metrics")
    papers = ("title", "year", "venue", "venue_full", "kind", "status", "awards", "links")
    bylines = ("paper", "position", "name", "name_key", "person", "source", "line")
    before = [
        snapshot(Person, people),
        snapshot(Paper, (*papers, "has_code", "arxiv_id")),
        snapshot(Authorship, (*bylines, "listed_by_owner")),
    ]
    for person in Person.objects.all():
        rebuild_person(person)
    for paper in Paper.objects.all():
        rebuild_paper(paper)
    assert [
        snapshot(Person, people),
        snapshot(Paper, (*papers, "has_code", "arxiv_id")),
        snapshot(Authorship, (*bylines, "listed_by_owner")),
    ] == before


def test_summary_counts_the_rows(generated):
    assert f"Generated {PEOPLE} people with seed {SEED}" in generated
    assert f"authorships    {Authorship.objects.count():,} (" in generated
    assert f"papers         {Paper.objects.count():,}\n" in generated


@pytest.mark.django_db
def test_same_seed_gives_the_same_people_and_papers():
    def snapshot():
        return (
            list(Person.objects.order_by("slug").values_list("name", "slug", "headline")),
            sorted(Paper.objects.values_list("title", "year", "venue")),
            sorted(Authorship.objects.values_list("paper__title", "position", "name")),
        )

    generate()
    first = snapshot()
    generate(flush=True)
    assert snapshot() == first
    call_command("generate_portfolios", people=PEOPLE, seed=SEED + 1, flush=True, verbosity=0)
    assert snapshot() != first


@pytest.mark.django_db
def test_refuses_a_database_with_people():
    make_person(name="Ada Lovelace")
    with pytest.raises(CommandError, match=r"already holds portfolio data .* --flush"):
        generate()
    assert list(Person.objects.values_list("name", flat=True)) == ["Ada Lovelace"]
    assert not Paper.objects.exists()


@pytest.mark.django_db
def test_flush_replaces_earlier_data():
    make_person(name="Ada Lovelace")
    generate(flush=True)
    assert Person.objects.count() == PEOPLE
    assert not Person.objects.filter(name="Ada Lovelace").exists()


def test_people_argument_must_be_positive():
    with pytest.raises(CommandError, match="not a positive whole number"):
        call_command("generate_portfolios", "--people", "0")


def test_slugs_are_unique(generated):
    slugs = list(Person.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == len(slugs) == PEOPLE


def test_namesakes_get_numbered_slugs():
    slugs = [person.slug for person in generate_world(1000, seed=1).people]
    assert len(set(slugs)) == len(slugs)
    assert any(re.search(r"-[0-9]+$", slug) for slug in slugs)


def test_unique_slugs_number_repeats():
    names = ["José Núñez", "Jose Nunez", "JOSÉ NÚÑEZ", "Zoë Visser"]
    assert unique_slugs(names) == ["jose-nunez", "jose-nunez-2", "jose-nunez-3", "zoe-visser"]


def test_names_come_from_many_traditions():
    people = generate_world(300, seed=1).people
    assert not "".join(person.name.full for person in people).isascii()
    assert len({person.name.key for person in people}) > 280


def test_documents_are_written_and_read_back(tmp_path):
    call_command(
        "generate_portfolios", people=PEOPLE, seed=SEED, documents=tmp_path, stderr=StringIO()
    )
    world = generate_world(PEOPLE, seed=SEED)
    files = sorted(tmp_path.iterdir())
    assert {path.suffix for path in files} == {".md", ".txt", ".rst"}
    assert len(files) == PEOPLE
    for person in world.people:
        path = next(path for path in files if path.stem == person.slug)
        parsed = parse_document(path.read_bytes(), path.name)
        assert parsed.person.name == person.name.full, path.name
        assert len(parsed.education) == len(person.education), path.name
        assert len(parsed.jobs) == len(person.jobs), path.name
        assert len(parsed.publications) == len(person.papers), path.name
        assert parsed.unparsed == (), path.name
        titles = {title_key(publication.title) for publication in parsed.publications}
        assert titles == {world.papers[index].key for index in person.papers}, path.name


@pytest.mark.django_db
def test_documents_leave_the_database_alone(tmp_path):
    call_command("generate_portfolios", people=3, documents=tmp_path, verbosity=0)
    assert not Person.objects.exists()
    assert not Paper.objects.exists()
