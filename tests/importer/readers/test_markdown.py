"""The markdown reader: each construct to blocks, spans and source lines."""

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from profiles.importer.readers import markdown
from profiles.importer.tree import Kind, Meta, Span


def read(text):
    return markdown.read(textwrap.dedent(text).lstrip("\n"))


def outline(document):
    """(kind, line, level or depth, text) per block: the shape a test can read at a glance."""
    return [
        (block.kind.value, block.line, block.level or block.depth, block.text)
        for block in document.blocks
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "# Jane Roe\n\nEducation\n=========\n",
            [("heading", 1, 1, "Jane Roe"), ("heading", 3, 1, "Education")],
        ),
        (
            "- one\n  - two\n    - three\n- four\n",
            [
                ("item", 1, 0, "one"),
                ("item", 2, 1, "two"),
                ("item", 3, 2, "three"),
                ("item", 4, 0, "four"),
            ],
        ),
        (
            "Term one\n:   first description\n\n    second paragraph of it\n",
            [("term", 1, 0, "Term one"), ("definition", 2, 0, "first description")],
        ),
        (
            "| 2019 | Lecturer |\n|---|---|\n| 2020 | Reader |\n",
            [
                ("row", 1, 0, "2019 | Lecturer"),
                ("layout", 2, 0, "|---|---|"),
                ("row", 3, 0, "2020 | Reader"),
            ],
        ),
        (
            "Above\n\n---\n\nBelow\n",
            [("paragraph", 1, 0, "Above"), ("layout", 3, 0, "---"), ("paragraph", 5, 0, "Below")],
        ),
        (
            "[home]: https://example.org\n\nText\n",
            [("layout", 1, 0, "[home]: https://example.org"), ("paragraph", 3, 0, "Text")],
        ),
    ],
)
def test_blocks_of_each_construct(text, expected):
    assert outline(markdown.read(text))[: len(expected)] == expected


def test_bold_boundary_is_kept_in_spans():
    (block,) = read("**MIT**, Ph.D. in *Physics*, 2015 – 2020\n").blocks
    assert block.lines == (
        (
            Span("MIT", 1, bold=True),
            Span(", Ph.D. in ", 1),
            Span("Physics", 1, italic=True),
            Span(", 2015 – 2020", 1),
        ),
    )


def test_links_code_and_inline_html_become_marks():
    (block,) = read(
        'See [my site](https://example.org), `code` and <b>bold</b> <a href="https://b.example">b</a>\n'
    ).blocks
    (line,) = block.lines
    assert [(s.text, s.bold, s.code, s.url) for s in line] == [
        ("See ", False, False, None),
        ("my site", False, False, "https://example.org"),
        (", ", False, False, None),
        ("code", False, True, None),
        (" and ", False, False, None),
        ("bold", True, False, None),
        (" ", False, False, None),
        ("b", False, False, "https://b.example"),
    ]


def test_hard_and_soft_breaks_make_visual_lines():
    (block,) = read("First line  \nsecond line\nthird <br> fourth\n").blocks
    assert [[(s.text.strip(), s.line) for s in line] for line in block.lines] == [
        [("First line", 1)],
        [("second line", 2)],
        [("third", 3)],
        [("fourth", 3)],
    ]
    # 'third' only wraps 'second line'; the others follow a hard break.
    assert block.soft == frozenset({2})


def test_ordered_items_keep_their_numbers():
    document = read("3. Third\n4. Fourth\n")
    assert [(b.kind, b.number, b.text) for b in document.blocks] == [
        (Kind.ITEM, "3", "Third"),
        (Kind.ITEM, "4", "Fourth"),
    ]


def test_table_cells_with_breaks():
    row = read("| Dates | Entry |\n|---|---|\n| 2019 | Lecturer<br>Some University |\n").blocks[-1]
    assert row.kind is Kind.ROW and not row.header
    assert [[" ".join(s.text for s in line) for line in cell] for cell in row.cells] == [
        ["2019"],
        ["Lecturer", "Some University"],
    ]
    assert read("| a | b |\n|---|---|\n").blocks[0].header


def test_front_matter_and_title_block_are_metadata():
    document = read(
        """
        ---
        title: Curriculum vitae
        author: Jane Roe
        email: jane@example.org
        ---
        Body
        """
    )
    assert document.meta == (
        Meta("title", "Curriculum vitae", 2),
        Meta("author", "Jane Roe", 3),
        Meta("email", "jane@example.org", 4),
    )
    assert [b.kind for b in document.blocks] == [Kind.LAYOUT] * 5 + [Kind.PARAGRAPH]

    pandoc = read("% Curriculum vitae\n% Jane Roe\n\nBody\n")
    assert pandoc.meta == (Meta("title", "Curriculum vitae", 1), Meta("author", "Jane Roe", 2))
    assert outline(pandoc) == [
        ("layout", 1, 0, "% Curriculum vitae"),
        ("layout", 2, 0, "% Jane Roe"),
        ("paragraph", 4, 0, "Body"),
    ]


def test_template_tags_are_layout_and_loops_are_not_read():
    document = read(
        """
        ## Publications
        {% for post in site.publications reversed %}
          {% include archive-single.html %}
        A paper title in a template
        {% endfor %}
        {{< figure src="me.png" >}}
        Written text
        """
    )
    assert outline(document) == [
        ("heading", 1, 2, "Publications"),
        ("layout", 2, 0, "{% for post in site.publications reversed %}"),
        ("layout", 3, 0, "{% include archive-single.html %}"),
        ("layout", 4, 0, "A paper title in a template"),
        ("layout", 5, 0, "{% endfor %}"),
        ("layout", 6, 0, '{{< figure src="me.png" >}}'),
        ("paragraph", 7, 0, "Written text"),
    ]


def test_glyph_bullets_are_items_nested_by_indentation():
    document = read("▪ Ph.D., University of Somewhere\n    ◦ Thesis: Rivers\n")
    assert [(b.kind, b.line, b.depth, b.text) for b in document.blocks] == [
        (Kind.ITEM, 1, 0, "Ph.D., University of Somewhere"),
        (Kind.ITEM, 2, 1, "Thesis: Rivers"),
    ]
    # A bullet with nothing after it is an empty item, not a crash.
    (empty,) = [b for b in read("# \n    • ").blocks if b.kind is Kind.ITEM]
    assert (empty.line, empty.lines) == (2, ())


def test_indented_text_is_text_not_code():
    (block,) = read("    Indented line of a CV\n").blocks
    assert block.kind is Kind.PARAGRAPH
    assert block.lines == ((Span("Indented line of a CV", 1),),)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab1 *_#-|:>[]()<>`\n{}%=\t"), max_size=300))
def test_any_text_reads_and_every_line_is_covered(text):
    document = markdown.read(text)
    covered = {line for block in document.blocks for line in block.source_lines}
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            assert number in covered, (number, line)
