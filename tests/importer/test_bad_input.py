"""Bad input through import_portfolios: each document is imported cleanly or refused with one
line naming it and the reason, never a traceback; a refused document writes nothing, and the
rest of its batch still imports. Every document is built here, for fictional people."""

import codecs
import io
import json
import zipfile
from datetime import date

import pytest

from profiles.importer.parse import parse_document
from profiles.importer.read import MAX_LINE_LENGTH, MAX_LINES, DocumentError
from profiles.models import Organization, Paper, Person, SectionItem, SourceDocument
from tests.database import snapshot
from tests.importer.conftest import ROOT
from tests.pdf_files import make_pdf
from tests.test_import_command import AS_OF, run

FIXTURES = ROOT / "tests" / "fixtures"


def cv(name="Ada Example", email="ada@example.org", title="A Study of Examples and Their Uses"):
    return f"""\
# {name}

{email}

## Education

**University of Examples** 2015 - 2020
Ph.D. in Physics

## Publications

1. **{name}**, Ben Sample. "{title}." NeurIPS 2021.
"""


def zipped(text):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("cv.md", text)
    return buffer.getvalue()


# (file name, its bytes or a function making them, the reason it is refused)
REFUSED = [
    ("empty.txt", b"", "empty document (no text)"),
    ("blank.txt", b" \n\t\r\n   \n", "empty document (no text)"),
    (
        "photo.png",
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        "not a text document: it is a PNG image",
    ),
    (
        "cv.pdf",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        "not a readable PDF (PDFSyntaxError: No /Root object! - Is this really a PDF?)",
    ),
    (
        "cv.zip",
        zipped(cv()),
        "not a text document: it is a zip archive, not a Word or OpenDocument file",
    ),
    ("every-byte.bin", bytes(range(256)) * 64, "not a text document: it holds binary data"),
    ("nuls.txt", b"\x00" * 4096, "not a text document: it holds binary data"),
    ("utf16-no-bom.md", cv().encode("utf-16-le"), "not a text document: it holds binary data"),
    (
        "huge.txt",
        lambda: b"Ada Example\n" * (20 * 1024 * 1024 // 12),
        "too large (20,971,512 bytes; the limit is 2,097,152)",
    ),
    (
        "one-5mb-line.txt",
        lambda: b"x" * (5 * 1024 * 1024),
        "too large (5,242,880 bytes; the limit is 2,097,152)",
    ),
    ("200k-lines.txt", lambda: b"x\n" * 200_000, "too many lines (200,000; the limit is 20,000)"),
    (
        "wide.txt",
        lambda: b"# Ada Example\n\n" + b"word " * 200_000 + b"\n",
        "line 3 is 1,000,000 characters long (the limit is 10,000)",
    ),
    (
        "locked.pdf",
        lambda: (FIXTURES / "pdf" / "encrypted.pdf").read_bytes(),
        "encrypted PDF (remove the password first)",
    ),
    ("scanned.pdf", lambda: make_pdf([[], []]), "no text layer (a scanned PDF? run OCR first)"),
    (
        "broken.docx",
        b"PK\x03\x04 cut off",
        "corrupt Word document (not a zip archive: File is not a zip file)",
    ),
    (
        "preamble.tex",
        b"\\documentclass{article}\n\\usepackage{hyperref}\n\\begin{document}\n\\end{document}\n",
        "no CV found (no name, education, jobs or publications could be read)",
    ),
    (
        "all-headings.md",
        "".join(f"# Heading {n}\n" for n in range(500)).encode(),
        "no CV found (no name, education, jobs or publications could be read)",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "data", "reason"), REFUSED, ids=[case[0] for case in REFUSED])
def test_a_bad_document_is_refused_in_one_line_and_writes_nothing(tmp_path, name, data, reason):
    run(*AS_OF, write(tmp_path, "base.md", cv("Ben Sample")))
    bad = write(tmp_path, name, data() if callable(data) else data)
    before = snapshot()

    _out, err, error = run(*AS_OF, bad)

    assert str(error) == "1 of 1 documents failed"
    assert [line for line in err.splitlines() if name in line] == [f"{name}: {reason}"]
    assert "Traceback" not in err
    assert snapshot() == before

    _out, err, error = run(*AS_OF, bad, write(tmp_path, "good.md", cv()))

    assert str(error) == "1 of 2 documents failed"
    assert set(SourceDocument.objects.values_list("name", flat=True)) == {"base.md", "good.md"}
    assert Person.objects.filter(name="Ada Example").exists()


@pytest.mark.django_db
def test_a_long_line_is_refused_by_the_line_limit_when_the_size_limit_allows_it(tmp_path, settings):
    settings.PORTFOLIO_MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
    bad = write(tmp_path, "one-5mb-line.txt", b"x" * (5 * 1024 * 1024))

    _out, err, error = run(*AS_OF, bad)

    assert error is not None
    assert err.splitlines()[0] == (
        "one-5mb-line.txt: line 1 is 5,242,880 characters long (the limit is 10,000)"
    )
    assert not SourceDocument.objects.exists()


ZOE = cv("Zoë Müller", "zoe@example.org", "Über Beispiele und ihre Verwendung")

# (file name, bytes, the person's name, the warning the import gives or None)
DECODED = [
    ("utf8-bom.md", codecs.BOM_UTF8 + ZOE.encode(), "Zoë Müller", None),
    ("utf16-le.md", codecs.BOM_UTF16_LE + ZOE.encode("utf-16-le"), "Zoë Müller", None),
    ("utf16-be.md", codecs.BOM_UTF16_BE + ZOE.encode("utf-16-be"), "Zoë Müller", None),
    (
        "latin1.md",
        ZOE.encode("latin-1"),
        "Zoë Müller",
        "not UTF-8; decoded as cp1252 (check accented letters)",
    ),
    (
        "invalid-utf8.md",
        cv().encode().replace(b"Physics", b"Phys\x81\xffics"),
        "Ada Example",
        "not UTF-8; decoded as latin-1 (check accented letters)",
    ),
    (
        "nul-bytes.md",
        cv().encode().replace(b"Ada Example", b"Ada\x00 Exa\x00mple"),
        "Ada Example",
        "removed 4 NUL characters",
    ),
    ("crlf.md", cv().replace("\n", "\r\n").encode(), "Ada Example", None),
    (
        # UTF-8 with a Windows editor's quotes pasted in: each stray byte is read as cp1252
        "utf8-with-cp1252-quotes.md",
        ZOE.encode().replace(b"Physics", b"\x93Physics\x94"),
        "Zoë Müller",
        "not all UTF-8: 2 bytes decoded as cp1252 (check quotes and accented letters)",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "person", "warning"), DECODED, ids=[c[0] for c in DECODED]
)
def test_odd_encodings_import_cleanly(tmp_path, name, data, person, warning):
    _out, err, error = run(*AS_OF, write(tmp_path, name, data))

    assert error is None, err
    document = SourceDocument.objects.get(name=name)
    assert document.person.name == person
    assert document.report["warnings"] == ([warning] if warning else [])
    assert Paper.objects.get().authorships.first().person == document.person


@pytest.mark.django_db
def test_html_in_names_and_titles_is_stored_as_written(tmp_path, client):
    text = """\
# <b>Ada</b> <i>Example</i>

ada@example.org
<img src=x onerror="alert('about')">

## Publications

1. **Ada Example**, Ben Sample. “<script>alert('title')</script> Against <b>Injection</b>.” NeurIPS 2021.
"""
    _out, err, error = run(*AS_OF, write(tmp_path, "html.md", text.encode()))

    assert error is None, err
    person = Person.objects.get()
    # Tags for the look of the text are markup; any other tag is text, kept as written.
    assert person.name == "Ada Example"
    paper = Paper.objects.get()
    assert paper.title == "<script>alert('title')</script> Against Injection"
    assert SectionItem.objects.get().text == """<img src=x onerror="alert('about')">"""
    page = client.get(person.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(" in page
    assert "<script>alert(" not in page
    assert "<img src=x" not in page


@pytest.mark.django_db
def test_javascript_and_data_links_are_never_stored_as_links(tmp_path):
    text = """\
# Ada Example

ada@example.org · [Homepage](javascript:alert(1)) · [Blog](data:text/html;base64,PHNjcmlwdD4=)
[Site](https://ada.example.org) · [Mail](mailto:ada@example.org) · JAVASCRIPT:fetch('evil.example/x')

## Publications

1. **Ada Example**. “A Study of Examples and Their Uses.” NeurIPS 2021. [Code](javascript:alert(2)) [PDF](data:application/pdf;base64,JVBERi0=) [arXiv](https://arxiv.org/abs/2101.00001)
"""
    _out, err, error = run(*AS_OF, write(tmp_path, "links.md", text.encode()))

    assert error is None, err
    person = Person.objects.get()
    assert (person.homepage, person.links) == (
        "",
        [{"label": "Site", "url": "https://ada.example.org"}],
    )
    assert person.emails == ["ada@example.org"]
    assert Paper.objects.get().links == [
        {"label": "arXiv", "url": "https://arxiv.org/abs/2101.00001"}
    ]
    # Nothing is dropped unseen: each URL is named in a warning.
    not_kept = "is not kept as a link (only http, https and mailto are)"
    assert SourceDocument.objects.get().report["warnings"] == [
        f"line 3: javascript:alert(1) {not_kept}",
        f"line 3: data:text/html;base64,PHNjcmlwdD4= {not_kept}",
        f"line 4: JAVASCRIPT:fetch('evil.example/x') {not_kept}",
        f"line 8: javascript:alert(2) {not_kept}",
        f"line 8: data:application/pdf;base64,JVBERi0= {not_kept}",
    ]
    assert f"  warning: line 3: javascript:alert(1) {not_kept}" in err.splitlines()


# (name, e-mail, a co-author, a title), each in one script
SCRIPTS = [
    ("王小明", "wang@example.org", "李华", "关于例子的研究"),
    ("محمد أحمد", "mohammed@example.org", "سارة علي", "دراسة حول الأمثلة واستخداماتها"),
    ("דוד לוי", "david@example.org", "שרה כהן", "מחקר על דוגמאות ושימושיהן"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "email", "coauthor", "title"), SCRIPTS)
def test_right_to_left_and_cjk_names_and_titles_are_read(tmp_path, name, email, coauthor, title):
    text = cv(name, email, title).replace("Ben Sample", coauthor)

    _out, err, error = run(*AS_OF, write(tmp_path, "cv.md", text.encode()))

    assert error is None, err
    person = Person.objects.get()
    assert person.name == name
    assert person.education.get().organization.name == "University of Examples"
    paper = Paper.objects.get()
    assert paper.title == title
    assert [(a.name, a.person) for a in paper.authorships.order_by("position")] == [
        (name, person),
        (coauthor, None),
    ]


@pytest.mark.django_db
def test_deeply_nested_bullets_are_all_kept(tmp_path):
    nested = "".join(" " * (2 * level) + f"- level {level}\n" for level in range(200))
    text = cv() + "\n## Skills\n\n" + nested

    _out, err, error = run(*AS_OF, write(tmp_path, "nested.md", text.encode()))

    assert error is None, err
    items = SectionItem.objects.filter(section="Skills").order_by("order")
    # Fifty levels are list items; the markdown parser leaves deeper ones as lines of text.
    texts = [item.text for item in items]
    assert texts[:49] == [f"level {level}" for level in range(49)]
    assert [text.removeprefix("- ") for text in texts] == [f"level {n}" for n in range(200)]


@pytest.mark.django_db
def test_a_cv_whose_every_line_is_a_heading_imports_its_name(tmp_path):
    text = "# Ada Example\n" + "".join(f"## Section {n}\n" for n in range(500))

    _out, err, error = run(*AS_OF, write(tmp_path, "headings.md", text.encode()))

    assert error is None, err
    assert Person.objects.get().name == "Ada Example"
    assert SourceDocument.objects.get().report["unparsed"] == []


@pytest.mark.django_db
def test_organisations_with_one_slug_cost_a_few_queries_each(
    tmp_path, django_assert_max_num_queries
):
    # Names alike in their first 100 characters share a slug base: 'institute-of-very-...'.
    long_name = "Institute of " + "Very " * 18 + "Long Names"
    entries = [f"**{long_name} {n}**, Ph.D. in Physics, 2015 - 2020\n\n" for n in range(200)]
    text = "# Ada Example\n\n## Education\n\n" + "".join(entries)
    path = write(tmp_path, "cv.md", text)

    with django_assert_max_num_queries(2 * 200 + 50):  # not 200 * 199 / 2 slug lookups
        _out, err, error = run(*AS_OF, path)

    assert error is None, err
    assert len(set(Organization.objects.values_list("slug", flat=True))) == 200


# One line as long as the limit allows, of a piece that some pattern of the parser once took
# time quadratic in the line's length for (seconds at this size, not milliseconds), in each kind
# of section.
PIECES = [
    "*a ",
    "_a ",
    "**a ",
    "__a ",
    "[a](",
    "[a](b(",
    "[[",
    "((",
    "a-",
    "A.B.",
    "a, ",
    "“a ",
    "A. ",
]
SECTIONS = {
    "header": "Ada Example [site](https://example.org) ",
    "publications": "# Ada Example\n## Publications\n1. ",
    "education": "# Ada Example\n## Education\n",
    "experience": "# Ada Example\n## Experience\n- ",
}


@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("piece", PIECES)
def test_a_line_at_the_length_limit_parses(piece, section):
    start = SECTIONS[section]
    room = MAX_LINE_LENGTH - len(start.rsplit("\n", 1)[-1])

    check_parses(f"{start}{piece * (room // len(piece))}\n".encode())


@pytest.mark.parametrize(
    "line",
    ["- a skill, another skill", "## Section", "EDUCATION", "", "    - nested 2020 – 2021"],
)
def test_a_document_at_the_line_limit_parses(line):
    data = ("# Ada Example\n## Skills\n" + f"{line}\n" * (MAX_LINES - 2)).encode()

    check_parses(data)


def check_parses(data):
    """Parsed, or refused as no CV, with every non-blank line accounted for."""
    try:
        parsed = parse_document(data, "cv.md", as_of=date(2026, 11, 22))
    except DocumentError as error:
        assert error.reason.startswith("no CV found")
        return
    lines = parsed.text.split("\n")
    assert {n for n, line in enumerate(lines, 1) if line.strip()} <= parsed.accounted()


def write(folder, name, data):
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def _json_document(publications=(), links=()):
    return json.dumps(
        {
            "person": {"name": "Ada Example", "links": list(links)},
            "publications": list(publications),
        }
    ).encode()


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        (
            lambda: _json_document([{"title": f"Paper {n}"} for n in range(20_001)]),
            "too many records (20,001; the limit is 20,000)",
        ),
        (
            lambda: _json_document([{"title": "x" * 20_000}]),
            "publications[0].title: 20,000 characters long (the limit is 10,000)",
        ),
        (
            lambda: _json_document(
                [{"title": "Paper", "authors": [{"name": f"A. Author{n}"} for n in range(1_001)]}]
            ),
            "a publication lists 1,001 authors (the limit is 1,000)",
        ),
    ],
)
def test_an_exported_json_document_is_held_to_the_limits_of_every_document(document, reason):
    """A JSON document has no lines to count: what a text document's lines bound (records,
    the length of a value, a byline's authors) is bounded for it the same way."""
    with pytest.raises(DocumentError) as refused:
        parse_document(document(), "ada.json", as_of=date(2026, 11, 22))
    assert str(refused.value) == f"ada.json: {reason}"


@pytest.mark.django_db
def test_links_a_browser_would_run_are_refused_on_every_input_path(tmp_path, client):
    """One link check for text and JSON documents alike: a tab or a control character inside
    a scheme, or a scheme-relative URL, is no link, and the warnings say so."""
    bad = ["java\tscript:alert(1)", "\x01javascript:alert(2)", "//evil.example/x"]
    links = [{"label": "Site", "url": "https://ada.example.org"}]
    links += [{"label": f"Bad {n}", "url": url} for n, url in enumerate(bad)]
    paper = {"title": "A Study of Examples", "year": 2021, "links": links}
    path = write(tmp_path, "ada.json", _json_document([paper], links))

    _out, err, error = run(*AS_OF, path)

    assert error is None, err
    person = Person.objects.get()
    assert person.links == [{"label": "Site", "url": "https://ada.example.org"}]
    assert Paper.objects.get().links == [{"label": "Site", "url": "https://ada.example.org"}]
    warnings = SourceDocument.objects.get().report["warnings"]
    assert "person.links[1].url: java\\x09script:alert(1) is not kept as a link" in warnings[0]
    assert len(warnings) == 6
    exported = client.get(f"/people/{person.slug}.json").content.decode()
    assert "evil.example" not in exported and "script:alert" not in exported
