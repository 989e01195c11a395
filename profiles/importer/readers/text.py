"""Plain text, typed by hand or pulled out of a PDF by pdftotext.

    JANE DOE

    Education
    =========
    • PhD, Example University
    Teaching    2019-2021

gives a HEADING 'JANE DOE' (level 2: capitals standing alone), a HEADING 'Education' (level
1) with its underline as LAYOUT, an ITEM 'PhD, Example University' and a ROW ('Teaching',
'2019-2021'): a gap of three spaces or a tab (pdftotext -layout's columns) splits cells. The
other lines of a block are a PARAGRAPH, one visual line per source line, all soft.

No library reads plain text; its only structure is lines, so this module is the parser: blank
lines and form feeds separate blocks, and each line is classified by its own shape. Form
feeds number the pages (Block.page); a page's first and last lines that repeat on other pages
or are a bare page number ('Page 3', '- 3 -') are LAYOUT. Without form feeds, running
headers are still found: a short line whose number counts up (2, 3, 4 ...) far apart, and the
same line beside each of them. A soft hyphen (U+00AD) at a line's end joins the word with the
next line's first word, given once, as the last span of its line with the next line's number;
inside a line it is a hyphen when the document has line-end ones (pdftotext writes real
hyphens so), else it is dropped.

Limits: a line after an item, in the same block, continues the item; a wrapped table cell is
a row of its own; headers repeating on only one other page are kept when there are no form
feeds; pages are numbered only from form feeds.
"""

import re

from profiles.text import continues_numbering

from ..tree import Block, Document, Kind, Span

