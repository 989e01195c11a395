"""Org mode: a line reader of org's syntax, which is line-oriented by design.

    #+TITLE: Jane Doe
    * TODO Education                                   :cv:
    - 2019 :: PhD, /Example University/
    + Postdoc
      Example Institute

gives Meta('title', 'Jane Doe'), HEADING 'Jane Doe' (level 1, as export typesets it), HEADING
'Education' (level 1: one star; keyword and tags dropped), a TERM '2019' with a DEFINITION
whose second span is italic, and an ITEM whose second, soft line is 'Example Institute'.

Org's own parser (org-element) first classifies each line (heading, keyword, table row, list
item, drawer, block delimiter) and only then reads inline markup, so a reader of its line
grammar is the real parser's shape. The libraries were weighed and left: orgparse parses only
headings, keeps bodies as raw text and raises ValueError on an impossible date such as
'<2019-13-45>', which a CV may hold; pandoc's org reader returns an AST without source
positions and drops comments and drawers, so every line number would be a guess.

Limits: emphasis does not span lines (org allows one newline inside); underline and
strike-through keep their words but no look (the tree has none); alphabetical list bullets
(an org option, off by default) are text; a list item's paragraphs after a blank line join
its lines with a hard break; VERSE blocks are read as paragraphs.
"""

import bisect
import re

from ..tree import Block, Document, Kind, Meta, Span

_HEADING = re.compile(r"(\*+)[ \t]+(.*)")
_KEYWORD = re.compile(r"[ \t]*#\+(\w+):[ \t]*(.*)")
_BEGIN = re.compile(r"[ \t]*#\+begin_(\w+)", re.IGNORECASE)
_END = re.compile(r"[ \t]*#\+end_(\w+)[ \t]*", re.IGNORECASE)
_DRAWER = re.compile(r"[ \t]*:[\w-]+:[ \t]*")
_DRAWER_END = re.compile(r"[ \t]*:END:[ \t]*", re.IGNORECASE)
_ITEM = re.compile(r"([ \t]*)([-+*]|\d{1,9}[.)])(?:[ \t]+(.*))?")
_COUNTER = re.compile(r"\[@(\w+)\][ \t]*")
_TAGS = re.compile(r":[\w@#%:]+:")
_PRIORITY = re.compile(r"\[#\w\][ \t]*")
_SPECIAL = re.compile(r"\[\[|[*/=~_+]|(?:https?|ftp)://|mailto:")
_URL = re.compile(r"(?:(?:https?|ftp)://|mailto:)[^\s\[\]<>\"]+")
PLANNING = ("SCHEDULED:", "DEADLINE:", "CLOSED:")
# Blocks whose lines are code, and blocks that are not typeset at all.
VERBATIM = {"src", "example"}
HIDDEN = {"comment", "export"}
META = {"title": "title", "subtitle": "subtitle", "author": "author", "email": "email"}
TODO_SETTINGS = ("todo", "seq_todo", "typ_todo")

MARKS = {"*": {"bold": True}, "/": {"italic": True}, "=": {"code": True}, "~": {"code": True}}
MARKS |= {"_": {}, "+": {}}  # underline and strike-through: the tree has no such look
PRE = frozenset(" \t-('\"{")
POST = frozenset(" \t-.,;:!?'\")}[\\")
MAX_NESTING = 4


def read(text: str, name: str) -> Document:
    """'#+TITLE: Jane Doe\\n* Education\\n- PhD\\n' -> Document('org', ...) with Meta('title',
    'Jane Doe') and blocks HEADING 'Jane Doe' (1), HEADING 'Education' (1), ITEM 'PhD'."""
    reader = _Reader(text.split("\n"))
    reader.run()
    return Document("org", text, tuple(reader.blocks), tuple(reader.meta))


