import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from profiles.importer.read import DocumentError
from profiles.importer.readers import rst
from profiles.importer.tree import Kind, Meta, Span


def read(source):
    return rst.read(textwrap.dedent(source).lstrip("\n"), "cv.rst")


def content(doc):
    return [b for b in doc.blocks if b.kind is not Kind.LAYOUT]


def test_title_docinfo_and_sections():
    doc = read(
        """
        ========
        Jane Roe
        ========

        :Author: Jane Roe
        :Email: jane@example.org

        Education
        =========

        Degrees
        -------

        Text.
        """
    )
    assert doc.meta == (
        Meta("title", "Jane Roe", 2),
        Meta("author", "Jane Roe", 5),
        Meta("email", "jane@example.org", 6),
    )
    headings = [(b.text, b.level, b.line) for b in doc.blocks if b.kind is Kind.HEADING]
    assert headings == [("Jane Roe", 1, 2), ("Education", 2, 8), ("Degrees", 3, 11)]
    layout = [b.line for b in doc.blocks if b.kind is Kind.LAYOUT]
    assert layout == [1, 3, 5, 6, 9, 12]


def test_paragraph_lines_marks_and_links():
    doc = read(
        """
        Intro.

        A **bold** and *slanted*
        then ``code`` and `site <https://example.org>`_
        end.
        """
    )
    block = content(doc)[1]
    assert block.kind is Kind.PARAGRAPH and block.line == 3 and block.soft == {1, 2}
    assert block.lines[0] == (
        Span("A ", 3),
        Span("bold", 3, bold=True),
        Span(" and ", 3),
        Span("slanted", 3, italic=True),
    )
    assert block.lines[1] == (
        Span("then ", 4),
        Span("code", 4, code=True),
        Span(" and ", 4),
        Span("site", 4, url="https://example.org"),
    )
    assert block.lines[2] == (Span("end.", 5),)


def test_line_block_keeps_hard_lines():
    doc = read(
        """
        | **Jane Roe**
        |
        | Phone: 555 0100
        """
    )
    [block] = content(doc)
    assert block.kind is Kind.PARAGRAPH and block.soft == frozenset()
    assert block.lines == (
        (Span("Jane Roe", 1, bold=True),),
        (Span("Phone: 555 0100", 3),),
    )


def test_lists_depth_and_numbers():
    doc = read(
        """
        - first
          wraps
        - second

          - nested

        3. three
        #. four
        """
    )
    items = [(b.text, b.depth, b.number, b.line) for b in content(doc)]
    assert items == [
        ("first wraps", 0, None, 1),
        ("second", 0, None, 3),
        ("nested", 1, None, 5),
        ("three", 0, "3", 7),
        ("four", 0, "4", 8),
    ]
    assert content(doc)[0].soft == {1}
    assert all(b.kind is Kind.ITEM for b in content(doc))


def test_definition_list_each_paragraph_a_definition():
    doc = read(
        """
        2019-2021
            **Postdoc**, Example Institute.

            Second fact.

        2015
            PhD
        """
    )
    kinds = [(b.kind, b.text, b.line) for b in content(doc)]
    assert kinds == [
        (Kind.TERM, "2019-2021", 1),
        (Kind.DEFINITION, "Postdoc, Example Institute.", 2),
        (Kind.DEFINITION, "Second fact.", 4),
        (Kind.TERM, "2015", 6),
        (Kind.DEFINITION, "PhD", 7),
    ]
    assert content(doc)[1].lines[0][0] == Span("Postdoc", 2, bold=True)


def test_field_list_and_table_rows():
    doc = read(
        """
        Intro.

        :Phone: 555 0100
        :Office: Room 4

        =====  =========
        Year   Role
        =====  =========
        2019   Lecturer
        =====  =========
        """
    )
    rows = [(b.text, b.line, b.header) for b in doc.blocks if b.kind is Kind.ROW]
    assert rows == [
        ("Phone | 555 0100", 3, False),
        ("Office | Room 4", 4, False),
        ("Year | Role", 7, True),
        ("2019 | Lecturer", 9, False),
    ]


def test_literal_block_and_comment():
    doc = read(
        """
        Code::

            x = 1
            y = 2

        .. a note
           for me
        """
    )
    code = content(doc)[1]
    assert code.lines == ((Span("x = 1", 3, code=True),), (Span("y = 2", 4, code=True),))
    comment = doc.blocks[-1]
    assert comment.kind is Kind.LAYOUT and comment.source_lines == [6, 7]


def test_repeated_text_is_placed_in_order():
    doc = read(
        """
        2012
            Same.

        2012
            Same.
        """
    )
    assert [b.line for b in doc.blocks] == [1, 2, 4, 5]


@pytest.mark.parametrize("source", ["..\n", ".. raw:: html\n\n   <b>x</b>\n", "+--+\n|a|\n"])
def test_odd_markup_is_covered(source):
    doc = rst.read(source, "cv.rst")
    covered = {n for b in doc.blocks for n in b.source_lines}
    assert {n for n, line in enumerate(source.split("\n"), 1) if line.strip()} <= covered


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab *`_-=:.|#\n   \t1)[]<>")), max_size=300))
def test_any_input_reads_or_fails_cleanly(source):
    try:
        doc = rst.read(source, "cv.rst")
    except DocumentError:
        return
    covered = {n for b in doc.blocks for n in b.source_lines}
    assert {n for n, line in enumerate(source.split("\n"), 1) if line.strip()} <= covered


def test_an_item_starting_with_an_initial_stays_one_item():
    document = rst.read("1. A. Roe. *A title*. 2020.\n2. B. Doe. *Another*. 2021.\n", "cv.rst")
    items = [(b.kind, b.number, b.depth, b.text) for b in document.blocks if b.kind is Kind.ITEM]
    assert items == [
        (Kind.ITEM, "1", 0, "A. Roe. A title. 2020."),
        (Kind.ITEM, "2", 0, "B. Doe. Another. 2021."),
    ]
