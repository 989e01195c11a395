import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from profiles.importer.read import DocumentError
from profiles.importer.readers import org
from profiles.importer.tree import Kind, Meta, Span


def read(source):
    return org.read(textwrap.dedent(source).lstrip("\n"), "cv.org")


def content(doc):
    return [b for b in doc.blocks if b.kind is not Kind.LAYOUT]


def test_keywords_title_and_headings():
    doc = read(
        """
        #+TITLE: Jane Roe
        #+AUTHOR: Jane Roe
        #+EMAIL: jane@example.org
        #+OPTIONS: toc:nil
        #+TODO: TODO WAIT | DONE
        * TODO [#A] Education   :cv:work:
        ** WAIT Degrees
        """
    )
    assert doc.meta == (
        Meta("title", "Jane Roe", 1),
        Meta("author", "Jane Roe", 2),
        Meta("email", "jane@example.org", 3),
    )
    assert [(b.kind, b.text, b.level, b.line) for b in doc.blocks] == [
        (Kind.HEADING, "Jane Roe", 1, 1),
        (Kind.LAYOUT, "#+AUTHOR: Jane Roe", 0, 2),
        (Kind.LAYOUT, "#+EMAIL: jane@example.org", 0, 3),
        (Kind.LAYOUT, "#+OPTIONS: toc:nil", 0, 4),
        (Kind.LAYOUT, "#+TODO: TODO WAIT | DONE", 0, 5),
        (Kind.HEADING, "Education", 1, 6),
        (Kind.HEADING, "Degrees", 2, 7),
    ]


def test_title_not_typeset_is_only_meta():
    doc = read("#+OPTIONS: title:nil\n#+TITLE: Jane Roe\n")
    assert [b.kind for b in doc.blocks] == [Kind.LAYOUT, Kind.LAYOUT]
    assert doc.meta_value("title") == "Jane Roe"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("*MIT*, PhD", (Span("MIT", 1, bold=True), Span(", PhD", 1))),
        ("see /Nature/.", (Span("see ", 1), Span("Nature", 1, italic=True), Span(".", 1))),
        (
            "=grep= and ~ls~",
            (Span("grep", 1, code=True), Span(" and ", 1), Span("ls", 1, code=True)),
        ),
        ("_under_ +gone+", (Span("under", 1), Span(" ", 1), Span("gone", 1))),
        (
            "[[https://x.org][The *site*]]",
            (Span("The ", 1, url="https://x.org"), Span("site", 1, bold=True, url="https://x.org")),
        ),
        ("[[https://x.org]]", (Span("https://x.org", 1, url="https://x.org"),)),
        (
            "doi https://doi.org/10.1/x.",
            (
                Span("doi ", 1),
                Span("https://doi.org/10.1/x", 1, url="https://doi.org/10.1/x"),
                Span(".", 1),
            ),
        ),
        ("2 * 3 and a/b/c", (Span("2 * 3 and a/b/c", 1),)),
    ],
)
def test_inline_markup(source, expected):
    [block] = org.read(source, "cv.org").blocks
    assert block.lines == (expected,)


def test_paragraph_soft_lines_and_hard_break():
    doc = read(
        """
        First line
        wraps here \\\\
        after a break
        """
    )
    [block] = doc.blocks
    assert block.kind is Kind.PARAGRAPH
    assert [line[0].text for line in block.lines] == ["First line", "wraps here", "after a break"]
    assert block.soft == {1}
    assert [line[0].line for line in block.lines] == [1, 2, 3]


def test_lists_depth_continuations_and_descriptions():
    doc = read(
        """
        + Lecturer
          Example University
          + Where: Springfield
        1. first
        2) [@7] seventh
        - 2019 :: PhD, /Example/
        """
    )
    blocks = content(doc)
    assert [(b.kind, b.text, b.depth, b.number, b.line) for b in blocks] == [
        (Kind.ITEM, "Lecturer Example University", 0, None, 1),
        (Kind.ITEM, "Where: Springfield", 1, None, 3),
        (Kind.ITEM, "first", 0, "1", 4),
        (Kind.ITEM, "seventh", 0, "7", 5),
        (Kind.TERM, "2019", 0, None, 6),
        (Kind.DEFINITION, "PhD, Example", 0, None, 6),
    ]
    assert blocks[0].soft == {1} and blocks[0].lines[1] == (Span("Example University", 2),)
    assert blocks[-1].lines[0][-1] == Span("Example", 6, italic=True)


def test_table_rows_header_and_rules():
    doc = read(
        """
        | Year | Role     |
        |------+----------|
        | 2019 | [[https://x.org][Lecturer]] |
        """
    )
    assert [(b.kind, b.line, b.header) for b in doc.blocks] == [
        (Kind.ROW, 1, True),
        (Kind.LAYOUT, 2, False),
        (Kind.ROW, 3, False),
    ]
    assert doc.blocks[2].cells == (
        ((Span("2019", 3),),),
        ((Span("Lecturer", 3, url="https://x.org"),),),
    )


def test_comments_drawers_blocks_are_layout():
    doc = read(
        """
        * Work
          SCHEDULED: <2019-13-45 Mon>
          :PROPERTIES:
          :ID: 42
          :END:
        # a comment
        #+BEGIN_SRC python
        x = 1
        #+END_SRC
        #+BEGIN_COMMENT
        hidden
        #+END_COMMENT
        -----
        """
    )
    assert [(b.kind, b.line) for b in doc.blocks] == [
        (Kind.HEADING, 1),
        (Kind.LAYOUT, 2),
        (Kind.LAYOUT, 3),
        (Kind.LAYOUT, 6),
        (Kind.LAYOUT, 7),
        (Kind.PARAGRAPH, 8),
        (Kind.LAYOUT, 9),
        (Kind.LAYOUT, 10),
        (Kind.LAYOUT, 13),
    ]
    assert doc.blocks[5].lines == ((Span("x = 1", 8, code=True),),)
    assert doc.blocks[2].source_lines == [3, 4, 5]


TOKENS = [*"ab *+/=~_-:|#[]@1.)\n\t", "#+TITLE:", ":END:", "#+BEGIN_SRC", "#+END_SRC", " :: "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=120).map("".join))
def test_any_input_reads_or_fails_cleanly(source):
    try:
        doc = org.read(source, "cv.org")
    except DocumentError:
        return
    covered = {n for b in doc.blocks for n in b.source_lines}
    assert {n for n, line in enumerate(source.split("\n"), 1) if line.strip()} <= covered
