"""Open data: BibTeX, CSV, a person's JSON, page metadata and the sitemap, each read back
by the parser its readers use and compared with the database."""

import csv
import io
import json
import re
from html.parser import HTMLParser

import bibtexparser
import pytest
from bibtexparser import middlewares
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from profiles import exports
from profiles.filters import PaperFilter
from profiles.models import (
    Education,
    Job,
    Organization,
    Paper,
    PaperSource,
    Person,
    SectionItem,
    SourceDocument,
)
from tests.factories import (
    PRIVATE_ADDRESS,
    PRIVATE_EMAIL,
    PRIVATE_PHONE,
    make_paper,
    make_person,
    make_portfolio,
    make_private_person,
)
from tests.importer.conftest import SEEDS

pytestmark = pytest.mark.django_db

PHONE, ADDRESS, EMAIL = PRIVATE_PHONE, PRIVATE_ADDRESS, PRIVATE_EMAIL


@pytest.fixture
def seeded():
    paths = sorted(map(str, SEEDS.glob("*.txt")))
    call_command("import_portfolios", "--as-of=2026-11-22", *paths, verbosity=0)


def body(response):
    assert response.status_code == 200, response.content
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def parse_bibtex(text):
    """Entries as a reference manager reads them: LaTeX decoded, authors split into parts."""
    library = bibtexparser.parse_string(
        text,
        append_middleware=[
            middlewares.LatexDecodingMiddleware(),
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
        ],
    )
    assert library.failed_blocks == []
    return library.entries


def authors_of(entry):
    return [name.merge_first_name_first for name in entry["author"]]


def byline(paper):
    names = [a.name for a in paper.authorships.all() if not a.listed_by_owner]
    return names + (["others"] if paper.authors_truncated else [])


# BibTeX ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Zhengxiao Du", "Du, Zhengxiao"),
        ("David A. Clifton", "Clifton, David A."),
        ("Élodie Marchand", "Marchand, {\\'E}lodie"),
        ("Ludwig van Beethoven", "van Beethoven, Ludwig"),
        ("Jean de la Fontaine", "de la Fontaine, Jean"),
        ("Martin Luther King Jr.", "King, Jr., Martin Luther"),
        ("Du, Z.", "Du, Z."),
        ("Plato", "Plato"),
        ("张伟", "张伟"),
        ("欧阳 修", "{欧阳 修}"),
        ("GLM Team", "{GLM Team}"),
        ("Research & Development Group", "{Research {\\&} Development Group}"),
        ("Tom and Jerry", "{Tom and Jerry}"),
    ],
)
def test_bibtex_names_are_last_first(name, expected):
    assert exports.bibtex_name(name) == expected


def test_citation_keys_are_stable_and_unique_within_an_export():
    ada = make_person(name="Ada de Lovelace")
    make_paper([ada], title="On the Analytical Engine", year=1843)
    second = make_paper([ada], title="The Analytical Engine, again", year=1843)
    make_paper([ada], title="Analytical notes", year=1843)
    make_paper([make_person(name="张伟")], title="大型语言模型", year=2024)
    Paper.objects.create(title="A", year=None)
    papers = Paper.objects.for_list().order_by("pk")

    entries = parse_bibtex(exports.bibtex(papers))

    assert [e.key for e in entries] == [
        "delovelace1843analytical",
        "delovelace1843analyticalb",
        "delovelace1843analyticalc",
        "zhangwei2024daxingyuyanmoxing",
        "anon",
    ]
    # Alone, the second paper has no other to give way to.
    assert [e.key for e in parse_bibtex(exports.bibtex(papers.filter(pk=second.pk)))] == [
        "delovelace1843analytical"
    ]


def test_each_kind_gets_its_entry_type_and_venue_field():
    person = make_person(name="Ada Lovelace")
    venues = {
        "conference": ("inproceedings", "booktitle"),
        "journal": ("article", "journal"),
        "book": ("book", "publisher"),
        "thesis": ("phdthesis", "school"),
        "patent": ("patent", "howpublished"),
        "other": ("misc", "howpublished"),
    }
    for kind in venues:
        make_paper([person], title=f"A {kind}", kind=kind, venue=f"Venue of {kind}")
    make_paper(
        [person],
        title="A preprint",
        kind="preprint",
        venue="arXiv",
        arxiv_id="2401.01234",
        category="cs.CL",
    )

    entries = {e["title"]: e for e in parse_bibtex(exports.bibtex(Paper.objects.for_list()))}

    for kind, (entry_type, field) in venues.items():
        assert entries[f"A {kind}"].entry_type == entry_type
        assert entries[f"A {kind}"][field] == f"Venue of {kind}"
    preprint = entries["A preprint"]
    assert preprint.entry_type == "misc"
    assert (preprint["eprint"], preprint["archivePrefix"], preprint["primaryClass"]) == (
        "2401.01234",
        "arXiv",
        "cs.CL",
    )