class _Reader:
    def __init__(self, lines):
        self.lines = lines
        self.blocks = []
        self.meta = []
        self.open = None  # the paragraph, item or definition being read
        self.indents = []  # the bullet indentation of each open list level
        self.blanks = 0
        self.todo = {"TODO", "DONE"}
        self.title_shown = True
        self.ends = {}  # block type -> indices of its #+END_ lines
        self.drawer_ends, self.headings = [], []
        for index, line in enumerate(lines):
            self.survey(index, line)

    def survey(self, index, line):
        """Settings and the places later lines need to look ahead to."""
        if end := _END.fullmatch(line):
            self.ends.setdefault(end[1].lower(), []).append(index)
        elif _DRAWER_END.fullmatch(line):
            self.drawer_ends.append(index)
        elif _HEADING.match(line):
            self.headings.append(index)
        elif keyword := _KEYWORD.match(line):
            key, value = keyword[1].lower(), keyword[2]
            if key in TODO_SETTINGS:
                words = (word.split("(", 1)[0] for word in value.split())
                self.todo |= {word for word in words if word != "|"}
            elif key == "options" and "title:nil" in value.split():
                self.title_shown = False

    def run(self):
        index = 0
        while index < len(self.lines):
            index = self.line(index)
        self.close()

    def line(self, index):
        """Read the line at `index` (and any it opens); return the index of the next."""
        text, number = self.lines[index], index + 1
        if not text.strip():
            self.blanks += 1
            if self.open and self.open["kind"] is Kind.PARAGRAPH:
                self.close()
            if self.blanks >= 2:
                self.close()
                self.indents = []
            return index + 1
        after_blank, self.blanks = self.blanks > 0, 0
        if heading := _HEADING.fullmatch(text):
            self.close()
            self.indents = []
            self.heading(len(heading[1]), heading[2], number)
            following = self.lines[index + 1].strip() if index + 1 < len(self.lines) else ""
            if following.startswith(PLANNING):
                self.layout(index + 1, index + 1)
                return index + 2
            return index + 1
        stripped = text.strip()
        if (begin := _BEGIN.match(text)) and (end := self.end_of(begin[1].lower(), index)):
            return self.block(begin[1].lower(), index, end)
        if stripped.startswith("#+"):
            self.keyword(text, number)
            return index + 1
        if stripped == "#" or stripped.startswith(("# ", "#\t")):
            self.layout(index, index)
            return index + 1
        if _DRAWER.fullmatch(text) and not _DRAWER_END.fullmatch(text):
            end = _next(self.drawer_ends, index)
            if end is not None and (_next(self.headings, index) or len(self.lines)) > end:
                self.layout(index, end)
                return end + 1
        if len(stripped) >= 5 and set(stripped) == {"-"}:
            self.layout(index, index)
            return index + 1
        if stripped.startswith("|"):
            return self.table(index)
        if stripped == ":" or stripped.startswith((": ", ":\t")):
            self.close()
            self.blocks.append(
                Block(Kind.PARAGRAPH, number, ((Span(stripped[2:], number, code=True),),))
            )
            return index + 1
        indent = len(text) - len(text.lstrip())
        item = _ITEM.fullmatch(text)
        if item and (item[2] != "*" or item[1]):
            self.item(item, number)
            return index + 1
        self.text(text, indent, number, after_blank)
        return index + 1

    def heading(self, stars, text, number):
        words = text.split(None, 1)
        if words and words[0] in self.todo:
            text = words[1] if len(words) > 1 else ""
        text = _PRIORITY.sub("", text, count=1) if text.startswith("[#") else text
        last = text.rstrip().rsplit(None, 1)
        if len(last) == 2 and _TAGS.fullmatch(last[1]):
            text = last[0]
        elif len(last) == 1 and _TAGS.fullmatch(last[0]):
            text = ""
        self.blocks.append(
            Block(Kind.HEADING, number, (_inline(text.strip(), number),), level=min(stars, 6))
        )

    def keyword(self, text, number):
        self.close()
        keyword = _KEYWORD.match(text)
        key = keyword[1].lower() if keyword else ""
        if key in META:
            value = keyword[2].strip()
            self.meta.append(Meta(META[key], value, number))
            if key == "title" and self.title_shown and value:
                self.blocks.append(Block(Kind.HEADING, number, (_inline(value, number),), level=1))
                return
        self.layout(number - 1, number - 1)

    def end_of(self, kind, index):
        """The index of the #+END_ line closing a block opened at `index`, if there is one."""
        return _next(self.ends.get(kind, []), index)

    def block(self, kind, begin, end):
        self.close()
        if kind in HIDDEN:
            self.layout(begin, end)
        elif kind in VERBATIM:
            self.layout(begin, begin)
            lines = [
                (Span(self.lines[i], i + 1, code=True),)
                for i in range(begin + 1, end)
                if self.lines[i].strip()
            ]
            if lines:
                self.blocks.append(Block(Kind.PARAGRAPH, lines[0][0].line, tuple(lines)))
            self.layout(end, end)
        else:
            self.layout(begin, begin)  # its body is read as usual, and its #+END_ is layout
            return begin + 1
        return end + 1

    def table(self, index):
        """Consecutive `|` lines: rows, and rule lines as layout; rows above the first rule are
        the header."""
        self.close()
        end = index
        while end + 1 < len(self.lines) and self.lines[end + 1].strip().startswith("|"):
            end += 1
        rules = [i for i in range(index, end + 1) if self.lines[i].strip()[1:2] in ("-", "+")]
        first_rule = rules[0] if rules else None
        for i in range(index, end + 1):
            if i in rules:
                self.layout(i, i)
                continue
            inlines = [_inline(cell.strip(), i + 1) for cell in _cells(self.lines[i])]
            cells = tuple((inline,) if inline else () for inline in inlines)
            header = first_rule is not None and i < first_rule
            self.blocks.append(Block(Kind.ROW, i + 1, cells=cells, header=header))
        return end + 1

    def item(self, item, number):
        self.close()
        indent = len(item[1].expandtabs())
        while self.indents and self.indents[-1] > indent:
            self.indents.pop()
        if not self.indents or self.indents[-1] < indent:
            self.indents.append(indent)
        depth = len(self.indents) - 1
        text = item[3] or ""
        bullet = item[2]
        counter = _COUNTER.match(text)
        ordered = bullet[0].isdigit()
        label = bullet[:-1] if ordered else None
        if counter:
            text, label = text[counter.end() :], counter[1] if ordered else label
        split = _description(text) if not ordered else None
        if split:
            term, definition = split
            self.blocks.append(Block(Kind.TERM, number, (_inline(term, number),), depth=depth))
            self.start(Kind.DEFINITION, number, definition, depth, indent)
        else:
            self.start(Kind.ITEM, number, text, depth, indent, label)

    def text(self, text, indent, number, after_blank):
        body = self.open and self.open["kind"] in (Kind.ITEM, Kind.DEFINITION)
        if body and indent > self.open["indent"]:
            self.add(text.strip(), number, soft=not after_blank)
            return
        if self.open and self.open["kind"] is Kind.PARAGRAPH:
            self.add(text.strip(), number, soft=True)
            return
        self.close()
        while self.indents and self.indents[-1] >= indent:
            self.indents.pop()
        self.start(Kind.PARAGRAPH, number, text.strip(), len(self.indents), indent)

    def start(self, kind, number, text, depth, indent, label=None):
        self.open = {"kind": kind, "lines": [], "soft": set(), "depth": depth, "indent": indent}
        self.open["number"] = label
        self.add(text, number, soft=False)

    def add(self, text, number, soft):
        lines = self.open["lines"]
        if lines and soft and not lines[-1][0].endswith("\\\\"):
            self.open["soft"].add(len(lines))
        if lines and lines[-1][0].endswith("\\\\"):
            lines[-1] = (lines[-1][0][:-2].rstrip(), lines[-1][1])
        lines.append((text, number))

    def close(self):
        if not self.open:
            return
        lines = self.open["lines"]
        if lines and lines[-1][0].endswith("\\\\"):
            lines[-1] = (lines[-1][0][:-2].rstrip(), lines[-1][1])
        inlines = [_inline(text, number) for text, number in lines]
        keep = [i for i, inline in enumerate(inlines) if inline]
        place = {i: at for at, i in enumerate(keep)}
        soft = frozenset(place[i] for i in self.open["soft"] if place.get(i))
        self.blocks.append(
            Block(
                self.open["kind"],
                lines[0][1],
                tuple(inlines[i] for i in keep),
                depth=self.open["depth"],
                number=self.open["number"],
                soft=soft,
            )
        )
        self.open = None

    def layout(self, first, last):
        """Lines first..last (indices) as one LAYOUT block."""
        self.close()
        lines = [
            (Span(self.lines[i].strip(), i + 1),)
            for i in range(first, last + 1)
            if self.lines[i].strip()
        ]
        self.blocks.append(Block(Kind.LAYOUT, first + 1, tuple(lines)))


