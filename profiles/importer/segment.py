"""The tree's lines with their markers, lines to sections, sections to entries.

Nothing here decides what a line means (a date, a degree, an author list): it records the
markers a writer used (heading level, bullet, number, bold, italic, indentation) and uses
the heading vocabulary to find where sections start.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import groupby

from profiles.importer import vocab
from profiles.importer.memo import per_document
from profiles.importer.tree import Kind, Span
from profiles.text import safe_url

# Tags that HTML conversions leave for the look of the text: removed, their content kept.
# Any other tag (<script>, <img ...>) is text nobody formatted, and is kept as written.
_TAG = re.compile(
    r"</?(?:a|b|big|br|code|del|div|em|font|i|ins|mark|p|s|small|span|strike|strong|sub|sup"
    r"|tt|u)\b[^<>]{0,200}?>",
    re.IGNORECASE,
)
# Neither part holds a bracket, so that each '[' is tried once: a long line of '[a](' costs
# no more than any other line. (CommonMark, too, ends a link's text at a nested '['.) The URL
# may hold balanced parentheses, as CommonMark's do: 'https://x.org/Foo_(bar)'.
_MD_LINK = re.compile(r"!?\[([^\[\]]*)\]\(((?:[^()\s\[\]]|\([^()\s\[\]]*\))*)(?:\s+\"[^\"]*\")?\)")
# The only links kept: a browser would run a javascript: or data: URL from a link.
LINK_SCHEMES = ("http://", "https://", "mailto:")
# A URL of another scheme. No domain inside it ('javascript:go("evil.example")') is a link.
OTHER_SCHEME_URL = re.compile(
    r"(?<![\w.+-])(?!https?://)(?:[a-z][a-z0-9+.-]*://|(?:javascript|vbscript|data):)\S+",
    re.IGNORECASE,
)


def kept_link(url):
    """url as a record may keep it as a link, or '': the one check of every input path (text,
    BibTeX, a CV data file, an exported JSON document) and of the pages that show links. A
    URL of another scheme is refused ('javascript:', 'ftp://'), and so is one that a browser
    would read as one ('java<TAB>script:', '//evil.example'); a bare domain gets https."""
    if not isinstance(url, str) or OTHER_SCHEME_URL.match(url.strip()):
        return ""
    return safe_url(url)


def shown_url(url):
    """A URL as a warning shows it: at most 60 characters, control characters escaped."""
    url = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in url)
    return url if len(url) <= 60 else url[:59] + "…"


# Emphasis as (opener, closer, marker width), the opener's span running to the first closer
# after it on its line: the regex \*\*(?=\S)(.+?)(?<=\S)\*\* for '**'. Each pattern matches the
# first character of a marker, so that overlapping markers ('***') are all found, and starts
# with it, so that a search skips to it. _unwrap() explains why not the regex.
_STRONG = (
    (re.compile(r"\*(?=\*\S)"), re.compile(r"(?<=\S)\*(?=\*)"), 2),
    (re.compile(r"(?<!\w)_(?=_\S)"), re.compile(r"(?<=\S)_(?=_(?!\w))"), 2),
)
_ITALIC = (
    (re.compile(r"(?<![\w*])\*(?=[^\s*])"), re.compile(r"(?<=[^\s*])\*(?![\w*])"), 1),
    (re.compile(r"(?<!\w)_(?=\S)"), re.compile(r"(?<=\S)_(?!\w)"), 1),
)
_COUNT_PREFIX = re.compile(r"^\d+\s+")
_NEWLINE = re.compile("\n")
# Characters plain() removes or rewrites; text without any is only re-spaced.
_MARKUP = re.compile(r"[\[<*_`\\\x00\x01]")


@dataclass
class Line:
    number: int
    raw: str
    text: str = ""  # content without list or heading markers; markdown emphasis kept
    indent: int = 0
    bullet: str | None = None
    ordinal: str | None = None
    heading: int = 0  # 1-6 for markdown or setext headings
    rule: bool = False  # a horizontal rule or a setext underline

    # Cached: the parser asks these of the same line many times, and a line's raw text and
    # content do not change once lines_from_tree() has made it.
    @cached_property
    def blank(self):
        return not self.raw.strip()

    @cached_property
    def plain(self):
        return plain(self.text)

    @cached_property
    def bold(self):
        """The whole content is bold: **Work**, <b>Work</b>, or a bold heading."""
        return _wrapped(self.text, ("**", "__"))

    @cached_property
    def italic(self):
        return not self.bold and _wrapped(self.text, ("*", "_"))

    @property
    def listed(self):
        return bool(self.bullet or self.ordinal)


@dataclass
class Block:
    """A section of the document: its heading and the lines under it."""

    kind: str  # header, contact, education, experience, publications, free
    title: str | None
    heading: Line | None
    rank: int
    pub_kind: str | None = None
    lines: list[Line] = field(default_factory=list)

    @property
    def content(self):
        return [line for line in self.lines if not line.blank and not line.rule]


@per_document
def plain(text):
    """Markup removed: '**Jane** [site](https://x)' -> 'Jane site'.

    A lone '*' that is not emphasis (an equal-contribution mark) is kept.
    """
    # This runs several times per line, and most text has no markup at all.
    if not _MARKUP.search(text):
        return " ".join(text.split())
    if "](" in text:
        text = _MD_LINK.sub(_label, text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    text = text.replace("\\*", "\x00").replace("\\_", "\x01")
    if "**" in text or "__" in text:
        text = _unwrap(text, _STRONG if "__" in text else _STRONG[:1])
    if "*" in text or "_" in text:
        text = _unwrap(text, _ITALIC if "_" in text else _ITALIC[:1])
    text = text.replace("**", "").replace("`", "")
    text = text.replace("\x00", "*").replace("\x01", "_").replace("\\", "")
    # Same as re.sub(r"\s+", " ", text).strip(): str.split() and \s agree on whitespace.
    return " ".join(text.split())


# Words that end (or start) a post's title: 'Research Fellow', 'Lecturer in History'.
_ROLE_HEADS = vocab.ROLE_WORDS - {"research", "visiting", "staff", "principal", "head", "member"}


def is_role(text):
    """Whether text names a post: 'Doctoral Fellow', 'Professor of Law'; not 'Research'."""
    words = without_parentheses(plain(text)).lower().replace(",", " ").split()
    if not words:
        return False
    # The head noun ends the words before a preposition ('Special assistant to the
    # Minister'); a slash joins two posts ('Trainee/Analyst').
    cut = next((i for i, w in enumerate(words) if w in _ROLE_PREPOSITIONS), len(words))
    lasts = {*words[-1].strip(".").split("/"), *words[max(cut - 1, 0)].strip(".").split("/")}
    return bool(lasts & _ROLE_ENDS) or words[0] in _ROLE_HEADS


_ROLE_PREPOSITIONS = {"to", "for", "at", "with"}  # not "of": "Doctor of Philosophy" is a degree
_ROLE_ENDS = _ROLE_HEADS | vocab.ROLE_TAIL_WORDS


def has_markup(text):
    """Whether plain(text) does more than re-space text: without markup, plain(text) is
    ' '.join(text.split()), and so is plain() of any part of it."""
    return _MARKUP.search(text) is not None


def _label(match):
    return match.group(1)


def _unwrap(text, kinds):
    """Each emphasised span replaced by its content: '**a** b' -> 'a b'.

    The same as re.sub() with the kinds' regexes joined by '|' (the leftmost opener wins, the
    first kind at a tie), but linear: the regex scans to the end of the line from every
    opener without a closer, seconds for a line of 10,000 characters like '*a *a *a' (hours
    for 2 MB). Here each opener finds its closer by bisecting the closers' positions.
    """
    openers, closers = [], []
    for rank, (opener, closer, _) in enumerate(kinds):
        openers += [(match.start(), rank) for match in opener.finditer(text)]
        closers.append([match.start() for match in closer.finditer(text)])
    if not openers:
        return text
    newlines = [match.start() for match in _NEWLINE.finditer(text)] if "\n" in text else []
    pieces, done = [], 0
    for start, rank in sorted(openers):
        if start < done:
            continue
        inner = start + kinds[rank][2]
        ends = closers[rank]
        found = bisect_left(ends, inner + 1)  # the span holds at least one character
        if found == len(ends):
            continue
        end = ends[found]
        newline = bisect_left(newlines, inner)
        if newline < len(newlines) and newlines[newline] < end:
            continue
        pieces += [text[done:start], text[inner:end]]
        done = end + kinds[rank][2]
    pieces.append(text[done:])
    return "".join(pieces)


def links_in(text):
    """Markdown links as (label, url) pairs."""
    if "](" not in text:
        return []
    return [(m.group(1).strip(), m.group(2).strip()) for m in _MD_LINK.finditer(text)]


def without_links(text, replacement=" "):
    """Markdown links replaced, as links_in() finds them: 'see [site](https://x)' -> 'see  '.
    A replacement of r'\\1' keeps their labels."""
    return _MD_LINK.sub(replacement, text) if "](" in text else text


def other_scheme_warnings(lines):
    """A warning per URL whose scheme no link may have, so that none is dropped unseen:
    'line 4: javascript:alert(1) is not kept as a link (only http, https and mailto are)'."""
    warnings = []
    for line in lines:
        if ":" in line.raw:
            for match in OTHER_SCHEME_URL.finditer(line.raw):
                url = match.group().rstrip(".,;")
                while url.endswith(")") and url.count(")") > url.count("("):
                    url = url[:-1]  # the markdown link's or the sentence's parenthesis
                url = url if len(url) <= 60 else url[:59] + "…"
                warnings.append(
                    f"line {line.number}: {url} is not kept as a link "
                    "(only http, https and mailto are)"
                )
    return warnings


def _wrapped(text, markers):
    stripped = _TAG.sub(
        lambda m: "**" if m.group(0).lower() in ("<b>", "</b>") else m.group(0), text.strip()
    )
    for marker in markers:
        if (
            len(stripped) > 2 * len(marker)
            and stripped.startswith(marker)
            and stripped.endswith(marker)
            and marker not in stripped[len(marker) : -len(marker)].replace(marker * 2, "")
        ):
            return True
    return False


def lines_from_tree(document):
    """The tree's visual lines as the Lines the interpreters read, numbered in reading order.

    Returns (lines, source): source[n] is the lines of document.text that Line n came from
    (a heading or a table row over several lines has several), in order.
    Spans are written back in one notation (**bold**, *italic*, `code`, [label](url)) that
    plain(), Line.bold and links_in() read, whatever format the document was in.
    """
    lines, source = [], {}

    def add(inline, number, text=None, **markers):
        text = render(inline) if text is None else text
        line = Line(number=len(lines) + 1, raw=_raw(inline), text=text, **markers)
        source[line.number] = tuple(sorted({span.line for span in inline})) or (number,)
        lines.append(line)
        return line

    # What the format says outside the body (a LaTeX \\name, front matter, #+AUTHOR) heads
    # the lines, where a CV's own first lines name and reach the person.
    for meta in document.meta:
        if meta.key in HEADER_META:
            add((Span(meta.value, meta.line),), meta.line, heading=1 if meta.key == "author" else 0)
    if lines:
        add((), lines[-1].number)
    text_lines = document.text.split("\n")
    previous = None
    for block in document.blocks:
        indent = 2 * block.depth
        kind = block.kind
        if previous and _apart(previous, block, text_lines):
            add((), previous.source_lines[-1] + 1)
        previous = block
        if kind is Kind.LAYOUT:
            for inline in block.lines or ((),):
                add(inline, block.line, rule=True)
            continue
        if kind is Kind.ROW:
            first = tuple(cell[0] for cell in block.cells if cell)
            add(_joined(first), block.line, indent=indent)
            for cell in block.cells:
                for inline in cell[1:]:
                    add(inline, block.line, indent=indent + 2)
            continue
        if not block.lines:
            # An empty item is still an item; an empty heading ('# ') is layout.
            marker = {"bullet": "-", "indent": indent} if kind is Kind.ITEM else {"rule": True}
            line = add((), block.line, **marker)
            line.raw = text_lines[block.line - 1].strip()  # not blank: it was written
            continue
        if kind is Kind.HEADING:
            add(_joined(block.lines), block.line, heading=block.level)
            continue
        (head, *rest), (text, *texts) = block.lines, render_lines(block.lines)
        if kind is Kind.ITEM:
            marker = {"ordinal": block.number} if block.number else {"bullet": "-"}
            # '- • **Title**': a converted document's own bullet inside the list's.
            add(head, block.line, _GLYPH_LEAD.sub("", text), indent=indent, **marker)
            indent += 2
        elif kind is Kind.DEFINITION:
            indent += 2
            add(head, block.line, text, indent=indent)
        else:
            add(head, block.line, text, indent=indent)
        for inline, text in zip(rest, texts, strict=True):
            add(inline, block.line, text, indent=indent)
    return lines, source


HEADER_META = ("author", "email", "homepage", "phone")
_GLYPH_LEAD = re.compile(r"^[•◦▪▫●○■□►▸‣⁃∙]\s+")
# Neighbours that belong together: a list's items, a table's rows, a term and its
# descriptions. Other neighbours are apart, as a blank line sets them apart in text.
_TOGETHER = {
    (Kind.ITEM, Kind.ITEM),
    (Kind.ROW, Kind.ROW),
    (Kind.TERM, Kind.DEFINITION),
    (Kind.DEFINITION, Kind.DEFINITION),
    (Kind.ITEM, Kind.PARAGRAPH),
}


def _blank_between(previous, block, text_lines):
    """A blank line in the text between two blocks (a page break is not one)."""
    gap = range(previous.source_lines[-1], block.line - 1)
    return any(not text_lines[n].strip(" \t\n\r") for n in gap if n < len(text_lines))


def _apart(previous, block, text_lines):
    """Whether a blank line stands between two blocks: in the text, or by their kinds."""
    if Kind.LAYOUT in (previous.kind, block.kind):
        return _blank_between(previous, block, text_lines)
    if block.depth > previous.depth and block.kind is not Kind.HEADING:
        return False  # nested under the block above it
    if (previous.kind, block.kind) not in _TOGETHER:
        return True
    if block.kind is Kind.PARAGRAPH and block.depth <= previous.depth:
        return True
    return _blank_between(previous, block, text_lines)


def _joined(inlines):
    """Several visual lines (or cells' first lines) as one, cells apart by ' | '."""
    spans = []
    for inline in inlines:
        if spans:
            spans.append(Span(" | ", inline[0].line if inline else 0))
        spans.extend(inline)
    return tuple(spans)


def _raw(inline):
    return "".join(span.text for span in inline).strip()


def render(inline):
    """Spans in the interpreters' notation: (Span('MIT', 1, bold=True), Span(', PhD', 1)) ->
    '**MIT**, PhD'."""
    return render_lines((inline,))[0]


def render_lines(inlines):
    """A block's visual lines in that notation, emphasis that runs on over a line break
    opened on the first line and closed on the last, as a writer of markdown writes it:
    ((Span('Long', 1, italic=True),), (Span('title', 2, italic=True), Span('.', 2))) ->
    ['*Long', 'title*.']."""
    lines = [_merged(inline) for inline in inlines]
    rendered = []
    for index, spans in enumerate(lines):
        before = lines[index - 1][-1] if index and lines[index - 1] else None
        after = lines[index + 1][0] if index + 1 < len(lines) and lines[index + 1] else None
        pieces = []  # (text, url)
        for position, span in enumerate(spans):
            text = span.text
            core = text.strip()
            if not core:
                pieces.append((text, span.url))
                continue
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
            runs_in = position == 0 and before is not None
            runs_on = position == len(spans) - 1 and after is not None
            if span.code:
                core = f"`{core}`"
            for mark, marker in ((span.italic, "*"), (span.bold, "**")):
                if mark:
                    opens = not (runs_in and _emphasis(before) == _emphasis(span))
                    closes = not (runs_on and _emphasis(after) == _emphasis(span))
                    core = (marker if opens else "") + core + (marker if closes else "")
            pieces.append((lead + core + trail, span.url))
        rendered.append(" ".join(_linked(pieces).split()))
    return rendered


def _linked(pieces):
    """The pieces of a line joined, each run of pieces that link to one URL as one link: an
    anchor holding a bold name and more ('<a><b>Doe, J.</b> Roe, B.</a>') is one link."""
    if not any(url for _, url in pieces):
        return "".join(piece for piece, _ in pieces)
    out = []
    for url, run in groupby(pieces, key=lambda piece: piece[1]):
        text = "".join(piece for piece, _ in run)
        if not url or not text.strip():
            out.append(text)
            continue
        core = text.strip()
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        out.append(lead + (f"[{core}]({url})" if core != url else url) + trail)
    return "".join(out)


def _emphasis(span):
    return (span.bold, span.italic)


def _merged(inline):
    """Neighbouring spans of one look as one, so that emphasis is written once."""
    merged = []
    for span in inline:
        if merged and _look(merged[-1]) == _look(span):
            merged[-1] = Span(merged[-1].text + span.text, merged[-1].line, *_look(span))
        else:
            merged.append(span)
    return merged


def _look(span):
    return (span.bold, span.italic, span.caps, span.code, span.url)


@per_document
def heading_kind(text):
    """The section kind a heading names, or None: 'SELECTED PUBLICATIONS' -> 'publications'."""
    key = _heading_key(text)
    if not key:
        return None
    match = _SECTION.match(key)
    if match:
        return _SECTION_KINDS[match.lastgroup]
    if key in vocab.FREE_SECTION_WORDS:
        return "free"
    if key.replace(" ", "") in _SPACELESS_FREE_WORDS and " " in key:
        return "free"  # 'HONOURS ANDAWARDS': a conversion lost a space
    return None


_SPACELESS_FREE_WORDS = {word.replace(" ", "") for word in vocab.FREE_SECTION_WORDS if " " in word}


# vocab.SECTION_RULES as one pattern, tried for most lines of a document: an alternation
# matches with its first alternative that matches the whole key, as the rules' order wants.
_SECTION_KINDS = {f"rule{n}": kind for n, (kind, _) in enumerate(vocab.SECTION_RULES)}
_SECTION = re.compile(
    "^(?:"
    + "|".join(f"(?P<rule{n}>{pattern})" for n, (_, pattern) in enumerate(vocab.SECTION_RULES))
    + ")$"
)
_PARENTHESES = re.compile(r"\([^)]*\)")
_NOT_KEY = re.compile(r"[^\w\s'-]")


def _heading_key(text):
    key = plain(text).split(" | ")[0].lower().replace("&", " and ")
    key = _COUNT_PREFIX.sub("", key)
    key = without_parentheses(key, " ")
    key = _NOT_KEY.sub(" ", key).replace("-", " ")
    key = " ".join(key.split())
    return key if len(key) <= 60 else None


def without_parentheses(text, replacement=""):
    """Each '(' to the next ')' replaced: 'PhD (expected) student' -> 'PhD  student'.

    As _PARENTHESES.sub(), without searching the rest of the text for a ')' again from every
    '(' after the last ')' (quadratic on a long line of '(((').
    """
    end = text.rfind(")") + 1
    return _PARENTHESES.sub(replacement, text[:end]) + text[end:]


def _caps_line(line):
    text = line.plain
    # Cheapest tests first: most lines have more than six words.
    if len(text.split()) > 6 or any(c.isdigit() for c in text):
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(not c.islower() for c in letters)


# The level given to a side heading: below a document title, like a markdown '##'.
SIDE_HEADING = 2


def side_headings(lines):
    """Headings set in a margin beside the text, as LaTeX CV classes and two-column layouts
    print them and text extraction leaves them: 'Education | Ph.D., ...' (a row),
    'Education Doctor of Philosophy ...' (one line), or 'Professional' over 'Experience' (a
    heading broken in its narrow column). Each becomes a heading line, and the text beside
    it a line of its own with the same number."""
    out = []
    skip = False
    for index, line in enumerate(lines):
        if skip:
            skip = False
            out.append(replace(line, rule=True))
            continue
        if line.blank or line.rule or line.heading:
            out.append(line)
            continue
        below = lines[index + 1] if index + 1 < len(lines) else None
        joined = _broken_heading(line, below)
        if joined:
            out.append(replace(line, text=joined, heading=SIDE_HEADING, bullet=None, ordinal=None))
            skip = True
            continue
        split = _heading_beside(line)
        if split:
            heading, rest = split
            out.append(replace(line, text=heading, heading=SIDE_HEADING, bullet=None, ordinal=None))
            out.append(replace(line, text=rest))
            continue
        out.append(line)
    return out


def _broken_heading(line, below):
    """'Professional Experience' when a line of one or two words and the next line make it."""
    if below is None or below.blank or below.heading or below.listed:
        return None
    top, bottom = line.plain, below.plain
    if not (top[:1].isupper() and bottom[:1].isupper()) or top.endswith((".", ",", ":")):
        return None
    if not (len(top.split()) <= 2 and len(bottom.split()) <= 2):
        return None
    joined = f"{top} {bottom}"
    kind = heading_kind(joined)
    if not kind or heading_kind(top) not in (None, "free", kind):
        return None  # 'Education' over 'Harvard': a heading and its first line
    return joined


def _heading_beside(line):
    """('Education', 'Doctor of Philosophy ...') for a line that starts with a heading."""
    text = line.plain
    cell, bar, rest = text.partition(" | ")
    if bar:
        if rest.strip() and _heading_words(cell.split()) and heading_kind(cell):
            return cell.strip(), rest.strip()
        return None
    words = text.split()
    if all(word[:1].isupper() for word in words):
        return None  # 'Home Research Publications Teaching CV': a menu, not a heading and text
    for size in (2, 1):
        if len(words) < size + 2 or not _heading_words(words[:size]):
            continue
        if not any(word.lower() in _RULE_WORDS for word in words[:size]):
            continue  # no word a section rule is made of: no heading (and no regex to run)
        head, rest = " ".join(words[:size]), " ".join(words[size:])
        if rest.isupper() and head.isupper() or head.lower() in vocab.SENTENCE_OPENING_HEADINGS:
            continue  # 'PAPER LINK, CODE LINK': a line of labels in capitals
        # Only the sections with records: a line that starts with 'Skills' or 'Service' is
        # as likely a sentence, and 'Thesis' or 'Patent' as likely a label.
        if heading_kind(head) in _BESIDE_KINDS and (rest[0].isupper() or rest[0].isdigit()):
            return head, rest
    return None


_BESIDE_KINDS = {
    "education",
    "experience",
    "publications",
    "publications:preprint",
    "publications:journal",
    "publications:conference",
}


# Every word the section rules are written with: a heading has at least one of them.
_RULE_WORDS = {
    word for _, pattern in vocab.SECTION_RULES for word in re.findall(r"[^\W\d_]{3,}", pattern)
}


def _heading_words(words):
    """Words a margin heading is made of: 'Professional Experience', 'Honors & Awards'."""
    return (
        0 < len(words) <= 4
        and words[0][:1].isupper()
        and all(word.isalpha() or word in ("&", "and") for word in words)
    )


def page_furniture(lines):
    """Running headers and footers a conversion left among the text: a short line that comes
    again far down with only its page number changed ('J. Doe - 1' ... 'J. Doe - 2'),
    made layout."""
    seen = {}
    for line in lines:
        if line.blank or line.rule or line.heading or len(line.plain) > 60:
            continue
        found = _PAGE_NUMBER.search(line.plain)
        if not found or sum(c.isalpha() for c in line.plain) < 3:
            continue
        key = line.plain[: found.start()] + "#" + line.plain[found.end() :]
        seen.setdefault(key, []).append((line.number, found.group()))
    furniture = set()
    for repeats in seen.values():
        gaps = [b[0] - a[0] for a, b in zip(repeats, repeats[1:], strict=False)]
        # A page apart each time (the last page may be short).
        far = bool(gaps) and min(gaps[:-1] or gaps) >= 15 and gaps[-1] >= 5
        if far and len({number for _, number in repeats}) == len(repeats):
            furniture |= {line for line, _ in repeats}
    if not furniture:
        return lines
    return [replace(line, rule=True) if line.number in furniture else line for line in lines]


# A page's number: one or two digits standing alone ('- 3', 'Page 3', '3/12').
_PAGE_NUMBER = re.compile(r"(?<![\w.,])\d{1,2}(?![\w.,])")


def split_sections(lines):
    """The header block (before any section) followed by one block per section."""
    lines = side_headings(page_furniture(lines))
    header = Block(kind="header", title=None, heading=None, rank=0)
    blocks = [header]
    current = header
    has_markdown_headings = any(line.heading for line in lines)
    seen_text = False
    for index, line in enumerate(lines):
        if line.blank or line.rule:
            current.lines.append(line)
            continue
        opened = _section_heading(line, lines, index, current, has_markdown_headings, seen_text)
        seen_text = True
        if opened:
            kind, rank = opened
            pub_kind = None
            if kind.startswith("publications:"):
                kind, pub_kind = kind.split(":")
            current = Block(
                kind=kind, title=_title(line), heading=line, rank=rank, pub_kind=pub_kind
            )
            blocks.append(current)
        else:
            current.lines.append(line)
    return blocks


def _title(line):
    text = plain(line.text).rstrip(":").strip()
    text = _COUNT_PREFIX.sub("", text)
    return text.title() if text.isupper() else text


def _section_heading(line, lines, index, current, has_markdown_headings, seen_text):
    """(kind, rank) when this line opens a section, else None."""
    if line.heading:
        kind = _line_kind(line)
        if kind:
            return kind, line.heading
        if current.kind == "header":
            # The document's title (usually the name) stays in the header.
            return None if not seen_text or line.heading == 1 else ("free", line.heading)
        if current.kind in ("publications", "experience", "education") and not current.content:
            # 'Peer-reviewed scholarship' over 'Research investigations': a topic of the
            # section above, which has no lines of its own yet.
            return None
        if current.kind == "experience" and is_role(line.text):
            # A heading per post under 'Experience' (as converted documents give every
            # heading one size): an entry's title, not a section of its own.
            return None
        if line.heading <= current.rank:
            return "free", line.heading
        return None
    if line.listed or line.indent >= 4:
        return None
    kind = _line_kind(line)
    standalone = _blank_or_edge(lines, index - 1) or line.bold or line.text.endswith(":")
    if kind and (line.bold or _caps_line(line) or line.text.rstrip().endswith(":") or standalone):
        if kind == "free" and not (line.bold or _caps_line(line) or standalone):
            return None
        if (
            kind == "free"
            and current.kind in ("education", "experience")
            and line.text.rstrip().endswith(":")
            and not (line.bold or _caps_line(line))
        ):
            return None  # 'Research Projects:' inside a post's entry is a label
        return kind, 7
    if (
        not has_markdown_headings
        and seen_text
        and _caps_line(line)
        and _blank_or_edge(lines, index - 1)
        and current.kind != "publications"
    ):
        return "free", 7
    return None


def _line_kind(line):
    """The section kind the line's text names, if it is short enough to be a heading."""
    if len(line.plain) > 60:
        return None
    text = line.text.rstrip(":").strip() if line.text.rstrip().endswith(":") else line.text
    return heading_kind(text)


def _blank_or_edge(lines, index):
    return index < 0 or index >= len(lines) or lines[index].blank or lines[index].rule


def split_entries(block, is_header_candidate, has_date):
    """Entries of an education or experience block.

    An entry starts at a header candidate (a sub-heading, a bold line, a top-level bullet
    whose text starts bold) that has a date itself or on a date line before the next
    candidate. Candidates without a date stay inside the entry above them (projects,
    groups of bullets). Lines before the first entry are returned separately.
    """
    content = block.content
    candidates = [i for i, line in enumerate(content) if is_header_candidate(line)]
    confirmed = []
    for position, index in enumerate(candidates):
        end = candidates[position + 1] if position + 1 < len(candidates) else len(content)
        window = content[index:end]
        if has_date(window):
            confirmed.append(index)
    if not confirmed:
        confirmed = candidates
    if not confirmed:
        return content, []
    entries = []
    for position, index in enumerate(confirmed):
        end = confirmed[position + 1] if position + 1 < len(confirmed) else len(content)
        entries.append(content[index:end])
    return content[: confirmed[0]], entries