def test_latex_specials_and_accents_are_escaped_and_cjk_kept():
    title = "R&D at 100% {braces} a_b #1 $5 ~\\ Ångström naïve 大型语言模型"
    authors = [
        make_person(name="Élodie Marchand"),
        make_person(name="张伟"),
        make_person(name="Ludwig van Beethoven"),
    ]
    paper = make_paper(
        authors,
        title=title,
        venue="Proc. of R&D",
        date="2024-06-03",
        year=2024,
        status="under review",
        awards=["Best Paper 100%"],
        authors_truncated=True,
    )

    text = exports.bibtex(Paper.objects.for_list().filter(pk=paper.pk))
    (entry,) = parse_bibtex(text)

    assert "大型语言模型" in text and "R{\\&}D" in text and "{\\r{A}}ngstr" in text
    # pylatexenc reads it back as U+02C6, but LaTeX prints ^.
    assert exports.bibtex_name("Ada^2") == "Ada{\\textasciicircum}2"
    assert entry["title"] == title
    assert entry["booktitle"] == "Proc. of R&D"
    assert authors_of(entry) == ["Élodie Marchand", "张伟", "Ludwig van Beethoven", "others"]
    assert (entry["year"], entry["month"]) == ("2024", "jun")
    assert entry["note"] == "Under review; Best Paper 100%"


def test_a_persons_bibtex_holds_all_their_papers(client, seeded):
    person = Person.objects.get(slug="zhengxiao-du")
    response = client.get(reverse("profiles:person-bibtex", args=[person.slug]))

    entries = parse_bibtex(body(response))

    papers = list(Paper.objects.for_profile(person))
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="zhengxiao-du.bib"'
    assert [e["title"] for e in entries] == [p.title for p in papers]
    assert [authors_of(e) for e in entries] == [byline(p) for p in papers]
    assert [e["year"] if "year" in e.fields_dict else None for e in entries] == [
        str(p.year) if p.year else None for p in papers
    ]
    assert len({e.key for e in entries}) == len(entries)


def test_a_papers_bibtex(client, seeded):
    paper = Paper.objects.get(title__startswith="GLM-130B")

    (entry,) = parse_bibtex(body(client.get(reverse("profiles:paper-bibtex", args=[paper.pk]))))

    assert entry.key == "zeng2023glm130b"
    assert entry.entry_type == "inproceedings"
    assert entry["title"] == paper.title
    assert authors_of(entry) == byline(Paper.objects.for_list().get(pk=paper.pk))


def test_the_bibtex_of_a_filtered_list_holds_the_lists_papers(client, seeded):
    params = {"year_min": "2023", "year_max": "2024", "sort": "title"}
    response = client.get(reverse("profiles:paper-list-bibtex"), params)

    entries = parse_bibtex(body(response))

    expected = list(PaperFilter(params, queryset=Paper.objects.for_list()).qs)
    assert response.streaming
    assert len(expected) > 5
    assert [e["title"] for e in entries] == [p.title for p in expected]
    assert [authors_of(e) for e in entries] == [byline(p) for p in expected]
    assert len({e.key for e in entries}) == len(entries)


def test_a_bad_filter_is_a_400_that_says_why(client):
    response = client.get(reverse("profiles:paper-list-bibtex"), {"year_min": "abc"})

    assert response.status_code == 400
    assert response.content.decode() == "Bad filters: year_min: Enter a number.\n"


# CSV -------------------------------------------------------------------------------------


