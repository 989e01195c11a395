"""HTML: hand-written pages, exported web CVs, and (through docx.py) Word documents.

Read with the standard library's html.parser, because it reports the source line of every
tag and text run (lxml only has lines for elements, selectolax none). It tokenizes but builds
no tree, so `_Parser` builds a small one with the browser's implied closings (`<li>` ends the
open `<li>`, `<p>` ends at a block, `<td>` at the next cell), and `_Walker` turns it into
blocks: headings, paragraphs, list items, definition lists, table rows, and LAYOUT for the
head, scripts, styles, comments and rules. A table whose rows have one cell, or whose cells
hold headings or tables, is page layout: its content is read as ordinary blocks.

Limits: no CSS beyond an element's own `style` (bold, italic, small caps, uppercase); no
adoption agency, so misnested inline tags end early; a newline inside a table cell is a space
(a cell has no soft-break marks); nesting deeper than `MAX_DEPTH` is flattened. Python 3.13.0's
parser rescans unfinished tags to the end of the input, which is quadratic, so `_defuse`
first makes every `<` that starts no finished tag plain text.
"""

import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from ..read import DocumentError
from ..tree import Block, Document, Kind, Meta, Span

MAX_DEPTH = 100  # deeper elements are dropped (their text is kept, in the parent)
MAX_SCAN = 24  # how far below the top an end tag or an implied closing looks for its element
_LT, _BRACKET = "\ufdd0", "\ufdd1"  # stand-ins for a '<' made text and a '[' after '<!'


def _names(words):
    return frozenset(words.split())


VOID = _names(
    "area base basefont bgsound br col embed frame hr img input keygen link meta param source "
    "track wbr"
)
HEADINGS = {f"h{n}": n for n in range(1, 7)}
LISTS = frozenset({"ul", "ol", "menu", "dir"})
BLOCK = _names(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 head header hgroup hr "
    "html legend li listing main menu nav noscript ol p plaintext pre section summary table "
    "tbody td tfoot th thead title tr ul xmp"
)
# Elements that end an open <p> (the HTML standard's list, less those that never hold text).
CLOSES_P = BLOCK - {"body", "html", "head", "title", "td", "th", "tr", "tbody", "thead", "tfoot"}
HEAD_ONLY = frozenset({"title", "meta", "link", "base", "style", "script", "noscript", "template"})
LAYOUT_TAGS = frozenset({"script", "style", "template", "svg", "head", "title"})
BOLD, ITALIC = frozenset({"b", "strong"}), frozenset({"i", "em", "cite", "dfn", "var"})
CODE = frozenset({"code", "tt", "kbd", "samp"})
# An end tag does not close its element across these (the standard's "scope" boundaries).
_SCOPE = frozenset({"table", "td", "th", "caption", "html", "template", "button"})
_BARRIERS = {
    "li": _SCOPE | LISTS,
    "dd": _SCOPE | {"dl"},
    "dt": _SCOPE | {"dl"},
    "tr": frozenset({"table", "html"}),
    "td": frozenset({"table", "html"}),
    "th": frozenset({"table", "html"}),
    "tbody": frozenset({"table", "html"}),
    "thead": frozenset({"table", "html"}),
    "tfoot": frozenset({"table", "html"}),
    "table": frozenset({"html"}),
}
# A start tag that closes an open element of the same family, and where that search stops.
_IMPLIED = {
    "li": ({"li"}, _BARRIERS["li"] | (BLOCK - {"address", "div", "p", "li"})),
    "dt": ({"dd", "dt"}, _BARRIERS["dd"] | (BLOCK - {"address", "div", "p", "dd", "dt"})),
    "dd": ({"dd", "dt"}, _BARRIERS["dd"] | (BLOCK - {"address", "div", "p", "dd", "dt"})),
    "tr": ({"tr"}, {"table", "html"}),
    "td": ({"td", "th"}, {"tr", "table", "html"}),
    "th": ({"td", "th"}, {"tr", "table", "html"}),
    "tbody": ({"tbody", "thead", "tfoot"}, {"table", "html"}),
    "thead": ({"tbody", "thead", "tfoot"}, {"table", "html"}),
    "tfoot": ({"tbody", "thead", "tfoot"}, {"table", "html"}),
    "a": ({"a"}, _SCOPE),
    "p": ({"p"}, _SCOPE),
}

