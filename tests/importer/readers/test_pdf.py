"""The PDF reader on small PDFs written here: text placed at points, in Helvetica."""

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profiles.importer.read import DocumentError
from profiles.importer.readers import pdf
from profiles.importer.tree import Kind, Span
from tests.pdf_files import FONTS, make_pdf

FIXTURES = Path(__file__).parents[2] / "fixtures" / "pdf"


def read(*pages, links=()):
    return pdf.read(make_pdf(pages, links), "cv.pdf")


def run(x, top, text, font="R", size=10):
    return (x, top, text, font, size)


def summary(doc):
    return [(b.kind, b.text, b.line) for b in doc.blocks]


# A body of ordinary lines, so that 10 pt is the document's most common size.
FILLER = [
    run(72, 600 + 12 * i, f"Filler line number {i} of the body text, which runs to the margin.")
    for i in range(6)
]


def test_heading_by_size_then_a_paragraph_that_wraps():
    long = "Jane Roe studies rivers and the towns that grew up along their banks in"
    doc = read(
        [
            run(72, 72, "Jane Roe", "B", 20),
            run(72, 110, long),
            run(72, 122, "the north, from the archives of three cities."),
            run(72, 146, "Another paragraph after a gap."),
            *FILLER,
        ]
    )
    heading, paragraph, after = doc.blocks[:3]
    assert (heading.kind, heading.level, heading.text, heading.line) == (
        Kind.HEADING,
        1,
        "Jane Roe",
        1,
    )
    assert heading.lines == ((Span("Jane Roe", 1, bold=True),),)
    assert (paragraph.kind, paragraph.line, len(paragraph.lines)) == (Kind.PARAGRAPH, 2, 2)
    assert paragraph.soft == frozenset({1})
    assert (after.kind, after.text, after.line) == (
        Kind.PARAGRAPH,
        "Another paragraph after a gap.",
        4,
    )
    assert doc.text.split("\n")[:2] == ["Jane Roe", long]
    assert all(block.page == 1 for block in doc.blocks)


def test_bold_and_italic_spans_keep_their_boundaries():
    doc = read(
        [
            run(72, 72, [("B", "Acme University"), ("R", ", Lecturer in "), ("I", "History")]),
            *FILLER,
        ]
    )
    assert doc.blocks[0].lines == (
        (
            Span("Acme University", 1, bold=True),
            Span(", Lecturer in ", 1),
            Span("History", 1, italic=True),
        ),
    )


def test_a_side_heading_is_its_own_block():
    doc = read(
        [
            run(50, 72, "EDUCATION", "B"),
            run(150, 72, "Ph.D. in Geography, Acme University"),
            run(150, 84, "B.A. in History, Zenith College"),
            *[
                run(
                    150,
                    600 + 12 * i,
                    f"Body line {i} of the main column, which runs to the right margin.",
                )
                for i in range(6)
            ],
        ]
    )
    assert summary(doc)[:2] == [
        (Kind.HEADING, "EDUCATION", 1),
        (Kind.PARAGRAPH, "Ph.D. in Geography, Acme University B.A. in History, Zenith College", 1),
    ]
    assert doc.blocks[1].soft == frozenset()  # two facts, two lines
    assert doc.text.split("\n")[0] == "EDUCATION\tPh.D. in Geography, Acme University"


def test_a_date_column_makes_rows_with_wrapped_cells():
    doc = read(
        [
            run(72, 72, "2019 – 2021"),
            run(160, 72, "Lecturer, Acme University, teaching the survey of rivers"),
            run(160, 84, "and the seminar on maps"),
            run(72, 96, "2015 – 2019"),
            run(160, 96, "Tutor, Zenith College"),
            *FILLER,
        ]
    )
    first, second = doc.blocks[:2]
    assert first.kind is Kind.ROW and first.line == 1
    assert first.cells == (
        ((Span("2019 – 2021", 1),),),
        (
            (Span("Lecturer, Acme University, teaching the survey of rivers", 1),),
            (Span("and the seminar on maps", 2),),
        ),
    )
    assert second.text == "2015 – 2019 | Tutor, Zenith College"
    assert second.line == 3