def read_csv(text):
    assert text.startswith("\ufeff")  # for Excel
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_the_papers_csv_honours_the_filters(client, seeded):
    params = {"kind": "conference", "year_min": "2022"}
    response = client.get(reverse("profiles:paper-list-csv"), params)

    rows = read_csv(body(response))

    expected = list(PaperFilter(params, queryset=Paper.objects.for_list()).qs)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="papers.csv"'
    assert list(rows[0]) == exports.PAPER_COLUMNS
    assert [row["title"] for row in rows] == [p.title for p in expected]
    assert [row["year"] for row in rows] == [str(p.year or "") for p in expected]
    assert [row["url"] for row in rows] == [
        f"http://testserver{p.get_absolute_url()}" for p in expected
    ]
    assert [row["authors"].split("; ") for row in rows] == [
        [name if name != "others" else "et al." for name in byline(p)] for p in expected
    ]
    assert {row["kind"] for row in rows} == {"conference"}


def test_the_people_csv_honours_the_filters(client, seeded):
    response = client.get(
        reverse("profiles:person-list-csv"), {"organization": "tsinghua-university"}
    )

    rows = read_csv(body(response))

    assert [row["name"] for row in rows] == ["Zhengxiao Du", "Zisheng Meng"]
    du = Person.objects.with_counts().get(slug="zhengxiao-du")
    assert rows[0]["papers"] == str(du.paper_count)
    assert (rows[0]["first_year"], rows[0]["latest_year"]) == (
        str(du.first_year),
        str(du.latest_year),
    )
    assert rows[0]["current_organizations"] == "; ".join(
        job.organization.name for job in du.jobs.filter(current=True)
    )


def test_people_sorted_by_papers_export_in_that_order(client):
    make_portfolio(3, papers_each=1)
    busy = make_person(name="Busy Example")
    for n in range(4):
        make_paper([busy], title=f"Busy paper {n}")

    rows = read_csv(body(client.get(reverse("profiles:person-list-csv"), {"sort": "-paper_count"})))

    assert rows[0]["name"] == "Busy Example" and rows[0]["papers"] == "4"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_a_spreadsheet_would_run_are_text(client, start):
    formula = f'{start}HYPERLINK("https://evil.example","click")'
    person = make_person(name=f"{start}SUM(A1:A9) Example", headline=formula)
    make_paper([person], title=formula, venue=formula)

    people = read_csv(body(client.get(reverse("profiles:person-list-csv"))))
    papers = read_csv(body(client.get(reverse("profiles:paper-list-csv"))))

    assert people[0]["name"] == f"'{start}SUM(A1:A9) Example"
    assert people[0]["headline"] == papers[0]["title"] == papers[0]["venue"] == "'" + formula


def test_list_exports_read_a_chunk_at_a_time_and_are_never_in_the_page_cache(
    client, settings, monkeypatch, tmp_path
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "x"}
    }
    settings.PORTFOLIO_EXPORT_DIR = tmp_path
    cache.clear()
    monkeypatch.setattr(exports, "CHUNK", 2)
    make_portfolio(3, papers_each=2)
    url = reverse("profiles:paper-list-csv")

    # Whole before its first byte is sent (profiles/throttle.py): the request reads the rows.
    with CaptureQueriesContext(connection) as queries:
        text = body(client.get(url))

    assert text.startswith("\ufefftitle,url,authors")
    # Six papers two at a time: each chunk's authors in a query of their own.
    assert sum("profiles_authorship" in q["sql"] for q in queries.captured_queries) == 3
    assert text.count("\n") == 7
    again = client.get(url)  # not from the page cache, which could not hold a stream anyway
    assert again.streaming and body(again) == text
    cache.clear()


# The person's JSON -----------------------------------------------------------------------

# Every key IMPORT_JSON.md documents, which the format promises are always present.
PREVIEW_KEYS = {
    "document": {"source", "sha256", "person", "education", "jobs", "publications", "sections"}
    | {"unparsed"},
    "person": {"name", "emails", "phones", "homepage", "links", "headline", "metrics"},
    "education": {"institution", "degree", "field", "start", "end", "current", "expected"}
    | {"advisor", "gpa", "location", "details", "line"},
    "jobs": {"organization", "title", "location", "start", "end", "current", "details", "line"},
    "publications": {"title", "authors", "authors_truncated", "venue", "year", "date", "kind"}
    | {"status", "awards", "links", "abstract", "line"},
    "sections": {"title", "items", "line"},
}


