import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from profiles.importer.read import DocumentError
from profiles.importer.readers import text
from profiles.importer.tree import Kind, Span


def read(source):
    return text.read(textwrap.dedent(source).lstrip("\n"), "cv.txt")


def shape(doc):
    return [(b.kind, b.text, b.line) for b in doc.blocks]


def test_headings_underlined_and_capitals():
    doc = read(
        """
        JANE ROE

        Education
        =========
        PhD, Example University
        Lecturer, 2019
        """
    )
    assert [(b.kind, b.text, b.level, b.line) for b in doc.blocks] == [
        (Kind.HEADING, "JANE ROE", 2, 1),
        (Kind.HEADING, "Education", 1, 3),
        (Kind.LAYOUT, "=========", 0, 4),
        (Kind.PARAGRAPH, "PhD, Example University Lecturer, 2019", 0, 5),
    ]
    paragraph = doc.blocks[-1]
    assert paragraph.lines == ((Span("PhD, Example University", 5),), (Span("Lecturer, 2019", 6),))
    assert paragraph.soft == {1}


def test_capitals_inside_a_block_are_text():
    doc = read("Some text\nIEEE MEMBER\n")
    assert [b.kind for b in doc.blocks] == [Kind.PARAGRAPH]


@pytest.mark.parametrize(
    ("line", "number", "words"),
    [
        ("- PhD", None, "PhD"),
        ("• PhD", None, "PhD"),
        ("– PhD", None, "PhD"),
        ("o PhD", None, "PhD"),
        ("1. PhD", "1", "PhD"),
        ("(2) PhD", "2", "PhD"),
        ("[3] PhD", "3", "PhD"),
    ],
)
def test_items(line, number, words):
    [block] = text.read(line + "\n", "cv.txt").blocks
    assert (block.kind, block.number, block.text) == (Kind.ITEM, number, words)


def test_numbers_of_four_digits_continue_a_list_and_a_year_does_not():
    doc = read(
        """
        998. Rivers.
        999. Lakes.
        1000. Seas.
        1001. Oceans
        2019. was the year of the floods.
        """
    )
    items = [(b.kind, b.number, b.text) for b in doc.blocks]
    assert items == [
        (Kind.ITEM, "998", "Rivers."),
        (Kind.ITEM, "999", "Lakes."),
        (Kind.ITEM, "1000", "Seas."),
        (Kind.ITEM, "1001", "Oceans 2019. was the year of the floods."),
    ]


def test_item_depth_and_continuation():
    doc = read(
        """
        • Lecturer
          ◦ Example University
            Springfield
        • Postdoc
        (806) 555 0100
        """
    )
    assert [(b.kind, b.text, b.depth, b.line) for b in doc.blocks] == [
        (Kind.ITEM, "Lecturer", 0, 1),
        (Kind.ITEM, "Example University Springfield", 1, 2),
        (Kind.ITEM, "Postdoc (806) 555 0100", 0, 4),
    ]
    assert doc.blocks[1].soft == {1}


def test_columns_are_rows():
    doc = read("2019 - 2021    Lecturer\tExample University\n")
    [row] = doc.blocks
    assert row.kind is Kind.ROW
    assert row.cells == (
        ((Span("2019 - 2021", 1),),),
        ((Span("Lecturer", 1),),),
        ((Span("Example University", 1),),),
    )


def test_soft_hyphen_joins_the_word_once():
    doc = text.read("Rein\u00adforcement learn\u00ad\ning in real\u00adtime\n", "cv.txt")
    [block] = doc.blocks
    assert block.lines == (
        (Span("Rein-forcement learn", 1), Span("ing", 2)),
        (Span("in real-time", 2),),
    )


def test_inner_soft_hyphen_dropped_without_line_end_ones():
    [block] = text.read("Uni\u00adversity\n", "cv.txt").blocks
    assert block.lines == ((Span("University", 1),),)


def test_form_feeds_pages_and_running_headers():
    page = "Jane Roe\nVita {n}\nFact {fact}\n{n}\n"
    source = "\f".join(page.format(n=n, fact=fact) for n, fact in enumerate("ABC", 1))
    doc = text.read(source, "cv.txt")
    got = [(b.kind, b.text, b.page) for b in doc.blocks]
    assert got == [
        (Kind.PARAGRAPH, "Jane Roe Vita 1 Fact A", 1),
        (Kind.LAYOUT, "1", 1),
        (Kind.LAYOUT, "Jane Roe", 2),
        (Kind.LAYOUT, "Vita 2", 2),
        (Kind.PARAGRAPH, "Fact B", 2),
        (Kind.LAYOUT, "2", 2),
        (Kind.LAYOUT, "Jane Roe", 3),
        (Kind.LAYOUT, "Vita 3", 3),
        (Kind.PARAGRAPH, "Fact C", 3),
        (Kind.LAYOUT, "3", 3),
    ]
    assert [b.line for b in doc.blocks if b.text == "Jane Roe"] == [5, 9]


def test_running_headers_without_form_feeds():
    def body(page):
        return [f"Fact {page}{letter}." for letter in "abcdefghijkl"]

    header = ["Jane Roe", "Vita"]
    pages = [*header, *body("a"), "Jane Roe", "Vita 2", *body("b"), "Jane Roe", "Vita 3"]
    source = "\n".join([*pages, *body("c")])
    doc = text.read(source, "cv.txt")
    layout = [(b.text, b.line) for b in doc.blocks if b.kind is Kind.LAYOUT]
    assert layout == [("Jane Roe", 15), ("Vita 2", 16), ("Jane Roe", 29), ("Vita 3", 30)]


def test_markdown_marks_are_text():
    [block] = text.read("**PhD** [site](https://x.org)\n", "cv.txt").blocks
    assert block.lines == ((Span("**PhD** [site](https://x.org)", 1),),)


TOKENS = [*"ab AB-*•o1.()[]=~\n\n\t\f\u00ad", "   ", "Page 2", "Vita 3"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=120).map("".join))
def test_any_input_reads_or_fails_cleanly(source):
    try:
        doc = text.read(source, "cv.txt")
    except DocumentError:
        return
    covered = {n for b in doc.blocks for n in b.source_lines}
    assert {n for n, line in enumerate(source.split("\n"), 1) if line.strip()} <= covered
