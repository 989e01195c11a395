"""Hypothesis: the parser never raises and accounts for every non-blank line; any bytes are
parsed or refused with a reason."""

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
    document.to_json()


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
