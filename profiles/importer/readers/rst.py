"""reStructuredText: docutils' doctree, walked into the document tree.

    =========
    Jane Doe
    =========

    :Email: jane@example.org

    2019-2021
        **Postdoc**, Example University.

gives Meta('title', 'Jane Doe'), Meta('email', ...), a level-1 HEADING, a LAYOUT for the
docinfo field and its adornments, and a TERM '2019-2021' with a DEFINITION whose first span
is bold. docutils is the reference parser (it is what Sphinx and every rst tool use), so
sections, definition lists, field lists, line blocks and tables come out as the writer meant.
It runs with file insertion, raw and config files off and never reports or halts, so a
document cannot read the disk or abort the import.

docutils' own `node.line` is missing on many nodes and points at a title's underline or a
cell's next line on others, so each block is placed by finding its raw source (the first line
of `rawsource`) in the source lines, in order, from a cursor; the spans of a block's later
visual lines count source newlines from there. Source lines no block accounts for (section
adornments, directive lines, table borders, markup docutils drops) are added afterwards:
punctuation and `..` lines as LAYOUT, anything else as a PARAGRAPH.

Limits: the document title is level 1 and sections below it count from 2; a list item's later
paragraphs join its lines (hard breaks) and paragraphs after a nested list are PARAGRAPHs at
the nested depth; tab-indented sources may be placed by docutils' hint rather than by text.
"""

import bisect
import copy
import re
from dataclasses import replace
from functools import cache

import docutils.core
import docutils.frontend
import docutils.nodes as nodes
import docutils.parsers.rst
import docutils.readers.standalone
import docutils.utils
import docutils.writers.null

from ..read import DocumentError
from ..tree import Block, Document, Kind, Meta, Span

