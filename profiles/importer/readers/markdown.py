"""Markdown in its dialects, read with markdown-it-py into the document tree.

markdown-it-py is CommonMark-compliant and gives every block token its source lines; its
plugins add what CVs use beyond CommonMark: GFM tables, pandoc definition lists and YAML
front matter. On top of its token stream this module handles what no markdown parser does
for a CV: pandoc's `%` title block, Liquid and Hugo template tags (layout: a `{% for %}`
loop's body is a template, not text anyone reads), and inline HTML (`<br>`, `<b>`) as the
marks it stands for. An HTML block is handed to the HTML reader.

Limits: an indented block is read as text, not code (CVs indent continuation lines far
more often than they quote code); raw LaTeX in markdown is text.
"""

from dataclasses import replace
from functools import cache

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from profiles.importer.tree import Block, Document, Kind, Meta, Span

# Tags whose marks a span keeps; every other inline tag is dropped for its text (<span>,
# <u>, <font>) unless it is not formatting at all (<img>, <script>), which stays as written.
_BOLD_TAGS = {"b", "strong"}
_ITALIC_TAGS = {"i", "em", "cite"}
_CODE_TAGS = {"code", "tt", "kbd"}
_FORMAT_TAGS = {
    "a",
    "big",
    "del",
    "div",
    "font",
    "ins",
    "mark",
    "p",
    "s",
    "small",
    "span",
    "strike",
    "sub",
    "sup",
    "u",
    *_BOLD_TAGS,
    *_ITALIC_TAGS,
    *_CODE_TAGS,
}
META_KEYS = {
    "title": "title",
    "author": "author",
    "name": "author",
    "email": "email",
    "e-mail": "email",
    "homepage": "homepage",
    "website": "homepage",
    "url": "homepage",
    "phone": "phone",
    "location": "location",
    "position": "position",
    "subtitle": "position",
}


@cache
def _parser():
    # Nesting past markdown-it's default of 20 (ten list levels) is still read; deeper than
    # this (fifty levels), the lines are kept as paragraphs (see read()).
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": 100})
    md.enable(["table", "strikethrough"])
    return md.use(front_matter_plugin).use(deflist_plugin)


def read(text, name="document.md"):
    """'# Jane Doe\\n\\n- **MIT**, Ph.D.' -> Document(blocks=(HEADING 'Jane Doe' line 1,
    ITEM [bold 'MIT', ', Ph.D.'] line 3))."""
    source_lines = text.split("\n")
    layout, visible = _template_lines(source_lines)
    meta, title_lines = _title_block(visible)
    for number in title_lines:
        visible[number - 1] = ""
    tokens = _parser().parse("\n".join(visible))
    walker = _Walker(source_lines)
    blocks = [item for block in walker.walk(tokens) for item in _glyph_items(block, source_lines)]
    meta += walker.meta
    blocks += [_layout(number, source_lines) for number in sorted({*layout, *title_lines})]
    covered = {line for block in blocks for line in block.source_lines}
    # Lines markdown renders as nothing (link reference definitions, table delimiter rows,
    # setext underlines, code fences) are layout; words it did not place (past its nesting
    # limit) are a paragraph.
    blocks += [
        _uncovered(number, source_lines)
        for number, line in enumerate(source_lines, 1)
        if line.strip() and number not in covered
    ]
    blocks.sort(key=lambda block: block.line)
    return Document(format="markdown", text=text, blocks=tuple(blocks), meta=tuple(meta))


# Bullets that are not markdown's own (-, *, +): CVs converted from Word or PDF, and many
# written by hand, list items with these, which CommonMark reads as a paragraph's lines.
_GLYPH_BULLETS = frozenset("•◦▪▫–—·●○■□►▸‣⁃∙")


def _glyph_items(block, source_lines):
    """A paragraph whose lines start with bullet glyphs, as the list items it shows:
    '▪ Ph.D. ...' / '    ◦ Thesis: ...' -> ITEM depth 0, ITEM depth 1."""
    if block.kind is not Kind.PARAGRAPH or not any(_glyph(line) for line in block.lines):
        return [block]
    groups, indents = [], []
    for line in block.lines:
        if _glyph(line) or not groups:
            source = source_lines[line[0].line - 1]
            indent = len(source) - len(source.lstrip())
            indents.append(indent)
            rest = _without_glyph(line)
            groups.append((_glyph(line), indent, line[0].line, [rest] if rest else []))
        else:
            groups[-1][3].append(line)
    levels = sorted(set(indents))
    result = []
    for is_item, indent, number, lines in groups:
        depth = block.depth + levels.index(indent)
        kind = Kind.ITEM if is_item else Kind.PARAGRAPH
        soft = frozenset(range(1, len(lines)))
        result.append(Block(kind, line=number, lines=tuple(lines), depth=depth, soft=soft))
    return result


def _glyph(line):
    text = line[0].text.lstrip() if line else ""
    return len(text) > 1 and text[0] in _GLYPH_BULLETS and text[1] in " \t\u00a0"


