"""Hypothesis: the parser never raises and accounts for every non-blank line; any bytes are
parsed or refused with a reason; and invariants a broken parser would break: no line is two
records, an unparsed line is no record's, a dated entry under a known heading is a record."""

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profiles.importer.parse import parse_document, parse_text
from profiles.importer.read import DocumentError

FRAGMENTS = [
    "# ",
    "## ",
    "### ",
    "**",
    "*",
    "_",
    "- ",
    "• ",
    "  - ",
    "1. ",
    "[1] ",
    "\\*",
    "---",
    "===",
    "Education",
    "EXPERIENCE",
    "Publications",
    "Skills",
    "Ph.D. in Physics",
    "B.S.",
    "MIT",
    "Research Intern",
    "University of Oxford",
    "2019 - 2023",
    "Aug. 2021 – Present",
    "09/2020",
    "Jun 1",
    "CLOct 5, 2022Code",
    "et al.",
    ", ",
    ". ",
    "“A Title.”",
    "(2021). ",
    "NeurIPS 2024",
    "Submitted to ICML 2026",
    "UNDER REVIEW",
    "arXiv:2401.01234",
    "a@b.org",
    "+1 555 0100",
    "[code](https://example.org)",
    "<b>x</b>",
    "|",
    "    ",
    "\t",
    "张伟",
    "مرحبا",
    "Jane Doe",
    "h-index12",
    "Advisor: Prof. X",
    "GPA: 3.9/4.0",
    ":",
    "(",
    ")",
    "Page 1 of 2",
]

cv_lines = st.lists(st.lists(st.sampled_from(FRAGMENTS), max_size=6).map("".join), max_size=40).map(
    "\n".join
)


def check(text):
    document = parse_text(text, as_of=date(2026, 11, 22))
    non_blank = {n for n, line in enumerate(document.text.split("\n"), 1) if line.strip()}
    assert non_blank <= document.accounted()
    check_records(document)
    document.to_json()


def check_records(document):
    """Each record starts on a line it holds; no line is held by two education, job or
    publication records; an unparsed line is held by none."""
    held = {}
    for record in (*document.education, *document.jobs, *document.publications):
        assert record.line in record.lines, record
        for number in record.lines:
            assert number not in held, (number, held.get(number), record)
            held[number] = record
    assert not {u.line for u in document.unparsed} & set(held)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cv_lines)
def test_cv_like_text_is_always_accounted_for(text):
    check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_is_always_accounted_for(text):
    check(text)


documents = st.one_of(
    st.binary(max_size=2000),
    cv_lines.map(str.encode),
    st.text(max_size=400).map(lambda text: text.encode("utf-16")),  # with a BOM
    st.text(max_size=400).map(str.encode),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_any_bytes_are_parsed_or_refused_with_a_reason(data):
    try:
        document = parse_document(data, "cv.txt", as_of=date(2026, 11, 22))
    except DocumentError as error:
        assert error.name == "cv.txt"
        assert error.reason and "\n" not in error.reason
        return
    non_blank = {n for n, line in enumerate(document.text.split("\n"), 1) if line.strip()}
    assert non_blank <= document.accounted()
    document.to_json()


names = st.sampled_from(["Jane Roe", "Ahmed Karimi", "Lucía Fernández", "Wei Zhang"])
degrees = st.sampled_from(["Ph.D. in Physics", "M.S. in Biology", "B.A. in History", "MBA"])
schools = st.sampled_from(
    ["University of Somewhere", "Example Institute of Technology", "Université de Nulle Part"]
)
years = st.integers(min_value=1970, max_value=2024)
headings = st.sampled_from(["## Education", "EDUCATION", "**Education**", "Education\n========="])


@settings(max_examples=150, deadline=None)
@given(names, headings, st.lists(st.tuples(degrees, schools, years), min_size=1, max_size=4))
def test_a_dated_education_section_gives_one_record_per_entry(name, heading, entries):
    lines = [f"# {name}", "", heading, ""]
    for degree, school, year in entries:
        lines += [f"- {degree}, {school}, {year} – {year + 4}"]
    document = parse_text("\n".join(lines) + "\n", as_of=date(2026, 11, 22))
    assert document.person.name == name
    assert [(e.institution, e.start, e.end) for e in document.education] == [
        (school, str(year), str(year + 4)) for _, school, year in entries
    ]
    assert not document.unparsed
    check_records(document)
