import time
from textwrap import dedent

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from profiles.importer.read import DocumentError
from profiles.importer.readers import html
from profiles.importer.tree import Block, Kind, Meta, Span, spans

H, P, IT, R, L = Kind.HEADING, Kind.PARAGRAPH, Kind.ITEM, Kind.ROW, Kind.LAYOUT


def content(source):
    """The blocks other than LAYOUT, for cases about one construct."""
    return [b for b in html.read(dedent(source).strip("\n"), "cv.html").blocks if b.kind is not L]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<h2>Education</h2>", [Block(H, 1, (spans("Education", 1),), level=2)]),
        (
            "<p><b>MIT</b>, Ph.D.</p>",
            [Block(P, 1, ((Span("MIT", 1, bold=True), Span(", Ph.D.", 1)),))],
        ),
        (
            "<p>Jane <i>Roe</i> &amp; <em>Doe</em></p>",
            [
                Block(
                    P,
                    1,
                    (
                        (
                            Span("Jane ", 1),
                            Span("Roe", 1, italic=True),
                            Span(" & ", 1),
                            Span("Doe", 1, italic=True),
                        ),
                    ),
                )
            ],
        ),
        (
            '<p><a href="mailto:jane@example.org">jane@example.org</a></p>',
            [Block(P, 1, (spans("jane@example.org", 1, url="mailto:jane@example.org"),))],
        ),
        (
            "<p><code>pip</code> <tt>x</tt> <cite>Nature</cite></p>",
            [
                Block(
                    P,
                    1,
                    (
                        (
                            Span("pip", 1, code=True),
                            Span(" ", 1),
                            Span("x", 1, code=True),
                            Span(" ", 1),
                            Span("Nature", 1, italic=True),
                        ),
                    ),
                )
            ],
        ),
        (
            '<p><span style="font-variant: small-caps">Roe</span> <span class="smallcaps">'
            "Doe</span></p>",
            [
                Block(
                    P,
                    1,
                    ((Span("Roe", 1, caps=True), Span(" ", 1), Span("Doe", 1, caps=True)),),
                )
            ],
        ),
        (
            '<p><span style="font-weight:700">Bold</span><b style="font-weight:normal">'
            "plain</b></p>",
            [Block(P, 1, ((Span("Bold", 1, bold=True), Span("plain", 1)),))],
        ),
        (
            "<p><u>under</u> <font size=4>big</font> x<sup>2</sup></p>",
            [Block(P, 1, (spans("under big x2", 1),))],
        ),
        ("<p>a&nbsp;b &eacute; &#233; &hellip</p>", [Block(P, 1, (spans("a b é é &hellip", 1),))]),
    ],
)
def test_inline_marks(source, expected):
    assert content(source) == expected


def test_source_newlines_are_soft_lines_and_br_hard_ones():
    source = """
    <p>Jane Doe
       Professor<br>
       MIT</p>
    """
    assert content(source) == [
        Block(P, 1, (spans("Jane Doe", 1), spans("Professor", 2), spans("MIT", 3)), soft={1})
    ]


def test_br_lines_and_a_blank_line_splits_paragraphs():
    source = """
    <br> <b>Employment:</b>
    <br> Lecturer, Example College
    <br>
    <br> <b>Education:</b>
    """
    assert content(source) == [
        Block(P, 1, (spans("Employment:", 1, bold=True), spans("Lecturer, Example College", 2))),
        Block(P, 4, (spans("Education:", 4, bold=True),)),
    ]


def test_lists_with_depth_and_numbers():
    source = """
    <ol start="3">
      <li>Third
        <ul><li>Nested</li></ul>
      </li>
      <li value="9">Ninth
      <li>Tenth</li>
    </ol>
    <ol type="i" reversed><li>two<li>one</ol>
    """
    assert [(b.kind, b.line, b.text, b.depth, b.number) for b in content(source)] == [
        (IT, 2, "Third", 0, "3"),
        (IT, 3, "Nested", 1, None),
        (IT, 5, "Ninth", 0, "9"),
        (IT, 6, "Tenth", 0, "10"),
        (IT, 8, "two", 0, "ii"),
        (IT, 8, "one", 0, "i"),
    ]


