"""From the document tree to the lines the interpreters read, and back to source lines."""

from datetime import date

import pytest

from profiles.importer.parse import parse_tree
from profiles.importer.segment import lines_from_tree, render
from profiles.importer.tree import Block, Document, Kind, Meta, Span, spans


def document(*blocks, text=None, meta=()):
    last = max(line for block in blocks for line in block.source_lines)
    return Document("test", text or "x\n" * last, tuple(blocks), tuple(meta))


@pytest.mark.parametrize(
    ("inline", "expected"),
    [
        ((Span("MIT", 1, bold=True), Span(", Ph.D.", 1)), "**MIT**, Ph.D."),
        ((Span("Title ", 1, italic=True), Span("2020", 1)), "*Title* 2020"),
        ((Span("a", 1, bold=True), Span("b", 1, bold=True)), "**ab**"),
        ((Span("site", 1, url="https://x.org"),), "[site](https://x.org)"),
        ((Span("https://x.org", 1, url="https://x.org"),), "https://x.org"),
        ((Span("both", 1, bold=True, italic=True),), "***both***"),
        ((Span("f(x)", 1, code=True),), "`f(x)`"),
        ((Span("  spaced   out ", 1),), "spaced out"),
        # one anchor over a bold name and more is one link, as the reader wrote it
        (
            (
                Span("Doe, Jane", 1, bold=True, url="https://x.org/a"),
                Span(" Roe, B.", 1, url="https://x.org/a"),
                Span(" ApJ, 872, 54", 1),
            ),
            "[**Doe, Jane** Roe, B.](https://x.org/a) ApJ, 872, 54",
        ),
        (
            (Span("PDF", 1, url="https://x.org/p"), Span("Code", 1, url="https://x.org/c")),
            "[PDF](https://x.org/p)[Code](https://x.org/c)",
        ),
    ],
)
def test_render_writes_each_mark_once(inline, expected):
    assert render(inline) == expected


def test_each_kind_becomes_lines_with_its_markers():
    lines, source = lines_from_tree(
        document(
            Block(Kind.HEADING, 1, (spans("Education", 1),), level=2),
            Block(Kind.ITEM, 3, (spans("One", 3), spans("wrapped", 4)), number="1"),
            Block(Kind.ITEM, 5, (spans("Two", 5),), depth=1),
            Block(Kind.ROW, 7, cells=((spans("2019", 7),), (spans("Lecturer", 7), spans("X", 8)))),
            Block(Kind.TERM, 9, (spans("2014-", 9),)),
            Block(Kind.DEFINITION, 10, (spans("Professor", 10),)),
            Block(Kind.LAYOUT, 11, (spans("% a comment", 11),)),
        )
    )
    shape = [(ln.text, ln.heading, ln.ordinal, ln.bullet, ln.indent, ln.rule) for ln in lines]
    assert shape == [
        ("Education", 2, None, None, 0, False),
        ("", 0, None, None, 0, False),  # a heading and a list are apart
        ("One", 0, "1", None, 0, False),
        ("wrapped", 0, None, None, 2, False),
        ("Two", 0, None, "-", 2, False),
        ("", 0, None, None, 0, False),
        ("2019 | Lecturer", 0, None, None, 0, False),
        ("X", 0, None, None, 2, False),
        ("", 0, None, None, 0, False),
        ("2014-", 0, None, None, 0, False),
        ("Professor", 0, None, None, 2, False),
        ("% a comment", 0, None, None, 0, True),
    ]
    assert [source[ln.number] for ln in lines if ln.text] == [
        (1,),
        (3,),
        (4,),
        (5,),
        (7,),
        (8,),
        (9,),
        (10,),
        (11,),
    ]


def test_a_line_no_record_claims_is_unparsed_once_as_the_text_has_it():
    text = "Jane Roe\n\nPublications\n\\* marks equal contribution | see below\n"
    cells = ((spans("* marks equal contribution", 4),), (spans("see below", 4),))
    tree = document(
        Block(Kind.HEADING, 1, (spans("Jane Roe", 1),), level=1),
        Block(Kind.HEADING, 3, (spans("Publications", 3),), level=2),
        Block(Kind.ROW, 4, cells=cells),
        text=text,
    )
    parsed = parse_tree(tree, source="x.md", sha256="0", as_of=date(2026, 11, 22))
    assert [(u.line, u.text) for u in parsed.unparsed] == [
        (4, "\\* marks equal contribution | see below")
    ]
    assert parsed.accounted() >= {1, 3, 4}


def test_metadata_name_heads_the_lines():
    lines, source = lines_from_tree(
        document(
            Block(Kind.PARAGRAPH, 5, (spans("Body", 5),)),
            meta=(Meta("author", "Jane Roe", 2), Meta("title", "CV", 1)),
        )
    )
    assert [(ln.text, ln.heading) for ln in lines] == [("Jane Roe", 1), ("", 0), ("Body", 0)]
    assert source[1] == (2,)


def test_records_point_at_source_lines():
    text = "Jane Roe\n\nEducation\n2015 – 2019 | Ph.D. in Physics, University of Somewhere\n"
    tree = document(
        Block(Kind.HEADING, 1, (spans("Jane Roe", 1),), level=1),
        Block(Kind.HEADING, 3, (spans("Education", 3),), level=2),
        Block(
            Kind.ROW,
            4,
            cells=(
                (spans("2015 – 2019", 4),),
                (spans("Ph.D. in Physics, University of Somewhere", 4),),
            ),
        ),
        text=text,
    )
    parsed = parse_tree(tree, source="x.tex", sha256="0", as_of=date(2026, 11, 22))
    (education,) = parsed.education
    assert (education.institution, education.degree, education.start, education.end) == (
        "University of Somewhere",
        "Ph.D.",
        "2015",
        "2019",
    )
    assert (education.line, education.lines) == (4, (4,))
    assert parsed.person.name == "Jane Roe"
    assert parsed.text == text
    assert 3 in parsed.layout