def _without_glyph(line):
    if not _glyph(line):
        return line
    first = line[0]
    rest = first.text.lstrip()[1:].lstrip()
    head = (replace(first, text=rest),) if rest else ()
    return head + line[1:]


def _uncovered(number, source_lines):
    text = source_lines[number - 1]
    stripped = text.strip()
    if not any(c.isalnum() for c in text) or (stripped.startswith("[") and "]:" in stripped):
        return _layout(number, source_lines)
    return Block(Kind.PARAGRAPH, line=number, lines=((Span(stripped, number),),))


def _layout(number, source_lines):
    return Block(Kind.LAYOUT, line=number, lines=((Span(source_lines[number - 1], number),),))


def _template_lines(source_lines):
    """Line numbers that are Liquid or Hugo template tags, and the text with them blanked.

    A tag on its own line is layout; so is every line inside a `{% for %}` or `{% raw %}`
    block, whose text is a template rather than what the page shows.
    """
    layout, visible, loops = set(), list(source_lines), 0
    for number, line in enumerate(source_lines, 1):
        stripped = line.strip()
        tag = _template_tag(stripped)
        if tag is not None or loops:
            layout.add(number)
            visible[number - 1] = ""
        if tag in ("for", "raw", "comment"):
            loops += 1
        elif tag in ("endfor", "endraw", "endcomment") and loops:
            loops -= 1
    return layout, visible


def _template_tag(stripped):
    """The tag's name for a line that is one template tag ('{% for x in y %}' -> 'for'),
    '' for other tags ('{{ site.title }}', '{{< figure >}}'), None for text."""
    for opener, closer in (("{%", "%}"), ("{{", "}}")):
        if stripped.startswith(opener) and stripped.endswith(closer):
            words = stripped[2:-2].strip("-<>%# ").split()
            return words[0] if words and opener == "{%" else ""
    return None


def _title_block(lines):
    """Pandoc's title block: up to three leading lines starting with '%' (title, author,
    date)."""
    meta, numbers = [], []
    for key, line in zip(("title", "author", "date"), lines[:3], strict=False):
        if not line.startswith("%"):
            break
        numbers.append(len(numbers) + 1)
        if value := line[1:].strip():
            meta.append(Meta(key, value, len(numbers)))
    return meta, numbers


class _Walker:
    """markdown-it's flat token stream, with its open/close nesting, to blocks."""

    def __init__(self, source_lines):
        self.source_lines = source_lines
        self.meta = []

    def walk(self, tokens):
        blocks, lists, item_open, container = [], [], False, None
        row, header = None, False
        for index, token in enumerate(tokens):
            kind = token.type
            if kind == "front_matter":
                blocks.extend(self._front_matter(token))
            elif kind in ("bullet_list_open", "ordered_list_open"):
                lists.append(token)
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif kind == "list_item_open":
                item_open, container = True, token
            elif kind == "heading_open":
                inline = tokens[index + 1]
                blocks.append(self._block(Kind.HEADING, inline, token.map, level=int(token.tag[1])))
            elif kind == "dt_open":
                blocks.append(self._block(Kind.TERM, tokens[index + 1], token.map))
            elif kind == "dd_open":
                item_open, container = True, token
            elif kind == "paragraph_open":
                inline = tokens[index + 1]
                if item_open and container.type == "dd_open":
                    blocks.append(self._block(Kind.DEFINITION, inline, token.map))
                elif item_open:
                    number = container.info or None
                    depth = max(len(lists) - 1, 0)
                    blocks.append(
                        self._block(Kind.ITEM, inline, token.map, depth=depth, number=number)
                    )
                else:
                    depth = max(len(lists) - 1, 0) + (1 if lists else 0)
                    blocks.append(self._block(Kind.PARAGRAPH, inline, token.map, depth=depth))
                item_open = False
            elif kind in ("list_item_close", "dd_close"):
                if item_open and container.map and not self._words_on(container):
                    # An item without a paragraph of its own ('- ' alone, or one opening
                    # with a nested list): still an item, with no words. (With words, the
                    # parser stopped at its nesting limit: the line is kept as text.)
                    empty = Kind.ITEM if kind == "list_item_close" else Kind.DEFINITION
                    blocks.append(Block(empty, line=container.map[0] + 1))
                item_open = False
            elif kind == "tr_open":
                row, header = (token, []), tokens[index - 1].type == "thead_open"
            elif kind == "inline" and row is not None:
                row[1].append(self._lines(token, row[0].map[0] + 1))
            elif kind == "tr_close" and row is not None:
                line = row[0].map[0] + 1
                blocks.append(Block(Kind.ROW, line=line, cells=tuple(row[1]), header=header))
                row = None
            elif kind in ("code_block", "fence"):
                blocks.append(self._literal(token, code=kind == "fence"))
            elif kind == "html_block":
                blocks.extend(self._html(token))
            elif kind == "hr":
                blocks.append(_layout(token.map[0] + 1, self.source_lines))
        return blocks

    def _words_on(self, token):
        """Whether an item's first line holds more than its marker ('- ', '3.', ':')."""
        line = self.source_lines[token.map[0]].strip()
        return bool(line.lstrip("-*+:0123456789.) \t"))

    def _block(self, kind, inline, line_map, **fields):
        first = line_map[0] + 1
        lines, soft = self._lines(inline, first, with_soft=True)
        return Block(kind, line=first, lines=lines, soft=soft, **fields)

    def _lines(self, inline, first, with_soft=False):
        lines, soft = _Inline(first).render(inline.children or ())
        return (lines, soft) if with_soft else lines

    def _literal(self, token, code):
        first = token.map[0] + 1 + (1 if code else 0)
        lines = tuple(
            (Span(text, first + offset, code=code),)
            for offset, text in enumerate(token.content.rstrip("\n").split("\n"))
            if text.strip()
        )
        return Block(Kind.PARAGRAPH, line=token.map[0] + 1, lines=lines)

    def _html(self, token):
        first = token.map[0] + 1
        try:
            from profiles.importer.readers.html import read_fragment
        except ImportError:
            read_fragment = None
        if read_fragment:
            return list(read_fragment(token.content, first))
        return [_literal_lines(token.content, first)]

    def _front_matter(self, token):
        start, end = token.map
        blocks = [_layout(number, self.source_lines) for number in range(start + 1, end + 1)]
        try:
            data = yaml.safe_load(token.content)
        except yaml.YAMLError:
            return blocks
        if isinstance(data, dict):
            for key, value in data.items():
                if str(key).lower() in META_KEYS and isinstance(value, str | int) and value:
                    line = _key_line(self.source_lines, start, end, key)
                    self.meta.append(Meta(META_KEYS[str(key).lower()], str(value), line))
        return blocks


