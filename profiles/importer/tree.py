"""The document tree: what every reader emits, and all that interpretation reads.

A reader turns one format (markdown, HTML, PDF, LaTeX, ...) into a `Document`: blocks in
reading order, each holding its visual lines as runs of `Span`s. Spans keep the emphasis,
links and code the writer used, so that `**MIT**, Ph.D.` stays a bold span followed by a
plain one. Every block and span carries the line of `Document.text` it came from, and
`Document.text` is the text a curator can read: the source itself for text formats, the
extracted text for binary ones (PDF, Word), so that provenance points at a line either way.

Nothing is dropped: what a reader cannot place is a paragraph, and comments, template tags
and page furniture are LAYOUT blocks, kept but not read as facts.
"""

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with one look: Span('MIT', line=4, bold=True)."""

    text: str
    line: int
    bold: bool = False
    italic: bool = False
    caps: bool = False  # small capitals, or capitals the format asked for
    code: bool = False
    url: str | None = None  # a link; text is its label


# One visual line of a block: the spans between two line breaks.
Inline = tuple[Span, ...]


class Kind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"  # a list item; depth says how deeply nested, number what it was numbered
    TERM = "term"  # a definition list's term ...
    DEFINITION = "definition"  # ... and each of its descriptions
    ROW = "row"  # a table row: cells instead of lines
    LAYOUT = "layout"  # comments, template tags, page headers and footers, rules


@dataclass(frozen=True, slots=True)
class Block:
    """Block(Kind.ITEM, line=12, lines=((Span('2019 – 2021', 12),),), depth=1)."""

    kind: Kind
    line: int
    lines: tuple[Inline, ...] = ()
    cells: tuple[tuple[Inline, ...], ...] = ()  # a row's cells, each its visual lines
    level: int = 0  # a heading's level, 1 to 6
    depth: int = 0  # nesting of list items and definitions; 0 at the top
    number: str | None = None  # an ordered item's number as written: '3', 'iv', 'B2'
    soft: frozenset[int] = frozenset()  # indices of lines that only wrap the line before
    header: bool = False  # a table's header row
    page: int | None = None  # for paged formats (PDF), counted from 1

    @property
    def text(self):
        """The block's words on one line; a row's cells joined by ' | '."""
        if self.kind is Kind.ROW:
            return " | ".join(" ".join(map(line_text, cell)) for cell in self.cells)
        return " ".join(map(line_text, self.lines))

    @property
    def source_lines(self):
        """Every source line a span of this block comes from, in order."""
        inlines = [line for cell in self.cells for line in cell] + list(self.lines)
        return sorted({self.line} | {span.line for inline in inlines for span in inline})


@dataclass(frozen=True, slots=True)
class Meta:
    """A fact the document states outside its body: Meta('author', 'Jane Doe', line=2);
    line 0 for one that is in no line of the text (a Word file's document properties).

    Keys: 'title', 'author', 'email', 'homepage', 'phone', 'location', 'position', and any
    other key a format's metadata names (kept as written).
    """

    key: str
    value: str
    line: int


@dataclass(frozen=True)
class Document:
    format: str  # 'markdown', 'html', 'pdf', 'docx', 'latex', 'rst', 'org', 'text'
    text: str  # the text that lines count in (see the module docstring)
    blocks: tuple[Block, ...]
    meta: tuple[Meta, ...] = ()
    warnings: tuple[str, ...] = ()

    def meta_value(self, key):
        return next((m.value for m in self.meta if m.key == key), None)


def line_text(inline):
    """The words of one visual line: (Span('MIT', 1, bold=True), Span(', Ph.D.', 1)) ->
    'MIT, Ph.D.' (whitespace runs become one space)."""
    return " ".join("".join(span.text for span in inline).split())


def spans(text, line, **marks):
    """One visual line of one span, for readers and tests: spans('Jane', 1, bold=True)."""
    return (Span(text, line, **marks),)