def _next(indices, after):
    at = bisect.bisect_right(indices, after)
    return indices[at] if at < len(indices) else None


def _description(text):
    """'2019 :: PhD' -> ('2019', 'PhD'); None when the item has no ' :: '."""
    at = text.find(" :: ")
    if at > 0:
        return text[:at].strip(), text[at + 4 :].strip()
    if text.endswith(" ::") and len(text) > 3:
        return text[:-3].strip(), ""
    return None


def _cells(line):
    """'| a | [[u][b|c]] |' -> ['a', '[[u][b|c]]']: splits at bars outside links."""
    body = line.strip()[1:]
    if body.endswith("|"):
        body = body[:-1]
    cells, start, at = [], 0, 0
    while at < len(body):
        if body.startswith("[[", at) and (close := body.find("]]", at)) != -1:
            at = close + 2
            continue
        if body[at] == "|":
            cells.append(body[start:at])
            start = at + 1
        at += 1
    cells.append(body[start:])
    return cells


def _inline(text, line, marks=None, nesting=0):
    """Org inline markup to spans: '*MIT*, [[https://x.org][site]]' -> (Span('MIT', bold),
    Span(', '), Span('site', url='https://x.org'))."""
    marks = marks or {}
    closes = _closing_positions(text) if nesting < MAX_NESTING else {}
    spans, plain, at = [], [], 0

    def flush():
        if plain:
            spans.append(Span("".join(plain), line, **marks))
            plain.clear()

    while at < len(text):
        found = _SPECIAL.search(text, at)
        if not found:
            plain.append(text[at:])
            break
        start = found.start()
        plain.append(text[at:start])
        at = start
        token = found[0]
        if token == "[[" and (close := text.find("]]", start + 2)) != -1:
            target, _, label = text[start + 2 : close].partition("][")
            flush()
            spans += _inline(label or target, line, {**marks, "url": target}, nesting + 1)
            at = close + 2
        elif token in MARKS and (close := _closing(text, start, closes)) is not None:
            flush()
            look = {**marks, **MARKS[token]}
            if MARKS[token].get("code"):
                spans.append(Span(text[start + 1 : close], line, **look))
            else:
                spans += _inline(text[start + 1 : close], line, look, nesting + 1)
            at = close + 1
        elif (found := _plain_link(text, start, marks)) is not None:
            url = found[0].rstrip(".,;:!?'")
            if url.endswith(")") and "(" not in url:
                url = url[:-1]
            flush()
            spans.append(Span(url, line, **{**marks, "url": url}))
            at = start + len(url)
        else:
            plain.append(text[start])
            at = start + 1
    flush()
    return tuple(span for span in spans if span.text)


def _plain_link(text, at, marks):
    """A bare URL starting at `at` (org links these itself), outside any other link."""
    if "url" in marks or (at and text[at - 1].isalnum()) or text.startswith("[[", at):
        return None
    return _URL.match(text, at)


def _closing_positions(text):
    """For each marker, the positions where it may close emphasis (non-space before it,
    space or punctuation after)."""
    closes = {}
    for at, char in enumerate(text):
        after = text[at + 1 : at + 2]
        if char in MARKS and at > 0 and not text[at - 1].isspace() and after in POST | {""}:
            closes.setdefault(char, []).append(at)
    return closes


def _closing(text, start, closes):
    """Where the emphasis opened by the marker at `start` ends, or None if it does not open."""
    char = text[start]
    if start and text[start - 1] not in PRE:
        return None
    if start + 1 >= len(text) or text[start + 1].isspace():
        return None
    return _next(closes.get(char, []), start + 1)  # past an empty '**'