SHY = "\u00ad"
BULLETS = frozenset("-*•o◦▪–·●■►‣")
SHORT = 80
CAPS_SHORT = 60
UNDERLINES = {"=": 1, "-": 2, "~": 3}
_NUMBERED = re.compile(r"(\d{1,6})[.)]|\((\d{1,2})\)|\[([A-Za-z]{0,3}\d{1,6})\]")
_GAP = re.compile(r" {3,}|\t+")
_PAGE_NUMBER = re.compile(
    r"(?:(?:page|seite|pagina|página|p\.)\s*)?\d{1,4}(?:\s*(?:of|/|von|de|sur)\s*\d{1,4})?"
    r"|[-–—]\s*\d{1,4}\s*[-–—]",
    re.IGNORECASE,
)
# A line that says which page it is on, wherever it stands: 'Page 2 of 5', '- 3 -', '4 / 9'.
_PAGE_LABEL = re.compile(
    r"(?:page|seite|pagina|página)\s+\d{1,4}(?:\s+(?:of|von|de|sur)\s+\d{1,4})?"
    r"|[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}\s*/\s*\d{1,4}",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
MARKER_KEYS = frozenset({"#", "#.", "#)", "(#)", "[#]"})


def read(text: str, name: str) -> Document:
    """'EDUCATION\\n\\n- PhD, 2019\\n' -> Document('text', ..., (HEADING 'EDUCATION' (2),
    ITEM '- PhD, 2019'))."""
    raw = text.split("\n")
    lines = [line.replace("\f", "") for line in raw]
    pages = _pages(raw)
    paged = "\f" in text
    furniture = _page_furniture(lines, pages) if paged else _running_headers(lines)
    furniture |= {n for n, line in enumerate(lines) if _PAGE_LABEL.fullmatch(line.strip())}
    hyphens = any(line.rstrip().endswith(SHY) for line in lines)
    blocks = []
    numbering = _Numbering()
    for chunk in _chunks(lines, pages, furniture):
        blocks += _read_chunk(chunk, lines, hyphens, numbering)
    blocks += [_layout(index, lines) for index in furniture]
    blocks.sort(key=lambda block: block.line)
    blocks = _with_depths(blocks, lines)
    if paged:
        blocks = [_on_page(block, pages) for block in blocks]
    return Document("text", text, tuple(blocks))


def _pages(raw):
    """Each line's page, counting form feeds before its first character."""
    pages, page = [], 1
    for line in raw:
        lead = len(line) - len(line.lstrip("\f"))
        pages.append(page + lead)
        page += line.count("\f")
    return pages


def _chunks(lines, pages, furniture):
    """Runs of consecutive content lines (indices), split at blanks, furniture and pages."""
    chunk = []
    for index, line in enumerate(lines):
        same_page = not chunk or pages[chunk[-1]] == pages[index]
        if not line.strip() or index in furniture or not same_page:
            if chunk:
                yield chunk
            chunk = [] if not line.strip() or index in furniture else [index]
        else:
            chunk.append(index)
    if chunk:
        yield chunk


class _Numbering:
    """The items read so far: the number of the last numbered one, which a number of four
    digits or more must continue to number an item (profiles.text.continues_numbering), and
    each item's marker and number by its first line."""

    def __init__(self):
        self.last = None
        self.items = {}  # line index -> (where its marker ends, its number or None)

    def marker_end(self, stripped):
        """Where a bullet or number and its space end ('• PhD' -> 2), or 0 for no marker."""
        if len(stripped) > 1 and stripped[0] in BULLETS and stripped[1] in " \t":
            return 2
        number = _NUMBERED.match(stripped)
        if not number or stripped[number.end() : number.end() + 1] not in (" ", "\t"):
            return 0
        digits = _DIGITS.search(next(group for group in number.groups() if group)).group(0)
        return number.end() + 1 if continues_numbering(digits, self.last) else 0

    def take(self, index, stripped):
        """Line `index`, which starts an item: its number counts as the last one read."""
        end, number = self.marker_end(stripped), None
        found = _NUMBERED.match(stripped) if end > 2 else None
        if found:
            number = next(group for group in found.groups() if group)
            self.last = int(_DIGITS.search(number).group(0))
        self.items[index] = (end, number)


def _read_chunk(chunk, lines, hyphens, numbering):
    blocks, paragraph = [], []
    skip = set()
    row = None  # the last row's cells, while lines under its cells continue them
    for at, index in enumerate(chunk):
        if index in skip:
            continue
        text = lines[index]
        stripped = text.strip()
        if row and (cell := _continued_cell(text, row[1])) is not None:
            row[0][cell].append((Span(_clean(stripped, hyphens), index + 1),))
            continue
        row = None
        following = lines[chunk[at + 1]].strip() if at + 1 < len(chunk) else ""
        if _is_underline(stripped):
            kind = Kind.LAYOUT
        elif _is_underline(following) and len(stripped) <= SHORT:
            _flush(blocks, paragraph, lines, hyphens, numbering)
            level = UNDERLINES[following[0]]
            blocks.append(Block(Kind.HEADING, index + 1, (_spans(index, lines),), level=level))
            blocks.append(_layout(chunk[at + 1], lines))
            skip.add(chunk[at + 1])
            continue
        else:
            kind = _kind(stripped, numbering, first=at == 0)
        if not _clean(stripped, hyphens).strip():
            kind = Kind.LAYOUT  # nothing but soft hyphens
        if kind is Kind.PARAGRAPH:
            paragraph.append(index)
            continue
        _flush(blocks, paragraph, lines, hyphens, numbering)
        if kind is Kind.LAYOUT:
            blocks.append(_layout(index, lines))
        elif kind is Kind.HEADING:
            blocks.append(Block(Kind.HEADING, index + 1, (_spans(index, lines),), level=2))
        elif kind is Kind.ROW:
            cells = [[(Span(_clean(cell, hyphens), index + 1),)] for cell in _GAP.split(stripped)]
            row = (cells, _cell_starts(text))
            blocks.append(row)
        else:  # an item: its block goes on with the lines that follow it
            numbering.take(index, stripped)
            paragraph.append(index)
    _flush(blocks, paragraph, lines, hyphens, numbering)
    return [_row(block) if isinstance(block, tuple) else block for block in blocks]


def _row(row):
    cells, _ = row
    return Block(Kind.ROW, cells[0][0][0].line, cells=tuple(tuple(cell) for cell in cells))


def _cell_starts(text):
    """The column where each cell of a row line starts: '2019   Lecturer' -> [0, 7]."""
    expanded = text.expandtabs(4)
    starts = [len(expanded) - len(expanded.lstrip())]
    starts += [gap.end() for gap in _GAP.finditer(expanded.rstrip()) if gap.start() >= starts[0]]
    return starts


def _continued_cell(text, starts):
    """The cell a line under a row goes on (it starts at that cell's column, past the
    first), or None: '          University of X' under '2019   Ph.D.' -> 1."""
    expanded = text.expandtabs(4)
    indent = len(expanded) - len(expanded.lstrip())
    if len(starts) < 2 or _GAP.search(expanded.strip()) or indent < starts[1] - 1:
        return None
    return max(n for n, start in enumerate(starts) if start <= indent + 1)


def _kind(stripped, numbering, first):
    """What one line is by its shape; ITEM lines come back as None."""
    if numbering.marker_end(stripped):
        return None
    if _GAP.search(stripped):
        return Kind.ROW
    letters = [c for c in stripped if c.isalpha()]
    if first and len(letters) >= 2 and len(stripped) <= CAPS_SHORT and stripped.upper() == stripped:
        return Kind.HEADING
    return Kind.PARAGRAPH


def _is_underline(stripped):
    return len(stripped) >= 3 and stripped[0] in UNDERLINES and set(stripped) == {stripped[0]}


def _flush(blocks, paragraph, lines, hyphens, numbering):
    """The lines gathered so far as one block: an ITEM when the first has a bullet."""
    if not paragraph:
        return
    marker, number = numbering.items.get(paragraph[0], (0, None))
    kind = Kind.ITEM if marker else Kind.PARAGRAPH
    visual = _joined(paragraph, lines, hyphens, marker)
    blocks.append(
        Block(
            kind,
            paragraph[0] + 1,
            tuple(visual),
            number=number,
            soft=frozenset(range(1, len(visual))),
        )
    )
    paragraph.clear()


def _joined(indices, lines, hyphens, marker=0):
    """Visual lines, one per source line, with words broken by a soft hyphen made whole;
    `marker` characters (an item's bullet) are left off the first."""
    visual, carry = [], None
    for at, index in enumerate(indices):
        text = lines[index].strip()
        if at == 0:
            text = text[marker:].lstrip()
        if carry is not None:
            text = text[carry:].lstrip()
            carry = None
        spans = [Span(_clean(text, hyphens), index + 1)] if text else []
        if text.endswith(SHY) and at + 1 < len(indices):
            following = lines[indices[at + 1]].strip()
            word = following.split(maxsplit=1)[0] if following else ""
            if _clean(word, hyphens):
                spans = [Span(_clean(text[:-1], hyphens), index + 1)]
                spans.append(Span(_clean(word, hyphens), indices[at + 1] + 1))
                carry = len(word)
        if spans:
            visual.append(tuple(span for span in spans if span.text) or spans[:1])
    return visual


def _clean(text, hyphens):
    """Soft hyphens out: a line-end one dropped, an inner one a hyphen or nothing."""
    text = text.rstrip(SHY)
    return text.replace(SHY, "-" if hyphens else "")


def _spans(index, lines):
    return (Span(_clean(lines[index].strip(), False), index + 1),)


def _layout(index, lines):
    return Block(Kind.LAYOUT, index + 1, ((Span(lines[index].strip(), index + 1),),))


def _with_depths(blocks, lines):
    """Items' depths from their indentation, deeper for each indent seen."""
    indents, out = [], []
    for block in blocks:
        line = lines[block.line - 1].expandtabs(4)
        indent = len(line) - len(line.lstrip())
        if block.kind is Kind.PARAGRAPH and out and _under(out[-1], indent, block, lines):
            # Lines indented under the block just above them are its details.
            out.append(_replace(block, depth=out[-1].depth + 1))
            continue
        if block.kind is not Kind.ITEM:
            out.append(block)
            continue
        while indents and indents[-1] > indent:
            indents.pop()
        if not indents or indents[-1] < indent:
            indents.append(indent)
        out.append(_replace(block, depth=len(indents) - 1))
    return out


def _under(above, indent, block, lines):
    """Whether a block starts right below another, indented deeper than it."""
    if above.kind is Kind.LAYOUT or above.source_lines[-1] != block.line - 1:
        return False
    line = lines[above.line - 1].expandtabs(4)
    return indent > len(line) - len(line.lstrip())


def _replace(block, **changes):
    fields = {name: getattr(block, name) for name in block.__slots__} | changes
    return Block(**fields)


def _on_page(block, pages):
    return _replace(block, page=pages[block.line - 1])


def _page_furniture(lines, pages):
    """Indices of the running headers, footers and page numbers at each page's edges."""
    by_page = {}
    for index, line in enumerate(lines):
        if line.strip(" \t" + SHY):
            by_page.setdefault(pages[index], []).append(index)
    edges = []  # (page, side, position from the edge, index)
    for page, indices in by_page.items():
        for position, index in enumerate(indices[:2]):
            edges.append((page, "top", position, index))
        for position, index in enumerate(reversed(indices[-2:])):
            edges.append((page, "bottom", position, index))
    counts = {}
    for page, side, position, index in edges:
        key = (side, position, _DIGITS.sub("#", lines[index].strip()))
        counts.setdefault(key, set()).add(page)
    furniture = set()
    for page, side, position, index in sorted(edges, key=lambda edge: edge[2]):
        stripped = lines[index].strip()
        key = (side, position, _DIGITS.sub("#", stripped))
        repeated = len(counts[key]) >= 2 and not (side == "top" and page == 1)
        inner = position == 0 or _edge_neighbour(by_page[page], side, index) in furniture
        if inner and (repeated or _PAGE_NUMBER.fullmatch(stripped)):
            furniture.add(index)
    return furniture


def _edge_neighbour(indices, side, index):
    at = indices.index(index)
    return indices[at - 1] if side == "top" else indices[at + 1]


def _running_headers(lines):
    """Without form feeds: short lines whose number counts up far apart ('Vita 2', 'Vita 3'),
    and the same line next to each of them."""
    groups = {}
    for index, line in enumerate(lines):
        stripped = line.strip()
        numbers = _DIGITS.findall(stripped)
        if len(stripped) > CAPS_SHORT or not 1 <= len(numbers) <= 2 or len(numbers[0]) > 3:
            continue
        groups.setdefault(_DIGITS.sub("#", stripped), []).append((index, int(numbers[0])))
    furniture = set()
    for key, found in groups.items():
        gap = 20 if key == "#" else 10
        if key in MARKER_KEYS - {"#"} or len(found) < 2:
            continue
        steps = zip(found, found[1:], strict=False)
        counting = all(b[1] == a[1] + 1 and b[0] - a[0] >= gap for a, b in steps)
        if counting and found[0][1] <= 2:
            furniture |= {index for index, _ in found}
    beside = {}
    for index in sorted(furniture):
        for side in (-1, 1):
            near = index + side
            if 0 <= near < len(lines) and lines[near].strip() and near not in furniture:
                beside.setdefault((side, lines[near].strip()), []).append(near)
    for indices in beside.values():
        if len(indices) >= 2:
            furniture |= set(indices)
    return furniture