def test_item_with_br_lines_and_text_after_a_nested_list():
    source = """
    <ul><li><a href="https://example.org/p1">Roe, J.</a> 2020
        <br> A title of a paper
      <ul><li>note</li></ul>
      after
    </li></ul>
    """
    assert content(source) == [
        Block(
            IT,
            1,
            (
                (Span("Roe, J.", 1, url="https://example.org/p1"), Span(" 2020", 1)),
                spans("A title of a paper", 2),
            ),
        ),
        Block(IT, 3, (spans("note", 3),), depth=1),
        Block(P, 4, (spans("after", 4),)),
    ]


def test_paragraphs_inside_an_item_are_its_lines():
    assert content("<ul><li><p>First</p><p>Second</p></li></ul>") == [
        Block(IT, 1, (spans("First", 1), spans("Second", 1)))
    ]


def test_definition_list():
    source = """
    <dl>
      <dt>2019</dt>
      <dd>PhD, <b>Example University</b></dd>
    </dl>
    """
    assert content(source) == [
        Block(Kind.TERM, 2, (spans("2019", 2),)),
        Block(Kind.DEFINITION, 3, ((Span("PhD, ", 3), Span("Example University", 3, bold=True)),)),
    ]


def test_data_table_rows_and_header():
    source = """
    <table>
      <tr><th>Year</th><th>Degree</th></tr>
      <tr><td>2019</td><td>PhD<br><i>Example U</i></td></tr>
      <tr><td>2015</td><td><p>MSc</p></td>
    </table>
    """
    assert content(source) == [
        Block(R, 2, cells=((spans("Year", 2),), (spans("Degree", 2),)), header=True),
        Block(
            R, 3, cells=((spans("2019", 3),), (spans("PhD", 3), spans("Example U", 3, italic=True)))
        ),
        Block(R, 4, cells=((spans("2015", 4),), (spans("MSc", 4),))),
    ]


def test_a_one_column_table_is_layout_and_its_content_blocks():
    source = """
    <table><tr><td>
      <h2>Awards</h2>
      <ul><li>Prize</li></ul>
    </td></tr></table>
    """
    assert [(b.kind, b.line, b.text) for b in content(source)] == [
        (H, 2, "Awards"),
        (IT, 3, "Prize"),
    ]


def test_head_script_style_comments_are_layout_and_meta():
    source = """
    <html><head>
    <title>Jane Doe - CV</title>
    <meta name="author" content="Jane Doe">
    <style>p { color: red }</style>
    </head><body>
    <!-- <p>hidden</p> -->
    <script>var x = 1 < 2;</script>
    <p>Visible</p>
    </body></html>
    """
    doc = html.read(dedent(source).strip("\n"), "cv.html")
    assert doc.format == "html"
    assert doc.meta == (Meta("title", "Jane Doe - CV", 2), Meta("author", "Jane Doe", 3))
    assert [b for b in doc.blocks if b.kind is not L] == [Block(P, 8, (spans("Visible", 8),))]
    layout = {span.text for b in doc.blocks if b.kind is L for line in b.lines for span in line}
    assert {"<p>hidden</p>", "var x = 1 < 2;", "p { color: red }"} <= layout


def test_markup_only_lines_are_layout():
    doc = html.read("<ul>\n<li>A</li>\n</ul>\n", "cv.html")
    assert [(b.kind, b.line, b.text) for b in doc.blocks] == [
        (L, 1, "<ul>"),
        (IT, 2, "A"),
        (L, 3, "</ul>"),
    ]