SETTINGS = {
    "report_level": 5,
    "halt_level": 5,
    "warning_stream": False,
    "file_insertion_enabled": False,
    "raw_enabled": False,
    "_disable_config": True,
    "smart_quotes": False,
    "input_encoding": "unicode",
}
# A block's raw text is looked for this many lines past the cursor before jumping further.
WINDOW = 60
# docinfo's fields whose names differ from the tree's keys.
META_KEYS = {"address": "location", "contact": "email", "web": "homepage", "website": "homepage"}
BIBLIOGRAPHIC = (
    nodes.author,
    nodes.authors,
    nodes.organization,
    nodes.address,
    nodes.contact,
    nodes.version,
    nodes.revision,
    nodes.status,
    nodes.date,
    nodes.copyright,
)
LAYOUT_NODES = (nodes.comment, nodes.substitution_definition, nodes.target, nodes.pending)
SKIPPED = (nodes.label, nodes.system_message, nodes.image)
INLINE_MARKS = {
    nodes.strong: {"bold": True},
    nodes.emphasis: {"italic": True},
    nodes.title_reference: {"italic": True},
    nodes.literal: {"code": True},
}
ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc")]
ROMAN += [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
_ADORNMENT = re.compile(r"[^\w\s]+( +[^\w\s]+)*")


def read(text: str, name: str) -> Document:
    """'Title\\n=====\\n\\nSome *text*.\\n' -> Document('rst', ..., blocks=(HEADING, PARAGRAPH))."""
    try:
        doctree = docutils.core.publish_doctree(text, settings=copy.copy(_settings()))
    except (Exception, docutils.utils.SystemMessage) as error:  # docutils' many failure modes
        raise DocumentError(name, f"unreadable reStructuredText ({type(error).__name__})") from None
    walker = _Walker(text)
    try:
        walker.body(doctree, depth=0, section_level=1)
    except RecursionError:
        raise DocumentError(name, "reStructuredText nested too deeply") from None
    blocks = _cover_the_rest(_initials_kept(walker.blocks), walker.lines)
    return Document("rst", text, tuple(blocks), tuple(walker.meta))


@cache
def _settings():
    """docutils' settings, built once: building them (an option parser over every
    component's options) took a quarter of the time of reading a CV."""
    settings = docutils.frontend.get_default_settings(
        docutils.readers.standalone.Reader,
        docutils.parsers.rst.Parser,
        docutils.writers.null.Writer,
    )
    settings._update(SETTINGS, "loose")
    return settings


def _initials_kept(blocks):
    """docutils reads an item that starts with an initial ('43. T. Huang, ...') as an item
    holding a one-letter enumerated list ('T.'): the letter was the writer's, so the two are
    one item again, 'T. Huang, ...'."""
    kept = []
    for block in blocks:
        above = kept[-1] if kept else None
        if (
            above is not None
            and block.kind is Kind.ITEM
            and above.kind is Kind.ITEM
            and not above.lines
            and block.line == above.line
            and block.depth == above.depth + 1
            and block.number
            and len(block.number) == 1
            and block.number.isalpha()
            and block.lines
        ):
            first, *rest = block.lines
            head = (Span(f"{block.number}. ", first[0].line if first else block.line), *first)
            kept[-1] = replace(above, lines=(head, *rest), soft=block.soft)
            continue
        kept.append(block)
    return kept


class _Finder:
    """The source lines, and where each block's raw text is in them (a cursor moving on)."""

    def __init__(self, text):
        self.lines = text.split("\n")
        self.cursor = 1
        self.where = {}
        for number, line in enumerate(self.lines, 1):
            self.where.setdefault(line.strip(), []).append(number)

    def find(self, key, hint=None, fold=False):
        """The first line at or after the cursor holding `key`; the cursor moves there."""
        key = key.strip()
        found = None
        if key:
            stop = min(len(self.lines), self.cursor + WINDOW)
            found = next(
                (n for n in range(self.cursor, stop + 1) if _has(self.lines[n - 1], key, fold)),
                None,
            )
            if found is None:
                numbers = self.where.get(key, ())
                at = bisect.bisect_left(numbers, self.cursor)
                found = numbers[at] if at < len(numbers) else None
        if found is None:
            found = hint if hint and hint >= self.cursor else self.cursor
        self.cursor = min(found, len(self.lines))
        return self.cursor

    def passed(self, line):
        """The block ending at `line` is done: look after it from now on."""
        self.cursor = max(self.cursor, min(line + 1, len(self.lines)))


def _has(line, key, fold):
    return key.lower() in line.lower() if fold else key in line


class _Walker(_Finder):
    def __init__(self, text):
        super().__init__(text)
        self.blocks = []
        self.meta = []

    def emit(self, kind, lines, **fields):
        first = [span.line for line in lines for span in line]
        first += [span.line for cell in fields.get("cells", ()) for line in cell for span in line]
        self.blocks.append(Block(kind, min(first, default=self.cursor), tuple(lines), **fields))

    def body(self, parent, depth, section_level):
        """Every child of a structural element (document, section, list item, ...)."""
        for child in parent.children:
            self.element(child, depth, section_level)

    def element(self, node, depth, section_level):
        if isinstance(node, nodes.title):
            heading = self.inline(node)
            self.emit(Kind.HEADING, heading.lines, level=min(section_level, 6))
            if isinstance(node.parent, nodes.document):
                self.meta.append(Meta("title", node.astext(), heading.start))
        elif isinstance(node, nodes.subtitle):
            heading = self.inline(node)
            self.emit(Kind.HEADING, heading.lines, level=2)
            self.meta.append(Meta("subtitle", node.astext(), heading.start))
        elif isinstance(node, nodes.topic) and "contents" in node["classes"]:
            pass  # the table of contents docutils writes: its lines are the titles'
        elif isinstance(node, nodes.section):
            # The document's title is level 1 whether or not docutils promoted it.
            self.body(node, depth, section_level + 1)
        elif isinstance(node, nodes.docinfo):
            self.docinfo(node)
        elif isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
            self.listing(node, depth, section_level)
        elif isinstance(node, nodes.definition_list):
            self.definitions(node, depth, section_level)
        elif isinstance(node, nodes.field_list):
            for field in node.children:
                name, body = field.children
                self.emit(Kind.ROW, (), cells=self.field_cells(name, body))
        elif isinstance(node, nodes.table):
            self.table(node)
        elif isinstance(node, nodes.line_block):
            lines = self.line_block(node)
            if lines:
                self.emit(Kind.PARAGRAPH, lines)
        elif isinstance(node, (nodes.literal_block, nodes.doctest_block)):
            self.emit(Kind.PARAGRAPH, self.literal(node))
        elif isinstance(node, LAYOUT_NODES):
            self.layout(node)
        elif isinstance(node, SKIPPED):
            pass  # generated by docutils (a table of contents) or shown elsewhere
        elif isinstance(node, (nodes.paragraph, nodes.rubric, nodes.TextElement)):
            run = self.inline(node)
            if run.lines:
                self.emit(Kind.PARAGRAPH, run.lines, soft=run.soft, depth=depth)
        elif isinstance(node, nodes.Element):
            self.body(node, depth, section_level)  # block quotes, admonitions, containers

    def listing(self, node, depth, section_level):
        numbers = _numbers(node) if isinstance(node, nodes.enumerated_list) else None
        for index, item in enumerate(node.children):
            children = list(item.children)
            lines, soft = [], set()
            while children and isinstance(children[0], nodes.paragraph):
                run = self.inline(children.pop(0))
                soft |= {len(lines) + i for i in run.soft}
                lines += run.lines
            number = numbers[index] if numbers else None
            self.emit(Kind.ITEM, lines, depth=depth, number=number, soft=frozenset(soft))
            for child in children:
                self.element(child, depth + 1, section_level)

    def definitions(self, node, depth, section_level):
        for item in node.children:
            for child in item.children:
                if isinstance(child, nodes.term):
                    self.emit(Kind.TERM, self.inline(child).lines, depth=depth)
                elif isinstance(child, nodes.classifier):
                    self.blocks[-1] = _add_classifier(self.blocks[-1], child.astext())
                elif isinstance(child, nodes.definition):
                    for part in child.children:
                        if isinstance(part, nodes.paragraph):
                            run = self.inline(part)
                            self.emit(Kind.DEFINITION, run.lines, depth=depth, soft=run.soft)
                        else:
                            self.element(part, depth + 1, section_level)

    def field_cells(self, name, body):
        """A field's name and body as two cells: (('Phone',), ('555 0100',))."""
        name_line = self.find(f":{name.rawsource or name.astext()}")
        cells = (((Span(name.astext(), name_line),),), self.cell(body))
        self.passed(name_line)
        return cells

    def cell(self, node):
        """The visual lines of every block inside `node`, as one table cell."""
        outer, self.blocks = self.blocks, []
        self.body(node, 0, 7)
        inner, self.blocks = self.blocks, outer
        return tuple(line for block in inner for line in (block.lines or _cells_lines(block)))

    def table(self, node):
        for group in node.findall(nodes.tgroup):
            for part in group.children:
                if not isinstance(part, (nodes.thead, nodes.tbody)):
                    continue
                for row in part.children:
                    start, ends = self.cursor, [self.cursor]
                    cells = []
                    for entry in row.children:
                        self.cursor = start
                        cells.append(self.cell(entry))
                        ends.append(self.cursor)
                    first = [s.line for cell in cells for line in cell for s in line]
                    line = min(first) if first else start
                    self.cursor = max(ends)
                    self.passed(line)
                    self.blocks.append(
                        Block(
                            Kind.ROW,
                            line,
                            cells=tuple(cells),
                            header=isinstance(part, nodes.thead),
                        )
                    )

    def line_block(self, node):
        lines = []
        for child in node.children:
            if isinstance(child, nodes.line_block):
                lines += self.line_block(child)
            elif child.astext().strip():
                lines += self.inline(child).lines
        return lines

    def literal(self, node):
        text = node.astext().split("\n")
        start = self.find(next((t for t in text if t.strip()), ""), node.line)
        lines = [(Span(t, start + i, code=True),) for i, t in enumerate(text) if t.strip()]
        self.passed(start + len(text) - 1)
        return lines

    def layout(self, node):
        if isinstance(node, nodes.target) and not node.rawsource.startswith(".."):
            return  # an inline target, which its reference already shows
        if isinstance(node, nodes.pending):
            return
        raw = (node.rawsource or "").split("\n", 1)[0]
        key = raw if raw.startswith("..") else f".. {raw}" if raw else ".."
        start = self.find(key, node.line)
        end = self.explicit_end(start)
        lines = [(Span(self.lines[n - 1].strip(), n),) for n in range(start, end + 1)]
        self.emit(Kind.LAYOUT, [line for line in lines if line[0].text])
        self.passed(end)

    def explicit_end(self, start):
        """The last line of the explicit markup block (`.. ...`) starting at `start`."""
        base = len(self.lines[start - 1]) - len(self.lines[start - 1].lstrip())
        end = start
        for number in range(start + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if line.strip() and len(line) - len(line.lstrip()) <= base:
                break
            if line.strip():
                end = number
        return end

    def docinfo(self, node):
        for field in node.children:
            if isinstance(field, nodes.field):
                name, body = field.children
                key, value = name.astext(), body.astext()
            else:
                key, value = field.tagname, field.astext()
            start = self.find(f":{key}", field.line, fold=True)
            if isinstance(field, nodes.authors):
                for author in field.children:
                    self.meta.append(Meta("author", author.astext(), start))
            else:
                self.meta.append(Meta(META_KEYS.get(key.lower(), key.lower()), value, start))
            end = self.explicit_end(start)
            lines = [(Span(self.lines[n - 1].strip(), n),) for n in range(start, end + 1)]
            self.emit(Kind.LAYOUT, [line for line in lines if line[0].text])
            self.passed(end)

    def inline(self, node):
        """A text element's visual lines, one per source line."""
        key = (node.rawsource or node.astext()).split("\n", 1)[0]
        start = self.find(key, node.line)
        run = _Run(start)
        run.walk(node, {})
        self.passed(run.line)
        return run


class _Run:
    """Spans of inline markup, split into visual lines at source newlines."""

    def __init__(self, start):
        self.start = self.line = start
        self.current = []
        self.done = []

    @property
    def lines(self):
        lines = [*self.done, self.current]
        return [tuple(_merged(line)) for line in lines if any(s.text.strip() for s in line)]

    @property
    def soft(self):
        return frozenset(range(1, len(self.lines)))

    def walk(self, node, marks):
        for child in node.children:
            if isinstance(child, nodes.Text):
                self.text(child.astext(), marks)
            elif isinstance(child, (nodes.target, nodes.image, nodes.system_message)):
                continue
            elif isinstance(child, nodes.Element):
                more = dict(marks)
                for kind, mark in INLINE_MARKS.items():
                    if isinstance(child, kind):
                        more.update(mark)
                if isinstance(child, nodes.reference) and child.get("refuri"):
                    more["url"] = child["refuri"]
                self.walk(child, more)

    def text(self, text, marks):
        first, *rest = text.split("\n")
        if first:
            self.current.append(Span(first, self.line, **marks))
        for part in rest:
            self.done.append(self.current)
            self.current = []
            self.line += 1
            if part:
                self.current.append(Span(part, self.line, **marks))


def _merged(line):
    out = []
    for span in line:
        if out and _look(out[-1]) == _look(span) and out[-1].line == span.line:
            out[-1] = Span(out[-1].text + span.text, span.line, **_look(span))
        else:
            out.append(span)
    return out


def _look(span):
    return {"bold": span.bold, "italic": span.italic, "code": span.code, "url": span.url}


def _add_classifier(term, classifier):
    last = term.lines[-1] if term.lines else ()
    line = last[-1].line if last else term.line
    lines = (*term.lines[:-1], (*last, Span(f" : {classifier}", line)))
    return Block(Kind.TERM, term.line, lines, depth=term.depth)


def _cells_lines(block):
    return tuple(line for cell in block.cells for line in cell)


def _numbers(node):
    """Each item's number as written: '3', 'c', 'iii'."""
    start = node.get("start", 1)
    kind = node.get("enumtype", "arabic")
    numbers = []
    for n in range(start, start + len(node.children)):
        if kind.endswith("alpha") and 1 <= n <= 26:
            number = chr(ord("a") + n - 1)
        elif kind.endswith("roman") and n > 0:
            number = _roman(n)
        else:
            number = str(n)
        numbers.append(number.upper() if kind.startswith("upper") else number)
    return numbers


def _roman(n):
    out = ""
    for value, letters in ROMAN:
        count, n = divmod(n, value)
        out += letters * count
    return out


def _cover_the_rest(blocks, lines):
    """Blocks for the non-blank lines no block accounts for, in line order."""
    covered = {n for block in blocks for n in block.source_lines}
    extra = []
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if not text or number in covered:
            continue
        markup = _ADORNMENT.fullmatch(text) or text.startswith("..")
        kind = Kind.LAYOUT if markup else Kind.PARAGRAPH
        previous = extra[-1] if extra else None
        if previous and previous.kind is kind and previous.source_lines[-1] == number - 1:
            extra[-1] = Block(kind, previous.line, (*previous.lines, (Span(text, number),)))
        else:
            extra.append(Block(kind, number, ((Span(text, number),),)))
    return sorted([*blocks, *extra], key=lambda block: block.line)
