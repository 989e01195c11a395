"""Sections found in the lines: side headings set in a margin, as text extraction leaves them."""

from datetime import date

import pytest

from profiles.importer.parse import parse_text
from profiles.importer.segment import (
    Line,
    heading_kind,
    page_furniture,
    side_headings,
    split_sections,
)


def _lines(*texts):
    return [Line(number=n, raw=t, text=t) for n, t in enumerate(texts, start=1)]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # a row whose first cell is the heading
        (
            ["Employment | Northfield University"],
            [(1, 2, "Employment"), (1, 0, "Northfield University")],
        ),
        # one line: the heading, then the text beside it
        (
            ["Education Doctor of Philosophy in Geology"],
            [(1, 2, "Education"), (1, 0, "Doctor of Philosophy in Geology")],
        ),
        # a heading broken in its narrow column; the second line becomes layout
        (["Professional", "Experience"], [(1, 2, "Professional Experience"), (2, 0, "Experience")]),
        (["Honors and", "Awards"], [(1, 2, "Honors and Awards"), (2, 0, "Awards")]),
        # not headings: a label, capitals of link labels, a sentence, a heading over its text
        (["Thesis: Waves over shelves"], [(1, 0, "Thesis: Waves over shelves")]),
        (["PAPER LINK, CODE LINK"], [(1, 0, "PAPER LINK, CODE LINK")]),
        (["Education policy in rural schools"], [(1, 0, "Education policy in rural schools")]),
        (
            ["Paper Competition “Rivers”, Northfield"],
            [(1, 0, "Paper Competition “Rivers”, Northfield")],
        ),
        (["Education", "Northfield"], [(1, 0, "Education"), (2, 0, "Northfield")]),
    ],
)
def test_side_headings(texts, expected):
    assert [(line.number, line.heading, line.text) for line in side_headings(_lines(*texts))] == (
        expected
    )
    broken = [line.rule for line in side_headings(_lines(*texts))]
    assert broken == [False] * (len(expected) - 1) + [len(texts) == 2 and expected[0][1] == 2]


def test_side_headings_open_sections():
    lines = _lines(
        "Jane Doe",
        "Education Doctor of Philosophy in Geology",
        "Northfield University, 2019.",
        "Professional",
        "Experience",
        "Lecturer, Lakeside University, 2019--present.",
    )
    blocks = split_sections(lines)
    assert [(b.kind, b.title) for b in blocks] == [
        ("header", None),
        ("education", "Education"),
        ("experience", "Professional Experience"),
    ]
    assert [line.text for line in blocks[1].content] == [
        "Doctor of Philosophy in Geology",
        "Northfield University, 2019.",
    ]


def test_a_plain_text_vita_with_side_headings():
    text = "\n".join(
        [
            "Jane Doe",
            "Curriculum Vitae",
            "Education Doctor of Philosophy in Geology",
            "Northfield University, 2019.",
            "Master of Science in Geology",
            "Lakeside University, 2015.",
        ]
    )
    parsed = parse_text(text, source="vita.txt", as_of=date(2026, 1, 1))
    assert parsed.person.name == "Jane Doe"
    assert [(e.institution, e.degree, e.end) for e in parsed.education] == [
        ("Northfield University", "Ph.D.", "2019"),
        ("Lakeside University", "M.S.", "2015"),
    ]


def test_a_projects_heading_ends_the_experience_but_a_projects_label_does_not():
    """'**Forschungsprojekte (Auswahl)**' opens a section of its own; 'Research Projects:'
    under a post is a label of that post."""
    lines = _lines(
        "# Jane Doe",
        "## Experience",
        "**Northfield University** 2019 - 2021",
        "Research Projects:",
        "- Flood maps",
        "**Forschungsprojekte (Auswahl)**",
        "**DFG** *Projektleitung* 2024 - 2026",
    )
    for line in lines[:2]:
        line.heading = 1 if line.text.startswith("# ") else 2
        line.text = line.text.lstrip("# ")
    blocks = split_sections(lines)
    assert [(b.kind, b.title) for b in blocks] == [
        ("header", None),
        ("experience", "Experience"),
        ("free", "Forschungsprojekte (Auswahl)"),
    ]
    assert [line.number for line in blocks[1].content] == [3, 4, 5]


def test_running_footers_are_layout_and_a_lost_space_still_names_a_heading():
    texts = ["Jane Doe", "J. Doe - 1", *[f"Line {n} of text here." for n in range(3, 30)]]
    texts += ["J. Doe - 2", "Spring 2019", "Spring 2020"]
    lines = page_furniture(_lines(*texts))
    assert [line.number for line in lines if line.rule] == [2, 30]
    assert heading_kind("HONOURS ANDAWARDS") == "free"
    assert heading_kind("HONOURSANDAWARDS") is None  # one word: no space was lost


def test_consultancies_under_the_experience_are_a_section_of_their_own():
    """A bold 'CONSULTANCIES' line ends the posts above it: commissioned work is no job."""
    text = "\n".join(
        [
            "# Jane Roe",
            "## Research Experience",
            "**Research Fellow** | 2018 – 2020",
            "Lakeside University",
            "",
            "**CONSULTANCIES**",
            "",
            "**Evidence synthesis consultant – Systematic reviews.** | 2021 – 2022",
            "World Health Organisation",
        ]
    )
    parsed = parse_text(text, source="cv.md")
    assert [(j.organization, j.title) for j in parsed.jobs] == [
        ("Lakeside University", "Research Fellow")
    ]
    assert [s.title for s in parsed.sections] == ["Consultancies"]