def test_a_persons_json_is_an_import_preview_of_the_database(client, seeded):
    person = Person.objects.for_profile().get(slug="zhengxiao-du")
    response = client.get(reverse("profiles:person-json", args=[person.slug]))
    text = body(response)

    document = json.loads(text)

    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="zhengxiao-du.json"'
    assert set(document) >= PREVIEW_KEYS["document"]
    assert set(document["person"]) >= PREVIEW_KEYS["person"]
    for key in ("education", "jobs", "publications", "sections"):
        assert document[key] and all(set(record) >= PREVIEW_KEYS[key] for record in document[key])
    assert all(
        set(author) == {"name", "equal_contribution", "is_owner"}
        for record in document["publications"]
        for author in record["authors"]
    )
    assert document["source"] == "zhengxiao-du.json" and document["unparsed"] == []
    assert document["person"]["name"] == person.name
    assert document["person"]["phones"] == [] and "address" not in document["person"]
    assert [e["institution"] for e in document["education"]] == [
        e.organization.name for e in person.education.all()
    ]
    assert [(j["organization"], j["title"]) for j in document["jobs"]] == [
        (j.organization.name, j.title) for j in person.jobs.all()
    ]
    listed = Paper.objects.filter(sources__person=person).order_by("-year", "-date", "title")
    assert [p["title"] for p in document["publications"]] == [p.title for p in listed]
    for record, paper in zip(
        document["publications"], Paper.objects.for_export(person), strict=True
    ):
        authors = [a for a in paper.authorships.all() if not a.listed_by_owner]
        assert [a["name"] for a in record["authors"]] == [a.name for a in authors]
        owners = [a["name"] for a in record["authors"] if a["is_owner"]]
        assert owners == [a.name for a in authors if a.person_id == person.pk]
    assert [(s["title"], s["items"]) for s in document["sections"]] == [
        (title, [item.text for item in items]) for title, items in person.grouped_sections()
    ]
    lines = text.split("\n")
    for key in ("education", "jobs", "publications", "sections"):
        for record in document[key]:  # where the record's object starts in this text
            assert lines[record["line"] - 1].strip() == "{", (key, record["line"])


def test_papers_nobody_lists_are_exported_with_their_authors():
    ada, bob = make_person(name="Ada Lovelace"), make_person(name="Bob Example")
    make_paper([ada, bob], title="Entered by hand")

    document = json.loads(exports.person_json(Person.objects.for_profile().get(pk=bob.pk)))

    (publication,) = document["publications"]
    assert publication["authors"] == [
        {"name": "Ada Lovelace", "equal_contribution": False, "is_owner": False},
        {"name": "Bob Example", "equal_contribution": False, "is_owner": True},
    ]


def snapshot():
    """What the round trip must keep: people, organisations, education, jobs, papers with
    ordered authors and person links, who lists which paper, and section items."""
    people = {
        p.slug: {
            "fields": [p.name, p.headline, p.location, p.homepage, p.links, p.metrics],
            "emails": p.public_emails(),
            "education": [
                [e.organization.name, e.degree, e.degree_text, e.field, e.start, e.end]
                + [e.current, e.expected, e.advisor, e.gpa, e.location, e.details]
                for e in p.education.all()
            ],
            "jobs": [
                [j.organization.name, j.title, j.location, j.start, j.end, j.current, j.details]
                for j in p.jobs.all()
            ],
            "sections": [
                (title, [item.text for item in items]) for title, items in p.grouped_sections()
            ],
        }
        for p in Person.objects.for_profile()
    }
    papers = {
        paper.title: {
            "fields": [paper.year, paper.date, paper.venue, paper.venue_full, paper.kind]
            + [paper.status, paper.abstract, paper.awards, paper.links, paper.has_code]
            + [paper.arxiv_id, paper.category, paper.authors_truncated],
            "authors": [
                [a.position, a.name, a.person and a.person.slug, a.equal_contribution]
                + [a.listed_by_owner]
                for a in paper.authorships.all()
            ],
            "listed_by": sorted(
                s.person.slug for s in PaperSource.objects.filter(paper=paper) if s.person
            ),
        }
        for paper in Paper.objects.for_list()
    }
    organizations = sorted(Organization.objects.values_list("name", flat=True))
    return {"people": people, "papers": papers, "organizations": organizations}


def empty_the_database():
    Paper.objects.all().delete()
    SourceDocument.objects.all().delete()
    Person.objects.all().delete()
    Organization.objects.all().delete()
    assert not Education.objects.exists() and not SectionItem.objects.exists()