@pytest.mark.parametrize(
    ("marker", "number"),
    [("•", None), ("–", None), ("1.", "1"), ("[2]", "2"), ("(3)", "3")],
)
def test_item_markers(marker, number):
    doc = read([run(72, 72, f"{marker} Roe, J. (2020). Rivers."), *FILLER])
    item = doc.blocks[0]
    assert (item.kind, item.number, item.depth, item.text) == (
        Kind.ITEM,
        number,
        0,
        "Roe, J. (2020). Rivers.",
    )


def test_items_nest_by_indent_and_keep_their_wrapped_lines():
    doc = read(
        [
            run(72, 72, "• Teaching assistant for the course on the history of the river towns of"),
            run(80, 84, "the north"),
            run(90, 96, "• Graded essays"),
            run(72, 108, "• Organised the seminar"),
            *FILLER,
        ]
    )
    items = doc.blocks[:3]
    assert [(b.kind, b.depth, b.line, b.soft) for b in items] == [
        (Kind.ITEM, 0, 1, frozenset({1})),
        (Kind.ITEM, 1, 3, frozenset()),
        (Kind.ITEM, 0, 4, frozenset()),
    ]
    assert items[0].lines[1] == (Span("the north", 2),)


def test_a_link_annotation_becomes_the_spans_url():
    doc = read(
        [run(72, 72, "Web: example.org"), *FILLER],
        links=[(1, 97, 70, 160, 84, "https://example.org/")],
    )
    assert doc.blocks[0].lines == (
        (Span("Web: ", 1), Span("example.org", 1, url="https://example.org/")),
    )


def test_page_numbers_are_layout_and_pages_are_counted():
    page = [run(72, 100 + 12 * i, f"Line {i} of a page.") for i in range(6)]
    doc = read([*page, run(300, 750, "1")], [*page, run(300, 750, "2")])
    assert doc.text.split("\n")[7] == "\f"
    layout = [b for b in doc.blocks if b.kind is Kind.LAYOUT]
    assert [(b.text, b.line, b.page) for b in layout] == [("1", 7, 1), ("2", 15, 2)]
    assert doc.blocks[-2].page == 2 and doc.blocks[-2].line == 9


def test_heading_from_a_line_alone_in_bold_capitals():
    doc = read([run(72, 72, "PUBLICATIONS", "B"), run(72, 90, "Roe, J. Rivers."), *FILLER])
    assert summary(doc)[:2] == [
        (Kind.HEADING, "PUBLICATIONS", 1),
        (Kind.PARAGRAPH, "Roe, J. Rivers.", 2),
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.4\nnot really a pdf", "not a readable PDF"),
        ((FIXTURES / "encrypted.pdf").read_bytes(), "encrypted PDF (remove the password first)"),
        (make_pdf([[]]), "no text layer (a scanned PDF? run OCR first)"),
    ],
)
def test_unreadable_documents(data, reason):
    with pytest.raises(DocumentError) as error:
        pdf.read(data, "cv.pdf")
    assert error.value.reason.startswith(reason)


def test_page_limit(monkeypatch):
    monkeypatch.setattr(pdf, "MAX_PAGES", 1)
    with pytest.raises(DocumentError, match=r"too many pages \(2; the limit is 1\)"):
        read([run(72, 72, "One")], [run(72, 72, "Two")])


def test_metadata_author_when_the_text_names_them():
    doc = pdf.read((FIXTURES / "author.pdf").read_bytes(), "cv.pdf")
    assert [(m.key, m.value, m.line) for m in doc.meta] == [("author", "Jane Roe", 1)]


WORDS = st.text(alphabet="abc XYZ019.,()[]•–-:", min_size=1, max_size=30)
RUNS = st.lists(
    st.tuples(
        st.integers(20, 500),
        st.integers(20, 760),
        WORDS,
        st.sampled_from(list(FONTS)),
        st.sampled_from([6, 10, 10, 14, 24]),
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(RUNS, min_size=1, max_size=3))
def test_any_layout_is_read_and_every_line_covered(pages):
    try:
        doc = pdf.read(make_pdf(pages), "cv.pdf")
    except DocumentError:
        return
    covered = {n for block in doc.blocks for n in block.source_lines}
    lines = doc.text.split("\n")
    assert {n for n, line in enumerate(lines, 1) if line.strip()} <= covered
    assert all(block.page for block in doc.blocks)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_garbage_raises_only_document_errors(data):
    with contextlib.suppress(DocumentError):
        pdf.read(b"%PDF-1.4\n" + data, "cv.pdf")