_SPACES = re.compile(r"[ \t\r\f\v\xa0]+")  # what a browser collapses (and &nbsp;, as a space)
_NEWLINE_REF = re.compile(r"&#(?:0*10|[xX]0*[aA])(?![0-9a-fA-F])|&NewLine;")
_TAG_NAME = re.compile(r"[^\t\n\r\f />\x00]*")
_TAG_STOP = re.compile(r"[>=]")
_QUOTE = re.compile(r"\s*([\"'])")
_COMMENT_END = re.compile(r"--\s*>")
_RAW_END = {tag: re.compile(rf"</\s*{tag}\s*>", re.I) for tag in ("script", "style")}
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc")]
_ROMAN += [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def read(text, name):
    """An HTML page: '<h2>Education</h2>\\n<p><b>MIT</b>, Ph.D.</p>' -> Document(blocks=(
    Block(HEADING, 1, level=2, lines=((Span('Education', 1),),)),
    Block(PARAGRAPH, 2, lines=((Span('MIT', 2, bold=True), Span(', Ph.D.', 2)),))))."""
    blocks, meta = parse(text, name)
    return Document("html", text, blocks, meta)


def read_fragment(text, first_line):
    """The blocks of an HTML block embedded in another format, its lines counted from
    first_line: read_fragment('<ul>\\n<li>A</li>\\n</ul>', 7) -> (LAYOUT 7, ITEM 8, LAYOUT 9)."""
    return parse(text, "fragment", first_line=first_line)[0]


def inline_tag(tag_text):
    """One tag as (name, is_end, attrs), or None if tag_text is not a single tag:
    '<span style="font-variant: small-caps">' -> ('span', False, {'style': 'font-variant: ...'}),
    '</u>' -> ('u', True, {}), '<br/>' -> ('br', False, {})."""
    tags = []

    class _One(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append((tag, False, {k: v or "" for k, v in attrs}))

        def handle_startendtag(self, tag, attrs):
            self.handle_starttag(tag, attrs)

        def handle_endtag(self, tag):
            tags.append((tag, True, {}))

        def handle_data(self, data):
            tags.append(None)

    stripped = tag_text.strip()
    if not (stripped.startswith("<") and stripped.endswith(">")) or "<" in stripped[1:]:
        return None
    one = _One()
    one.feed(stripped)
    one.close()
    return tags[0] if len(tags) == 1 else None


def tag_marks(tag, attrs):
    """The look an inline tag gives its text, as Span fields: ('b', {}) -> {'bold': True};
    ('a', {'href': 'mailto:j@x.org'}) -> {'url': 'mailto:j@x.org'};
    ('span', {'class': 'smallcaps'}) -> {'caps': True}. Unknown tags give {}."""
    marks = {}
    if tag in BOLD:
        marks["bold"] = True
    elif tag in ITALIC:
        marks["italic"] = True
    elif tag in CODE:
        marks["code"] = True
    elif tag == "a" and attrs.get("href", "").strip():
        href = attrs["href"].strip()
        if not href.lower().startswith("javascript:"):
            marks["url"] = href
    classes = attrs.get("class", "").lower().split()
    if any("caps" in token for token in classes) or "sc" in classes:
        marks["caps"] = True
    marks.update(_style_marks(attrs.get("style", "")))
    return marks


def parse(text, name, *, first_line=1, fill=True):
    """Blocks and metadata of an HTML text; lines count from first_line. With fill, lines
    that hold only markup ('</ul>') become LAYOUT so that every non-blank line is covered."""
    parser = _Parser(first_line - 1)
    try:
        parser.feed(_defuse(text))
        parser.close()
    except AssertionError as error:  # the 3.13.0 parser asserts on some marked sections
        raise DocumentError(name, f"unreadable HTML ({error})") from None
    walker = _Walker()
    walker.walk(parser.root, _Ctx())
    walker.flush()
    blocks = [block for block in walker.blocks if block is not None]
    if fill:
        blocks = _fill(blocks, text, first_line)
    return tuple(blocks), tuple(walker.meta)


# Tokens to a tree -----------------------------------------------------------------------------


class _Element:
    __slots__ = ("tag", "attrs", "line", "children")

    def __init__(self, tag, attrs, line):
        self.tag, self.attrs, self.line, self.children = tag, attrs, line, []


@dataclass(slots=True)
class _Text:
    text: str
    line: int


@dataclass(slots=True)
class _Comment:
    text: str
    line: int


class _Parser(HTMLParser):
    """html.parser's tokens as a tree of _Element, _Text and _Comment, closing what a
    browser closes implicitly and ignoring end tags that close nothing."""

    def __init__(self, offset):
        super().__init__(convert_charrefs=True)
        self.shift = offset
        self.root = _Element("#root", {}, 1 + offset)
        self.stack = [self.root]
        self.open = {}  # tag -> how many are on the stack, so that most searches are O(1)

    def line(self):
        return self.getpos()[0] + self.shift

    def handle_starttag(self, tag, attrs):
        attrs = {key: _restore(value or "") for key, value in attrs}
        if self.open.get("head") and tag not in HEAD_ONLY and tag != "head":
            self._close("head", _SCOPE)
        if tag in CLOSES_P and self.open.get("p"):
            self._close("p", _SCOPE)
        if tag in _IMPLIED:
            targets, barriers = _IMPLIED[tag]
            for target in targets:
                if self.open.get(target) and self._close(target, barriers):
                    break
        if tag in HEADINGS and self.stack[-1].tag in HEADINGS:
            self._pop(len(self.stack) - 1)
        element = _Element(tag, attrs, self.line())
        self.stack[-1].children.append(element)
        if tag not in VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(element)
            self.open[tag] = self.open.get(tag, 0) + 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "br":  # a browser reads </br> as <br>
            self.handle_starttag("br", [])
        elif not self._close(tag, _BARRIERS.get(tag, _SCOPE if tag in BLOCK else BLOCK)) and (
            tag == "p"  # a stray </p> is an empty paragraph: a break
        ):
            self.stack[-1].children.append(_Element("p", {}, self.line()))

    def handle_data(self, data):
        top = self.stack[-1]
        if top.tag == "head" and data.strip():
            self._close("head", _SCOPE)
            top = self.stack[-1]
        top.children.append(_Text(_restore(data), self.line()))

    def handle_comment(self, data):
        self.stack[-1].children.append(_Comment(_restore(data), self.line()))

    handle_decl = handle_pi = unknown_decl = handle_comment

    def _close(self, tag, barriers):
        """Pop up to the open `tag` unless a barrier lies between; True if it was found."""
        if not self.open.get(tag):
            return False
        for index in range(len(self.stack) - 1, max(0, len(self.stack) - MAX_SCAN), -1):
            found = self.stack[index].tag
            if found == tag:
                self._pop(index)
                return True
            if found in barriers:
                return False
        return False

    def _pop(self, index):
        for element in self.stack[index:]:
            self.open[element.tag] -= 1
        del self.stack[index:]


def _restore(text):
    if _LT in text or _BRACKET in text:
        return text.replace(_LT, "<").replace(_BRACKET, "[")
    return text


def _defuse(text):
    """The text the parser is fed: same length and lines, but every '<' that starts no
    finished tag is a stand-in for '<' (so the parser reads it as text, once), '<![' starts a
    bogus comment as in a browser, an unclosed comment runs to the end, and a newline written
    as a character reference is a space (so that lines count in the source's own newlines).
    Each stretch of the text is scanned once: a failure is known from the last '>' or quote."""
    text = _NEWLINE_REF.sub(_space_ref, text)
    last = {c: text.rfind(c) for c in ">'\""}
    cuts, suffix = [], ""
    i = text.find("<")
    while i >= 0:
        if i > last[">"]:  # no '>' follows: nothing from here on is a tag
            cuts += [(k, _LT) for k in _positions(text, "<", i, len(text))]
            break
        end = i + 1
        if text.startswith("<!--", i):
            close = _COMMENT_END.search(text, i + 4)
            if close is None:
                suffix = "-->"
                break
            end = close.end()
        elif text[i + 1 : i + 2] in ("!", "?", "/"):
            if text.startswith("<![", i):
                cuts.append((i + 2, _BRACKET))
            end = text.find(">", i + 2) + 1
        elif text[i + 1 : i + 2].isascii() and text[i + 1 : i + 2].isalpha():
            end, finished = _start_tag_end(text, i, last)
            if not finished:  # a quote that never closes: the stretch up to '>' is text
                cuts += [(k, _LT) for k in _positions(text, "<", i, end)]
            else:
                name = _TAG_NAME.match(text, i + 1)[0].lower()
                if name in _RAW_END:
                    raw_end = _RAW_END[name].search(text, end)
                    if raw_end is None:
                        break
                    end = raw_end.end()
        i = text.find("<", end)
    if not cuts:
        return text + suffix
    pieces, done = [], 0
    for index, stand_in in cuts:
        pieces += [text[done:index], stand_in]
        done = index + 1
    return "".join(pieces) + text[done:] + suffix


def _positions(text, char, start, end):
    found = text.find(char, start, end)
    while found >= 0:
        yield found
        found = text.find(char, found + 1, end)


def _space_ref(match):
    """'&#10;' -> '&#32;', '&NewLine;' -> '&#000032;': a space, in as many characters."""
    semicolon = ";" if match[0].endswith(";") else ""
    return "&#" + "32".rjust(len(match[0]) - 2 - len(semicolon), "0") + semicolon


def _start_tag_end(text, i, last):
    """(end, finished): where the start tag at i ends (after its '>'), reading quoted values
    as html.parser does; or, for a value whose quote never closes, the end of the stretch up
    to the next '>' (or the end of the text), which is then read as text."""
    j = _TAG_NAME.match(text, i + 1).end()
    while True:
        if j > last[">"]:
            return len(text), False
        stop = _TAG_STOP.search(text, j)  # found: a '>' lies ahead
        if stop[0] == ">":
            return stop.end(), True
        quote = _QUOTE.match(text, stop.end())
        if quote is None:
            j = stop.end()
        elif last[quote[1]] < quote.end():
            gt = text.find(">", quote.end())
            return (gt + 1 if gt >= 0 else len(text)), False
        else:
            j = text.find(quote[1], quote.end()) + 1


# A tree to blocks -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Ctx:
    marks: tuple = (False, False, False, False, None)  # bold, italic, caps, code, url
    owner: object = None  # the li, dt, dd or heading whose block text here belongs to
    kind: Kind = Kind.PARAGRAPH
    level: int = 0
    number: str | None = None
    lists: int = 0  # enclosing ul, ol and dl
    counter: object = None  # the enclosing ordered list's _Counter
    table: bool = False  # inside a data table (its rows are ROW blocks)
    thead: bool = False
    cell: bool = False
    pre: bool = False
    layout: bool = False

    @property
    def depth(self):
        return max(self.lists - 1, 0)


class _Draft:
    """A block being filled: its visual lines as runs of (marks, line, [texts])."""

    def __init__(self, kind, line, ctx, index):
        self.kind, self.line, self.ctx, self.index = kind, line, ctx, index
        self.lines = [[]]
        self.hard = [True]  # whether each line began at a hard break

    def empty(self):
        return not self.lines[-1]

    def ends_in_space(self):
        return not self.lines[-1] or self.lines[-1][-1][2][-1].endswith(" ")

    def add(self, text, marks, line):
        runs = self.lines[-1]
        if runs and runs[-1][0] == marks and runs[-1][1] == line:
            runs[-1][2].append(text)
        else:
            runs.append((marks, line, [text]))

    def newline(self, hard):
        if self.empty():
            self.hard[-1] = self.hard[-1] or hard
        else:
            self.lines.append([])
            self.hard.append(hard)

    def finish(self):
        """(lines, soft): the visual lines, trimmed, without empty ones."""
        lines, soft = [], set()
        for runs, hard in zip(self.lines, self.hard, strict=True):
            spans = [_span("".join(texts), line, marks) for marks, line, texts in runs]
            while spans and not spans[-1].text.rstrip(" "):
                spans.pop()
            if not spans:
                continue
            last = spans[-1]
            spans[-1] = _span(last.text.rstrip(" "), last.line, _marks_of(last))
            if lines and not hard:
                soft.add(len(lines))
            lines.append(tuple(spans))
        return tuple(lines), frozenset(soft)


class _Walker:
    def __init__(self):
        self.blocks, self.meta = [], []
        self.cur = self.cell = self.row = None
        self.anchor = None  # the line of a block tag whose block has not begun yet
        self.used = set()  # owners (by id) whose first block has begun

    def walk(self, node, ctx):
        for child in node.children:
            if type(child) is _Text:
                self.text(child, ctx)
            elif type(child) is _Comment:
                self.layout(child.text, child.line)
            else:
                self.element(child, ctx)

    def element(self, el, ctx):
        tag = el.tag
        if tag == "title" or tag == "meta":
            self.head_meta(el)
        if tag in LAYOUT_TAGS or ctx.layout:
            self.walk(el, replace(ctx, layout=True))
        elif tag == "br":
            self.line_break(ctx)
        elif tag == "hr":
            self.flush()
            self.blocks.append(Block(Kind.LAYOUT, el.line))
        elif ctx.cell:
            self.in_cell(el, ctx)
        elif tag == "table":
            self.boundary(el, structural=True)
            self.walk(el, replace(ctx, table=_is_data_table(el)))
            self.boundary(None, structural=True)
        elif ctx.table and tag == "tr":
            self.table_row(el, ctx)
        elif ctx.table and tag in ("td", "th") and self.row is not None:
            self.table_cell(el, ctx)
        elif tag in BLOCK:
            self.block(el, ctx)
        else:
            self.walk(el, replace(ctx, marks=_apply(ctx.marks, tag_marks(tag, el.attrs))))

    def block(self, el, ctx):
        tag = el.tag
        inner = replace(ctx, thead=ctx.thead or tag == "thead", pre=ctx.pre or tag == "pre")
        structural = True
        if tag in HEADINGS:
            inner = replace(inner, owner=el, kind=Kind.HEADING, level=HEADINGS[tag])
        elif tag == "li":
            number = ctx.counter.next(el.attrs) if ctx.counter else None
            inner = replace(inner, owner=el, kind=Kind.ITEM, number=number)
        elif tag in ("dt", "dd"):
            kind = Kind.TERM if tag == "dt" else Kind.DEFINITION
            inner = replace(inner, owner=el, kind=kind, number=None)
        elif tag in LISTS or tag == "dl":
            counter = _Counter(el) if tag == "ol" else None
            inner = replace(inner, lists=ctx.lists + 1, counter=counter, owner=None)
            inner = replace(inner, kind=Kind.PARAGRAPH, number=None)
        else:
            structural = ctx.owner is None
        self.boundary(el, structural)
        self.walk(el, inner)
        self.boundary(None, structural)

    def boundary(self, el, structural):
        """A block tag begins (el) or ends (None): a new block, or a new line of the owner's."""
        if structural:
            self.flush()
        elif self.cur is not None:
            self.cur.newline(hard=True)
        if el is None:
            self.anchor = None
        elif structural or self.anchor is None:
            self.anchor = el.line

    def table_row(self, el, ctx):
        self.flush()
        self.row = [el.line, len(self.blocks), [], True]  # line, slot, cells, all <th>
        self.blocks.append(None)
        self.walk(el, ctx)
        line, slot, cells, all_th = self.row
        self.row = None
        if any(cells):
            header = ctx.thead or all_th
            self.blocks[slot] = Block(Kind.ROW, line, cells=tuple(cells), header=header)

    def table_cell(self, el, ctx):
        self.flush()
        self.cell = _Draft(None, el.line, ctx, None)
        self.walk(el, replace(ctx, cell=True, table=False))
        self.row[2].append(self.cell.finish()[0])
        self.row[3] = self.row[3] and el.tag == "th"
        self.cell = None

    def in_cell(self, el, ctx):
        """Inside a data table's cell every block tag is a line break; lists become lines."""
        if el.tag in BLOCK:
            self.cell.newline(hard=True)
            self.walk(el, replace(ctx, pre=ctx.pre or el.tag == "pre"))
            self.cell.newline(hard=True)
        else:
            self.walk(el, replace(ctx, marks=_apply(ctx.marks, tag_marks(el.tag, el.attrs))))

    def text(self, node, ctx):
        if ctx.layout:
            if node.text.strip():
                self.layout(node.text, node.line)
            return
        for k, piece in enumerate(node.text.split("\n")):
            if k and ctx.cell:
                piece = " " + piece  # a cell has no soft lines: its newlines are spaces
            elif k:
                draft = self.cur
                if draft is not None:
                    draft.newline(hard=ctx.pre)
            self.add(piece, node.line + k, ctx)

    def add(self, piece, line, ctx):
        if not ctx.pre:
            piece = _SPACES.sub(" ", piece)
        if not piece:
            return
        draft = self.cell if ctx.cell else self.cur
        if not piece.strip(" "):
            if draft is not None and not draft.ends_in_space():
                draft.add(" ", ctx.marks, line)
            return
        if draft is None:
            draft = self.open(ctx, line)
        if not ctx.pre and piece.startswith(" ") and draft.ends_in_space():
            piece = piece[1:]
        draft.add(piece, ctx.marks, line)

    def open(self, ctx, line):
        kind, depth = ctx.kind, ctx.depth
        if ctx.owner is not None and id(ctx.owner) in self.used:
            kind = Kind.PARAGRAPH  # the owner's text after a nested list or table
        elif ctx.owner is not None:
            self.used.add(id(ctx.owner))
        elif kind is Kind.PARAGRAPH:
            depth = 0
        if self.anchor is not None:
            line, self.anchor = min(line, self.anchor), None
        self.cur = _Draft(kind, line, replace(ctx, kind=kind, lists=depth + 1), len(self.blocks))
        self.blocks.append(None)
        return self.cur

    def line_break(self, ctx):
        draft = self.cell if ctx.cell else self.cur
        if draft is None:
            return
        if draft.empty() and draft.hard[-1] and draft.ctx.owner is None and not ctx.cell:
            self.flush()  # two <br> in a row: a blank line between paragraphs
        else:
            draft.newline(hard=True)

    def flush(self):
        draft, self.cur = self.cur, None
        if draft is None:
            return
        lines, soft = draft.finish()
        if lines:
            ctx = draft.ctx
            self.blocks[draft.index] = Block(
                draft.kind,
                draft.line,
                lines=lines,
                level=ctx.level if draft.kind is Kind.HEADING else 0,
                depth=ctx.depth,
                number=ctx.number if draft.kind is Kind.ITEM else None,
                soft=soft,
            )

    def layout(self, text, line):
        pieces = enumerate(text.split("\n"))
        lines = tuple((Span(p.strip(), line + k),) for k, p in pieces if p.strip())
        self.blocks.append(Block(Kind.LAYOUT, line, lines=lines))

    def head_meta(self, el):
        if el.tag == "title":
            words = " ".join(_all_text(el).split())
            if words:
                self.meta.append(Meta("title", words, el.line))
            return
        key = el.attrs.get("name", "").strip().lower()
        content = " ".join(el.attrs.get("content", "").split())
        if key in ("author", "description") and content:
            self.meta.append(Meta(key, content, el.line))


class _Counter:
    """An <ol>'s numbering: start, reversed, type and each <li value>."""

    def __init__(self, ol):
        items = sum(1 for c in ol.children if type(c) is _Element and c.tag == "li")
        self.step = -1 if "reversed" in ol.attrs else 1
        self.n = _integer(ol.attrs.get("start"), items if self.step < 0 else 1)
        self.type = ol.attrs.get("type", "1")

    def next(self, attrs):
        self.n = _integer(attrs.get("value"), self.n)
        number = _numeral(self.n, attrs.get("type", self.type))
        self.n += self.step
        return number


def _integer(text, default):
    text = (text or "").strip()
    digits = text[1:] if text.startswith("-") else text
    return int(text) if digits.isdigit() and digits.isascii() and len(digits) < 10 else default


def _numeral(n, style):
    if style in ("a", "A") and n > 0:
        letters = ""
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if style == "A" else letters
    if style in ("i", "I") and 0 < n < 4000:
        roman = ""
        for value, numeral in _ROMAN:
            count, n = divmod(n, value)
            roman += numeral * count
        return roman.upper() if style == "I" else roman
    return str(n)


def _is_data_table(table):
    """A grid of facts (some row has two cells, no cell holds a heading or a table) rather
    than page layout. The search stops at a nested table, so each element is seen once."""
    wide, stack = False, list(table.children)
    while stack:
        node = stack.pop()
        if type(node) is not _Element:
            continue
        if node.tag == "table" or node.tag in HEADINGS:
            return False
        if node.tag == "tr":
            cells = [c for c in node.children if type(c) is _Element and c.tag in ("td", "th")]
            wide = wide or len(cells) > 1
        stack.extend(node.children)
    return wide


def _all_text(el):
    out, stack = [], [el]
    while stack:
        node = stack.pop()
        if type(node) is _Text:
            out.append(node.text)
        elif type(node) is _Element:
            stack.extend(reversed(node.children))
    return " ".join(out)


def _style_marks(style):
    """'font-weight: bold; font-variant: small-caps' -> {'bold': True, 'caps': True}."""
    marks = {}
    for declaration in style.lower().split(";"):
        prop, _, value = declaration.partition(":")
        prop, value = prop.strip(), value.replace("!important", "").strip()
        if prop == "font-weight":
            marks["bold"] = value in ("bold", "bolder", "600", "700", "800", "900")
        elif prop == "font-style":
            marks["italic"] = value.startswith(("italic", "oblique"))
        elif prop in ("font-variant", "font-variant-caps"):
            marks["caps"] = "caps" in value
        elif prop == "text-transform":
            marks["caps"] = value == "uppercase"
        elif prop == "font":
            words = value.split()
            marks.update({"bold": "bold" in words, "italic": "italic" in words})
            marks["caps"] = "small-caps" in words
    return marks


def _apply(marks, changes):
    if not changes:
        return marks
    bold, italic, caps, code, url = marks
    return (
        changes.get("bold", bold),
        changes.get("italic", italic),
        changes.get("caps", caps),
        changes.get("code", code),
        changes.get("url", url),
    )


def _span(text, line, marks):
    bold, italic, caps, code, url = marks
    return Span(text, line, bold=bold, italic=italic, caps=caps, code=code, url=url)


def _marks_of(span):
    return (span.bold, span.italic, span.caps, span.code, span.url)


def _fill(blocks, text, first_line):
    """Blocks with a LAYOUT block for each run of non-blank lines no block covers."""
    covered = {line for block in blocks for line in block.source_lines}
    runs, run = [], []
    for number, raw in enumerate(text.split("\n"), first_line):
        if raw.strip() and number not in covered:
            if run and run[-1][1] != number - 1:
                runs.append(run)
                run = []
            run.append((Span(raw.strip(), number), number))
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    if not runs:
        return blocks
    fillers = [Block(Kind.LAYOUT, r[0][1], lines=tuple((s,) for s, _ in r)) for r in runs]
    merged, k = [], 0
    for block in blocks:
        while k < len(fillers) and fillers[k].line < block.line:
            merged.append(fillers[k])
            k += 1
        merged.append(block)
    return merged + fillers[k:]