def test_export_then_import_into_an_empty_database_reproduces_it(tmp_path, seeded):
    before = snapshot()
    assert len(before["people"]) == 5 and len(before["papers"]) > 60

    call_command("export_portfolios", str(tmp_path), verbosity=0)
    empty_the_database()
    call_command("import_portfolios", "--as-of=2026-11-22", str(tmp_path), verbosity=0)

    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{slug}.json" for slug in before["people"]
    )
    after = snapshot()
    assert after["organizations"] == before["organizations"]
    assert after["people"] == before["people"]
    assert after["papers"] == before["papers"]
    assert not [p for p in Person.objects.all() if p.phones or p.address]


def test_exporting_again_after_the_round_trip_gives_the_same_files(tmp_path, seeded):
    first, second = tmp_path / "first", tmp_path / "second"
    call_command("export_portfolios", str(first), verbosity=0)
    empty_the_database()
    call_command("import_portfolios", "--as-of=2026-11-22", str(first), verbosity=0)
    call_command("export_portfolios", str(second), verbosity=0)

    for path in first.iterdir():
        assert (second / path.name).read_text() == path.read_text(), path.name


def run_import(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(
            "import_portfolios", "--as-of=2026-11-22", *map(str, args), stdout=out, stderr=err
        )
    except CommandError as exc:
        return err.getvalue(), exc
    return err.getvalue(), None


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"person": {"name": "Ada"', "not valid JSON (Expecting ',' delimiter at line 1"),
        (b'{"person": {"name": "Ada \xff"}}', "not a JSON document: it is not UTF-8 text"),
        ("[]", "not a portfolio document: a JSON object with person"),
        ('{"name": "Ada"}', "not a portfolio document: a JSON object with person"),
        ('{"person": {"name": "Ada"}, "jobs": {}}', "jobs: expected a list"),
        ('{"person": {"name": "Ada"}, "jobs": [{"title": "x"}]}', "jobs[0].organization: missing"),
        (
            '{"person": {"name": "Ada"}, "publications": [{"title": "T", "authors": [1]}]}',
            "publications[0].authors[0]: expected an object",
        ),
        ('{"person": {"name": ["Ada"]}}', "person.name: expected text"),
        (
            '{"person": {"name": "Ada"}, "publications": [{"title": "T", "year": "soon"}]}',
            "publications[0].year: expected a year, not 'soon'",
        ),
    ],
)
def test_a_bad_json_document_is_one_line_naming_the_file(tmp_path, content, reason):
    if isinstance(content, str):
        content = content.encode()
    (tmp_path / "bad.json").write_bytes(content)
    (tmp_path / "good.json").write_text('{"person": {"name": "Ada Example"}}', encoding="utf-8")

    err, error = run_import(tmp_path)

    assert error is not None and "1 of 2 documents failed" in str(error)
    (line,) = [line for line in err.splitlines() if line.startswith("bad.json")]
    assert reason in line
    assert Person.objects.get().name == "Ada Example"


def test_a_json_document_records_its_own_lines_and_warns_on_unknown_kinds(tmp_path):
    document = {
        "person": {"name": "Ada Example", "phones": ["+1 555 0100"]},
        "jobs": [{"organization": "Analytical Engines Ltd", "title": "Engineer"}],
        "publications": [{"title": "Notes", "kind": "poem", "authors": [{"name": "Ada Example"}]}],
    }
    path = tmp_path / "ada.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")

    err, error = run_import(path)

    assert error is None, err
    assert "publications[0].kind: unknown value 'poem'; other instead" in err
    job = Job.objects.get()
    assert path.read_text().split("\n")[job.line - 1].strip() == "{"
    assert Paper.objects.get().kind == "other"
    assert SourceDocument.objects.get().text == path.read_text()


def test_a_json_document_keeps_only_web_and_mail_links(tmp_path):
    document = {
        "person": {
            "name": "Ada Example",
            "homepage": "javascript:alert(1)",
            "links": [
                {"label": "Site", "url": "https://ada.example.org"},
                {"label": "Evil", "url": "JavaScript:alert(1)"},
                {"label": "Blob", "url": "data:text/html,<script>alert(1)</script>"},
            ],
        },
    }
    path = tmp_path / "ada.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    err, error = run_import(path)

    assert error is None, err
    person = Person.objects.get()
    assert person.homepage == ""
    assert [link["url"] for link in person.links] == ["https://ada.example.org"]
    assert "person.links[1].url: JavaScript:alert(1) is not kept as a link" in err