def test_headings_pre_and_hr():
    source = "<h1>Jane</h1>\n<hr>\n<pre>a  b\nc</pre>"
    assert [(b.kind, b.line, b.level, [b.lines], b.soft) for b in content(source)[:2]] == [
        (H, 1, 1, [(spans("Jane", 1),)], frozenset()),
        (P, 3, 0, [(spans("a  b", 3), spans("c", 4))], frozenset()),
    ]


@pytest.mark.parametrize(
    ("source", "texts"),
    [
        ("<p>one<p>two</li></p></p>three", ["one", "two", "three"]),
        ("<b>bold <p>still", ["bold", "still"]),
        ("<ul><li>a<li>b</ul>", ["a", "b"]),
        ("a < b and c > d", ["a < b and c > d"]),
        ("<a href='x>never closed", ["<a href='x>never closed"]),
        ("<!-- open comment <p>x", []),
        ("<![if !supportLists]>·<![endif]>Item", ["·Item"]),
        ("<p>x</b></i></td></table>y", ["xy"]),  # stray end tags are ignored
    ],
)
def test_broken_html(source, texts):
    assert [b.text for b in content(source)] == texts


def test_read_fragment_counts_from_first_line():
    blocks = html.read_fragment("<ul>\n<li>A <b>B</b></li>\n</ul>", 7)
    assert [(b.kind, b.line) for b in blocks] == [(L, 7), (IT, 8), (L, 9)]
    assert blocks[1].lines == ((Span("A ", 8), Span("B", 8, bold=True)),)


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("<br>", ("br", False, {})),
        ("<br/>", ("br", False, {})),
        ("</u>", ("u", True, {})),
        (
            '<span style="font-variant: small-caps">',
            ("span", False, {"style": "font-variant: small-caps"}),
        ),
        ("not a tag", None),
        ("<b>x</b>", None),
    ],
)
def test_inline_tag(tag, expected):
    assert html.inline_tag(tag) == expected


@pytest.mark.parametrize(
    ("tag", "attrs", "expected"),
    [
        ("strong", {}, {"bold": True}),
        ("em", {}, {"italic": True}),
        ("kbd", {}, {"code": True}),
        ("a", {"href": " https://example.org "}, {"url": "https://example.org"}),
        ("a", {"href": "javascript:void(0)"}, {}),
        ("span", {"style": "text-transform: uppercase"}, {"caps": True}),
        ("u", {}, {}),
    ],
)
def test_tag_marks(tag, attrs, expected):
    assert html.tag_marks(tag, attrs) == expected


@pytest.mark.parametrize(
    "pattern",
    ["<a b='", "<a ", "<!--", "<![x", "</", "<b><i>", "<li>", "<td>", "<ol><li>", "<a/ >x\n"],
)
def test_pathological_input_is_read_in_linear_time(pattern):
    start = time.perf_counter()
    html.read("x" + pattern * 20_000, "cv.html")
    assert time.perf_counter() - start < 3


FRAGMENTS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "<br>",
        "<ul>",
        "<ol start=2>",
        "<li>",
        "</li>",
        "<dl>",
        "<dt>",
        "<dd>",
        "<table>",
        "<tr>",
        "<td>",
        "<th>",
        "</table>",
        "<h2>",
        "</h2>",
        "<!--",
        "-->",
        "<pre>",
        "<script>",
        "</script>",
        "<head>",
        "<title>",
        "<a href='",
        "'>",
        "<",
        ">",
        "&amp;",
        "&#10;",
        "<![if x]>",
        "<hr>",
        "\n",
        " ",
        "x",
        "Jane",
        "é",
    ]  # fmt: skip
)


@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENTS | st.text(max_size=4), max_size=60).map("".join))
def test_any_input_is_read_and_every_line_covered(source):
    try:
        doc = html.read(source, "cv.html")
    except DocumentError:
        return
    lines = source.split("\n")
    covered = {line for block in doc.blocks for line in block.source_lines}
    assert {n for n, raw in enumerate(lines, 1) if raw.strip()} <= covered
    assert covered <= set(range(1, len(lines) + 1))