def _key_line(source_lines, start, end, key):
    for number in range(start + 1, end + 1):
        if source_lines[number - 1].lstrip().startswith(f"{key}:"):
            return number
    return start + 1


def _literal_lines(content, first):
    lines = tuple(
        (Span(text, first + offset),)
        for offset, text in enumerate(content.rstrip("\n").split("\n"))
        if text.strip()
    )
    return Block(Kind.PARAGRAPH, line=first, lines=lines)


class _Inline:
    """An inline token's children to visual lines of spans, counting source lines."""

    def __init__(self, first):
        self.line = first
        self.bold = self.italic = self.code = 0
        self.url = None
        self.lines, self.current, self.soft = [], [], set()

    def render(self, children):
        for child in children:
            kind = child.type
            if kind == "text":
                self._add(child.content)
            elif kind == "code_inline":
                self.code += 1
                self._add(child.content)
                self.code -= 1
            elif kind in ("softbreak", "hardbreak"):
                self._break(soft=kind == "softbreak")
                self.line += 1
            elif kind == "strong_open":
                self.bold += 1
            elif kind == "strong_close":
                self.bold -= 1
            elif kind == "em_open":
                self.italic += 1
            elif kind == "em_close":
                self.italic -= 1
            elif kind == "link_open":
                self.url = child.attrs.get("href")
            elif kind == "link_close":
                self.url = None
            elif kind == "image":
                self._add(child.content)
            elif kind == "html_inline":
                self._tag(child.content)
            elif child.content:
                self._add(child.content)
        self._break(soft=False)
        return tuple(self.lines), frozenset(self.soft)

    def _add(self, text):
        if text:
            self.current.append(
                Span(
                    text,
                    self.line,
                    bold=self.bold > 0,
                    italic=self.italic > 0,
                    code=self.code > 0,
                    url=self.url,
                )
            )

    def _break(self, soft):
        if self.current:
            self.lines.append(tuple(self.current))
            self.current = []
            if soft:
                self.soft.add(len(self.lines))  # the line that follows wraps this one

    def _tag(self, text):
        name, closing, href = _tag_name(text)
        if name == "br":
            self._break(soft=False)
        elif name in _BOLD_TAGS:
            self.bold = max(self.bold + (-1 if closing else 1), 0)
        elif name in _ITALIC_TAGS:
            self.italic = max(self.italic + (-1 if closing else 1), 0)
        elif name in _CODE_TAGS:
            self.code = max(self.code + (-1 if closing else 1), 0)
        elif name == "a":
            self.url = None if closing else href
        elif name not in _FORMAT_TAGS and not name.startswith("!"):
            self._add(text)  # not formatting (<img>, <script>): text as written


def _tag_name(text):
    """'<a href="x">' -> ('a', False, 'x'); '</B>' -> ('b', True, None); '<!-- c -->' ->
    ('!--', False, None)."""
    inner = text.strip("<>/ \n\t")
    closing = text.startswith("</")
    name = inner.split(None, 1)[0].lower() if inner.split() else ""
    href = None
    if name == "a" and "href" in inner:
        from html import unescape

        value = inner.split("href", 1)[1].lstrip(" =")
        quote = value[:1] if value[:1] in "\"'" else None
        href = unescape(value[1:].split(quote, 1)[0] if quote else value.split(None, 1)[0])
    return name.rstrip("/"), closing, href