def test_a_json_document_previews_like_a_text_document(tmp_path):
    path = tmp_path / "ada.json"
    path.write_text('{"person": {"name": "Ada Example"}, "education": []}', encoding="utf-8")
    out = io.StringIO()

    call_command("import_portfolios", "--dry-run", "--json", str(path), stdout=out, verbosity=0)

    (preview,) = json.loads(out.getvalue())
    assert preview["source"] == "ada.json" and preview["person"]["name"] == "Ada Example"


# Page metadata ---------------------------------------------------------------------------


class Metadata(HTMLParser):
    """The JSON-LD blocks and <meta name=...> tags of a page."""

    def __init__(self, html):
        super().__init__()
        self.jsonld, self.meta, self.in_jsonld = [], [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.in_jsonld = tag == "script" and attrs.get("type") == "application/ld+json"
        if tag == "meta" and "name" in attrs:
            self.meta.append((attrs["name"], attrs["content"]))

    def handle_data(self, data):
        if self.in_jsonld:
            self.jsonld.append(json.loads(data))
            self.in_jsonld = False


def test_a_profile_describes_the_person_in_json_ld(client, seeded):
    person = Person.objects.for_profile().get(slug="zhengxiao-du")

    (data,) = Metadata(body(client.get(person.get_absolute_url()))).jsonld

    assert (data["@context"], data["@type"], data["name"]) == (
        "https://schema.org",
        "Person",
        person.name,
    )
    assert data["url"] == f"http://testserver{person.get_absolute_url()}"
    alumni = list(dict.fromkeys(e.organization.name for e in person.education.all()))
    assert [o["name"] for o in data["alumniOf"]] == alumni
    employers = list(dict.fromkeys(j.organization.name for j in person.jobs.all() if j.current))
    assert [o["name"] for o in data["worksFor"]] == employers
    assert "email" not in data


def test_a_paper_page_has_json_ld_and_citation_tags(client, seeded):
    paper = Paper.objects.for_list().get(title__startswith="GLM-130B")

    page = Metadata(body(client.get(paper.get_absolute_url())))

    (data,) = page.jsonld
    assert (data["@type"], data["name"]) == ("ScholarlyArticle", paper.title)
    assert [a["name"] for a in data["author"]] == byline(paper)
    linked = [a for a in paper.authorships.all() if a.person]
    assert {a["url"] for a in data["author"] if "url" in a} == {
        f"http://testserver{a.person.get_absolute_url()}" for a in linked
    }
    assert data["datePublished"] == (paper.date.isoformat() if paper.date else str(paper.year))
    meta = page.meta
    assert ("citation_title", paper.title) in meta
    assert [value for name, value in meta if name == "citation_author"] == byline(paper)
    assert ("citation_conference_title", paper.venue_full or paper.venue) in meta
    assert any(name == "citation_publication_date" for name, _ in meta)


def test_json_ld_cannot_be_broken_out_of(client):
    title = "</script><script>alert(1)</script> & <!-- <b>"
    person = make_person(name=f"Eve {title}")
    paper = make_paper([person], title=title)

    for url in (person.get_absolute_url(), paper.get_absolute_url()):
        html = body(client.get(url))
        (data,) = Metadata(html).jsonld
        assert title in json.dumps(data, ensure_ascii=False)
        assert "</script><script>alert" not in html
        assert html.count("</script>") == 1


# Sitemap and robots.txt ------------------------------------------------------------------


def test_the_sitemap_lists_every_page_and_robots_txt_points_at_it(client, seeded):
    index = body(client.get("/sitemap.xml"))
    sections = re.findall(r"<loc>(.*?)</loc>", index)
    urls = set()
    for section in sections:
        urls |= set(re.findall(r"<loc>(.*?)</loc>", body(client.get(section))))

    site = "http://testserver"
    expected = {site + p.get_absolute_url() for p in Person.objects.all()}
    expected |= {site + p.get_absolute_url() for p in Paper.objects.all()}
    expected |= {site + o.get_absolute_url() for o in Organization.objects.all()}
    expected |= {site + reverse(f"profiles:{name}") for name in ("person-list", "paper-list")}
    assert urls >= expected
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in robots.content.decode()
    assert f"Sitemap: {site}/sitemap.xml" in robots.content.decode()


# Privacy ---------------------------------------------------------------------------------


@pytest.fixture
def private_person():
    return make_private_person()


def every_export(client, person):
    paper = Paper.objects.get()
    urls = [
        reverse("profiles:person-json", args=[person.slug]),
        reverse("profiles:person-bibtex", args=[person.slug]),
        reverse("profiles:paper-bibtex", args=[paper.pk]),
        reverse("profiles:person-list-csv"),
        reverse("profiles:paper-list-csv"),
        reverse("profiles:paper-list-bibtex"),
        person.get_absolute_url(),  # JSON-LD
        paper.get_absolute_url(),  # JSON-LD and citation tags
        "/sitemap.xml",
        "/sitemap-people.xml",
    ]
    return {url: body(client.get(url)) for url in urls}


def test_no_export_holds_phones_addresses_or_hidden_emails(client, tmp_path, private_person):
    exported = every_export(client, private_person)
    call_command("export_portfolios", str(tmp_path), verbosity=0)
    exported["export_portfolios"] = (tmp_path / "eve-example.json").read_text()

    for url, text in exported.items():
        digits = re.sub(r"\D", "", text)
        assert "5550104477" not in digits and "442079460958" not in digits, url
        assert "Baker" not in text and "NW1" not in text, url
        assert EMAIL not in text, url


def test_emails_a_person_shows_are_in_their_exports(client, private_person):
    private_person.show_email = True
    private_person.save()

    exported = every_export(client, private_person)

    person_json = json.loads(exported[reverse("profiles:person-json", args=["eve-example"])])
    assert person_json["person"]["emails"] == [EMAIL]
    assert read_csv(exported[reverse("profiles:person-list-csv")])[0]["emails"] == EMAIL
    (data,) = Metadata(exported[private_person.get_absolute_url()]).jsonld
    assert data["email"] == [f"mailto:{EMAIL}"]


# Links and budgets -----------------------------------------------------------------------


def test_export_links_keep_the_filters_but_not_the_page(client):
    make_portfolio(2, papers_each=15)

    papers = body(client.get(reverse("profiles:paper-list"), {"kind": "conference", "page": 2}))
    timeline = body(client.get(reverse("profiles:timeline"), {"year_min": "2021", "page": 2}))
    people = body(client.get(reverse("profiles:person-list"), {"degree": "Ph.D.", "page": 1}))
    person = Person.objects.first()
    profile = body(client.get(person.get_absolute_url()))
    paper = Paper.objects.first()

    assert 'href="/papers/export.bib?kind=conference"' in papers
    assert 'href="/papers/export.csv?kind=conference"' in papers
    assert 'href="/papers/export.bib?year_min=2021"' in timeline
    assert 'href="/people/export.csv?degree=Ph.D."' in people
    assert f'href="/people/{person.slug}/papers.bib"' in profile
    assert f'href="/people/{person.slug}.json"' in profile
    assert f'href="/papers/{paper.pk}.bib"' in body(client.get(paper.get_absolute_url()))


def test_a_filter_error_shows_no_export_links(client):
    html = body(client.get(reverse("profiles:paper-list"), {"year_min": "abc"}))

    assert "export.bib" not in html


EXPORTS = {
    "people.csv": lambda people: reverse("profiles:person-list-csv") + "?sort=-paper_count",
    "papers.csv": lambda people: reverse("profiles:paper-list-csv") + "?q=Study",
    "papers.bib": lambda people: reverse("profiles:paper-list-bibtex") + "?year_min=2020",
    "person.bib": lambda people: reverse("profiles:person-bibtex", args=[people[0].slug]),
    "person.json": lambda people: reverse("profiles:person-json", args=[people[0].slug]),
    "paper.bib": lambda people: reverse(
        "profiles:paper-bibtex", args=[Paper.objects.order_by("pk").first().pk]
    ),
    "sitemap": lambda people: "/sitemap-people.xml",
}


@pytest.mark.parametrize("export", EXPORTS)
def test_export_query_count_does_not_grow_with_the_data(client, export):
    counts = []
    for size in (2, 12):
        people = make_portfolio(people=size, papers_each=size)
        url = EXPORTS[export](people)
        with CaptureQueriesContext(connection) as queries:
            body(client.get(url))
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 9, counts


def test_a_persons_bibtex_is_served_from_the_page_cache(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "y"}
    }
    cache.clear()
    person = make_portfolio(2, papers_each=2)[0]
    url = reverse("profiles:person-bibtex", args=[person.slug])
    first = body(client.get(url))

    with CaptureQueriesContext(connection) as queries:
        second = body(client.get(url))

    assert second == first and len(queries) == 1  # the data version
    cache.clear()
