"""Publications: entries of a publications section turned into Publication records.

Entries come in several shapes, each with its recogniser, tried in order:
  scraped     - a meta line (arXiv category + date + 'Code'), title, authors, abstract
  author_year - Okafor, A., & Chen, M. (2021). Title. *Journal*, 12(3), 45-67.
                Okafor A. and M. Chen. 2021. Title. Journal.  /  Okafor A. *in press*. Title.
  quoted      - Authors. “Title.” Venue Year.
  marked      - a bold/italic/heading title, then author lines, then venue/status/link lines
  plain       - Authors. Title. Venue, Year.  /  Title. Authors. Venue.
  authorless  - Title. Journal 12(3): 4-5, 2020.

Before them, an entry's own margin is read: a year column ('2024 Title. ...'), a year line
or term above the citation, and a run-in status label ('**Under review** Authors. ...'),
which also holds for the unlabelled entries after it.
"""

import re
from dataclasses import dataclass, field, replace
from functools import partial

from profiles.importer import vocab
from profiles.importer.interpret import dates
from profiles.importer.interpret.authors import is_name, looks_like_authors, split_authors
from profiles.importer.memo import per_document
from profiles.importer.records import Link, Publication
from profiles.importer.segment import has_markup, heading_kind, links_in, plain, without_links
from profiles.text import continues_numbering

# “Title”, "Title", „Titel“ (German), «Titre» (French).
_QUOTED = re.compile(r"[“„«\"]([^”“»\"]{8,}?)[”“»\"]")
_STATUS_ALTERNATIVES = "|".join(f"(?:{pattern})" for _, pattern in vocab.STATUS_RULES)


# Where an author-year citation gives its year or, in its place, a status:
# '(2019)', '(2019a, March)', '(in press)', '(accepted 2024)', or bare after the byline's
# final '.': 'Chen M. 2021. Title', 'Chen M. *in review* . Title'.
_ANCHOR = re.compile(
    r"\(\s*(?:(?P<paren_year>(?:19|20)\d{2})[a-z]?|(?P<paren_status>"
    + _STATUS_ALTERNATIVES
    + r")(?:[\s,]+(?P<status_year>(?:19|20)\d{2}))?|n\.\s?d\.)(?:,[^()]{0,40})?\s*\)"
    r"|(?<![\w./:-])(?P<year>(?:19|20)\d{2})[a-z]?(?![\w/-])"
    rf"|\b(?=[{vocab.STATUS_FIRST_LETTERS}])(?P<status>" + _STATUS_ALTERNATIVES + r")\b",
    re.IGNORECASE,
)
# What may stand between a bare anchor and the title: '.', '*.*', ' ., ', ':'.
_ANCHOR_TAIL = re.compile(r"^[\s*_]*[.,:;][\s*_.,:;]*")
# A year column or a year line before the citation: '2024 Title. ...', '2019', '2019:'.
_YEAR_COLUMN = re.compile(
    r"^\*{0,2}((?:19|20)\d{2})\*{0,2}(?:\s*[-–—]\s*(?:(?:19|20)\d{2})?)?[:.]?\s+"
)
_YEAR_LINE = re.compile(r"^\*{0,2}(?:(19|20)\d{2}|TBD|n\.d\.)\*{0,2}\s*[-–:.]?$", re.IGNORECASE)
# A run-in status label: '**Under Review** Authors. Title.', '*In preparation:* ...'.
_STATUS_LABEL = re.compile(
    r"^(?:\*\*\*?|__)\s*(?P<label>[^*_]{3,40}?)\s*:?\s*(?:\*\*\*?|__)\s*:?\s*"
)
# Reviews of other people's work are not publications: 'Review of A. Author, Title (2020)'.
_REVIEW_OF = re.compile(r"^[\s–—-]*(?:book\s+)?reviews?\s+(?:of|on)\b", re.IGNORECASE)
# The start of a venue after a title: 'In: ', 'In ', 'in: '.
_YEAR = re.compile(r"(?:19|20)\d{2}")
# A number in front of a citation that no list marker took: '19. Title', '[3] Authors'.
# A citation's own number at the start of a line that is no list item: '18. Title' or
# '[18] Title'; four digits or more only where they continue the numbering (_text_number):
# alone, '2019. Title' is an author-year margin.
_NUMBERED_ENTRY = re.compile(r"^(?:\*\*)?(?:\[(\d{1,6})\]|(\d{1,6})\.)(?:\*\*)?\s+(?=[*_\"“A-Z])")
# Chicago's mark for the authors of the entry above: '———.', '---.', '——,'.
_DITTO = re.compile(r"^\s*(?:[—―]{2,}|-{3,}|_{3,})\s*[.,]\s*")
# A list's key to its marks: '* Senior author', '† equal contribution', '# corresponding'.
_LEGEND = re.compile(r"^[*†‡#§]+\s*\S.{0,60}$")
_BOLD_NUMBER = re.compile(r"^\*\*\s*(\d{1,3}[.)])\s*(\*\*\s*)?(?=\S)")
_ENTRY_NUMBER = re.compile(r"^(?:\[\d{1,6}\]|\d{1,6}[.)])\s+(?=\S)")
# The first part of a text, up to a comma or a stop: the name a byline would go on with.
_NAME_PART = re.compile(r"^\s*([^,.;:?!]+)")
_STOP = re.compile(r"[,.;:?!]")
# 'Title. In: Editors (eds), Book' or 'Title,” In Proceedings ...': the venue begins.
# ('In Review.', 'In press' and 'In preparation' are statuses, not venues.)
_IN_VENUE = re.compile(
    r"(?<=[.,”\"])\s+(?:In|in|Dans|dans)\s*:?\s+"
    r"(?![Rr]eview\b|[Pp]ress\b|[Pp]reparation\b|[Pp]rogress\b|[Pp]rint\b)(?=[A-Z*\"“])"
)
# A year glued between stops, as Word citations write it: 'Surgery.24(2): 124-132.2019.'
_GLUED_YEAR = re.compile(r"(?<=[.:;])((?:19|20)\d{2})(?=\.(?:\s|$))")
_CITED = re.compile(r"\[\s*(?:cited|accessed|consulted|retrieved)\b[^\]]{0,40}\]", re.IGNORECASE)
_ARXIV_ID_TEXT = re.compile(r"arxiv[:\s]*(?:abs/)?\d{4}\.\d{4,5}(?:v\d+)?", re.IGNORECASE)
_IN_BOOK = re.compile(r"^\s*(?:in|dans)\s*:?\s+([^,.:;]{3,200}),\s*(?:pp?\.\s*)?\d+\s*[-–]", re.I)
_EDITED_BOOK = re.compile(
    r"^\s*(?:(?:in|dans)\s*:?\s+)?[^*]{0,200}?\b(?:eds?\.?|hrsg\.?|dir\.|edited by)"
    r"[^*]{0,80}?\*([^*]{3,300})\*",
    re.IGNORECASE,
)
# What a byline after a title shows to be one: a list separator or an initial
# ('Chen M, Okafor A', 'Okafor AB'), unlike a journal's abbreviated name ('Hydrol Lett').
_LIST_SEPARATOR = re.compile(r"[,;&]|\band\b")
_BYLINE_MARK = re.compile(r"[,;&]|\band\b|\b[A-Z]{1,3}\b|\b[A-Z]\.")
_DOI = re.compile(r"\bdoi\b|\b10\.\d{4,9}/", re.IGNORECASE)
_IN_SUFFIX = re.compile(r"\s+(?:in|dans|en)\s*:?\s*$", re.IGNORECASE)
_META = re.compile(
    r"^(?P<category>[A-Z]{2})?(?P<day>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
    r"[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?)\s*(?P<code>Code)?\s*$"
)
_LABEL = re.compile(r"^[\w][\w /&().-]{0,30}?\s*[:：]\s*\S")
_PAGES = re.compile(
    r"\b(?:pp?\.|pages?)\s*\d+\s*[-–—]+\s*\d+|\b\d+\s*\(\d+\)\s*:?\s*(?:\d+\s*[-–—]+\s*\d+)?"
    r"|\bvol(?:ume)?\.?\s*\d+|\bno\.?\s*\d+|\b\d+\s*[-–—]\s*\d+\b|\b\d+\s+pages\b",
    re.IGNORECASE,
)
_YEAR_TOKEN = re.compile(r"[(\[]?\b(?:19|20)\d{2}[a-z]?\b[)\]]?")
_ACRONYM_PAREN = re.compile(
    r"\(\s*([A-Z][A-Za-z0-9&+'’-]*[A-Z0-9][A-Za-z0-9&+'’-]*(?:\s[A-Z][A-Z0-9&+-]+)?)\s*\)"
)
# Volume, issue and article numbers: 'Remote Sensing of Environment 262, 112489', '12(3), 45-67'.
# '12(3)', '12, 345', 'vol. 12', Chicago's '41:33–46', a book's pages ', 173–95' or 'pp. 4'.
_JOURNAL_NUMBERS = re.compile(
    r"\b\d+\s*\(\d+\)|\b\d+\s*,\s*(?:e\d+|\d{3,}|\d+\s*[-–]\s*\d+)\b|\bvol(?:ume)?\.?\s*\d+"
    r"|\b\d+\s*:\s*\d+|,\s*\d+\s*[-–]\s*\d+\b|\bpp?\.\s*\d+",
    re.I,
)
_LEADING_ACRONYM = re.compile(r"^([A-Z][A-Za-z0-9&+-]*[A-Z][A-Za-z0-9&+-]*)(?=\s|$|\()")
_PUBLISHERS = re.compile(
    r"[\s,]+(?:" + "|".join(re.escape(name) for name in vocab.PUBLISHERS) + r")\.?$"
)
_PROCEEDINGS = re.compile(r"^(?:in\s+)?(?:proceedings of (?:the\s+)?|proc\.\s+(?:of\s+)?)", re.I)
# 'In ICML', 'In: Nature': the word that says a venue follows, not part of its name.
_IN_CUE = re.compile(r"^in\s*:?\s+(?=\S)", re.I)
_LINK_LABEL = re.compile(r"\blink\b|^(?:" + "|".join(vocab.LINK_LABELS) + r")\b", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s)<>\]]+")
_SENTENCE_SPLIT = re.compile(r"(?<=[.?!])\s+(?=\S)")
# A text ending in an initial ('A.') or one of these abbreviations ends no sentence.
_ABBREVIATIONS = ["et al", "Proc", "Vol", "No", "pp", "Int", "Conf", "J", "vs", "In"]
# Spelled from the final '.' backwards (look-behinds), so that a search jumps from '.' to
# '.': _sentences() asks it after every initial of a long byline.
_ABBREVIATION = re.compile(
    r"\.$(?:(?<=^[^\W\d_]\.)|(?<=[\s(.-][^\W\d_]\.)"
    + "".join(rf"|(?<=\b{word}\.)" for word in _ABBREVIATIONS)
    + ")"
)
# Two characters of a script written without spaces: a title in it is more than one word.
_SPACELESS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]{2}")
_META_SEPARATOR = re.compile(r"\s+[·•|]\s+")
# parse_venue() runs for every venue line and fragment: its patterns are compiled once.
_STATUS_WORDS = re.compile(
    rf"\b(?=[{vocab.STATUS_FIRST_LETTERS}])(?:" + _STATUS_ALTERNATIVES + r")"
    r"(?:\s+(?:to|at|in|by|for publication in))?\b\s*:?\s*",
    re.IGNORECASE,
)
_REVISION_ROUND = re.compile(r"\(\s*R\d\s*\)|^R&R\b", re.IGNORECASE)
_ARXIV_WORD = re.compile(r"\barxiv\b", re.IGNORECASE)
_EMPTY_PARENTHESES = re.compile(r"\(\s*\)")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
# Volume, issue and pages after a venue's name, also in German ('Bd. 19, Nr. 1, S. 3').
_NUMBERS_AFTER_NAME = re.compile(
    r",\s*(?:\d|e\d+\b|vol\b|pp\b|no\b|art\b|bd\b|nr\b|jg\b)|(?<=[a-z])\.(?=\d)", re.I
)
# A journal cited by abbreviation, volume and page: 'ApJ, 860, 119', 'A&A 584L, 7',
# 'MNRAS, 418, 2121', 'ApJL, 864, L17'.
_VENUE_CITE = re.compile(r"^[A-Z][A-Za-z&.]{0,12},?\s+\d{1,4}[A-Z]?,?\s+[A-Z]?\d{1,6}\b,?\s*")
_CITE_AFTER_BYLINE = re.compile(
    r"[\s,;]\s*[A-Z][A-Za-z&.]{0,12},?\s+\d{1,4}[A-Z]?,?\s+[A-Z]?\d{1,6}\s*$"
)
_TRAILING_NUMBER = re.compile(r"(?<=[A-Za-z])\s+\d{1,4}$")
_TRAILING_DESCRIPTION = re.compile(r"\s*\(([^)]*[a-z][^)]*)\)\s*$")
_AWARD_SPLIT = re.compile(r",\s*(?=[^,]*\b(?:award|prize)\b)", re.IGNORECASE)
# A parenthesised aside after a venue: 'NeurIPS 2022 (Oral)'.
_ASIDE = re.compile(r"\(([^()]*)\)")
_LINKS = re.compile(r"!?\[[^\]]*\]\([^)]*\)")
_LINK_SEPARATORS = re.compile(r"[\s,;|*_·•-]+")
# '*Title*' alone. Starts with its '*' (the look-behind is after it), so that a search skips
# from '*' to '*' along the entry.
_EMPHASIZED_TITLE = re.compile(r"\*(?<![*\w\\]\*)(?!\*)([^*]{8,}?)(?<![\s\\])\*(?!\*)")
_TRAILING_FUNCTION_WORD = re.compile(
    r"\b(?:for|the|of|and|in|on|with|to|a|an|from|via|by|under|towards?|using|at)$", re.I
)


@dataclass
class Draft:
    """A publication being assembled from an entry's lines."""

    line: int
    lines: list[int]
    topic: str | None = None
    title: str = ""
    authors: tuple = ()
    truncated: bool = False
    venue: str | None = None
    venue_full: str | None = None
    year: int | None = None
    date: str | None = None
    status: str | None = None
    awards: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    abstract: str | None = None
    category: str | None = None
    arxiv_id: str | None = None
    has_code: bool = False
    details: list[str] = field(default_factory=list)
    evidence: bool = False  # marked title, venue, year ...: more than a stray sentence
    kind_hint: str | None = None  # a kind the entry itself states ('Journal article · ...')
    journal_numbers: bool = False  # volume/issue/article numbers after the venue
    labelled: bool = False  # a run-in status label ('**Under review** ...') gave the status
    topic_kind: str | None = None  # the kind a topic heading names ('Book Chapters')

    def finish(self, section_kind=None):
        cue = _kind_from_venue(self.venue, self.venue_full, self.arxiv_id, self.category)
        if cue is None and self.journal_numbers:
            cue = "journal"
        if self.kind_hint:
            kind = self.kind_hint
        elif cue in ("thesis", "patent", "book"):
            kind = cue
        else:
            kind = section_kind or cue or "other"
        return Publication(
            title=self.title,
            authors=self.authors,
            authors_truncated=self.truncated,
            venue=self.venue,
            venue_full=self.venue_full,
            year=self.year,
            date=self.date,
            kind=kind,
            status=self.status or "published",
            awards=tuple(self.awards),
            links=tuple(self.links),
            abstract=self.abstract,
            line=self.line,
            lines=tuple(sorted(set(self.lines))),
            category=self.category,
            arxiv_id=self.arxiv_id,
            has_code=self.has_code or any(link.label == "Code" for link in self.links),
            topic=self.topic,
            details=tuple(self.details),
        )


@per_document
def parse_venue(text):
    """'Annual Meeting of the ACL (ACL), p. 320-335, 2022.' -> ('ACL', 'Annual Meeting ...', 2022).

    Returns (venue, venue_full, year, status); parts may be None.
    """
    text = plain(text).strip(" .,;")
    status = status_of(text)
    if status:
        text = _STATUS_WORDS.sub(" ", text).strip(" ,.;")
        text = _REVISION_ROUND.sub(" ", text).strip(" ,.;")  # 'R&R (R2), Journal
    year = dates.citation_year(text)
    if dates.arxiv_id(text) or _ARXIV_WORD.search(text):
        return "arXiv", None, year, status
    text = _PAGES.sub(" ", text)
    text = _YEAR_TOKEN.sub(" ", text)
    proceedings = bool(_PROCEEDINGS.match(text.strip()))
    unprefixed = _PROCEEDINGS.sub("", text.strip())
    if (
        proceedings
        and len(unprefixed.split()) < 2
        and unprefixed.lower().strip(" .,;:") not in vocab.CONFERENCES
    ):
        # 'Proceedings of the IEEE' is a journal's whole name, not proceedings of one.
        proceedings, unprefixed = False, text.strip()
    text = _IN_CUE.sub("", unprefixed)
    text = " ".join(text.split()).strip(" .,;:")
    text = _EMPTY_PARENTHESES.sub("", text).strip(" .,;:")
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    if not text or not _LATIN_LETTER.search(text):
        return None, None, year, status
    # Volume, issue, article number and pages follow the name: 'Journal X, 12(3), 45-67'.
    text = _NUMBERS_AFTER_NAME.split(text)[0].strip(" .,;:")
    text = _TRAILING_NUMBER.sub("", text)
    acronym = _ACRONYM_PAREN.search(text)
    if acronym:
        full = (text[: acronym.start()] + text[acronym.end() :]).strip(" ,.;:")
        return canonical_venue(acronym.group(1)), full or None, year, status
    leading = _LEADING_ACRONYM.match(text)
    if leading and (
        leading.group(1).lower() in vocab.CONFERENCES
        or leading.group(1).lower() in vocab.JOURNALS
        or sum(c.isupper() for c in leading.group(1)) >= 2
    ):
        full = text[leading.end() :].strip(" ,.;:()") or None
        return canonical_venue(leading.group(1)), full, year, status
    full = None
    described = _TRAILING_DESCRIPTION.search(text)
    if described and described.start() > 0:
        full, text = described.group(1).strip(), text[: described.start()].strip()
    text = _PUBLISHERS.sub("", text)
    if proceedings and not full:
        full = f"Proceedings of {text}"
    return canonical_venue(text), full, year, status


def canonical_venue(name):
    """'Neurips' -> 'NeurIPS', 'icml' -> 'ICML'; unknown names stay as written."""
    key = name.lower()
    if key in vocab.VENUE_SPELLINGS:
        return vocab.VENUE_SPELLINGS[key]
    if key in vocab.CONFERENCES or key in vocab.JOURNALS:
        return name if any(c.isupper() for c in name[1:]) else name.upper()
    return name


# What status_of() returns: each status also names itself ('submitted' -> 'submitted').
_STATUSES = {status for status, _ in vocab.STATUS_PATTERNS}


@per_document
def status_of(text):
    for status, pattern in vocab.STATUS_PATTERNS:
        if pattern.search(text):
            return status
    return None


def _kind_from_venue(venue, venue_full, arxiv, category):
    words = " ".join(filter(None, [venue, venue_full]))
    if venue and not vocab.PREPRINT_WORDS.search(words):
        named = _kind_of_named_venue(venue, words)
        if named:
            return named  # 'ApJ 882, 178 (arXiv:1907.11724)' is the journal paper
    if arxiv or category or (venue and vocab.PREPRINT_WORDS.search(words)):
        return "preprint"
    if not words:
        return None
    if vocab.PATENT_WORDS.search(words):
        return "patent"
    if vocab.THESIS_WORDS.search(words):
        return "thesis"
    key = (venue or "").lower()
    if key in vocab.JOURNALS or vocab.JOURNAL_WORDS.search(words):
        return "journal"
    if key in vocab.CONFERENCES or vocab.CONFERENCE_WORDS.search(words):
        return "conference"
    if vocab.BOOK_WORDS.search(words):
        return "book"
    return None


def _kind_of_named_venue(venue, words):
    key = venue.lower()
    if key in vocab.JOURNALS or vocab.JOURNAL_WORDS.search(words):
        return "journal"
    if key in vocab.CONFERENCES or vocab.CONFERENCE_WORDS.search(words):
        return "conference"
    return None


def split_publication_entries(content, *, as_of):
    """(entries, topics, leftovers): entries are lists of lines; topics maps a line to a topic."""
    starts, topic_of, topic = [], {}, None
    topic_lines = set()
    after_list = False  # the last entry started as a list item
    numbered = None  # the number of the last entry numbered in its text ('[999]', '999.')
    base = min((line.indent for line in content if line.listed), default=0)
    for index, line in enumerate(content):
        if line.ordinal and line.ordinal.isdigit():
            numbered = int(line.ordinal)  # a list's '999.' before a paragraph's '1000.'
        if line.heading:
            following = content[index + 1] if index + 1 < len(content) else None
            is_topic = (
                not line.ordinal
                and following is not None
                and (
                    following.listed
                    or following.heading > line.heading
                    or bool(_META.match(following.plain))
                    or bool(_YEAR_LINE.match(following.plain))
                    or bool(_NUMBERED_ENTRY.match(following.text))
                    or bool(_LEGEND.match(following.plain))
                    or (heading_kind(line.text) or "").startswith("publications")
                )
            )
            after_list = False
            if is_topic:
                topic = plain(line.text)
                topic_lines.add(line.number)
                continue
            starts.append(index)
        elif (number := _text_number(line, numbered)) is not None:
            # '18. *Title*, with A. Roy.' where a conversion lost the list.
            starts.append(index)
            numbered = number
        elif _opens_entry(line, index + 1 < len(content), base, as_of) or (
            after_list and _opens_paragraph(content, index, base)
        ):
            starts.append(index)
            after_list = line.listed or after_list
        topic_of[line.number] = topic
    if not starts or starts[0] > 0:
        # Paragraphs before the first entry of a marked shape are entries of their own.
        starts = _paragraph_starts(content[: starts[0] if starts else len(content)]) + starts
    entries = []
    for position, index in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(content)
        entries.append([line for line in content[index:end] if line.number not in topic_lines])
    leftovers = [
        line
        for line in content[: starts[0] if starts else len(content)]
        if line.number not in topic_lines
    ]
    return entries, topic_of, leftovers, topic_lines


def _opens_paragraph(content, index, base):
    """A paragraph after a list's items, set apart by a blank line: an entry of its own
    ('**In preparation** Authors. Title.' after the published papers' list)."""
    line, previous = content[index], content[index - 1] if index else None
    return (
        previous is not None
        and not line.listed
        and not previous.heading
        and line.indent <= base
        and line.number > previous.number + 1
        and len(line.plain.split()) >= 3
        and not _status_note(line)
        # a line of names only is the byline of the title above it
        and not looks_like_authors(line.plain, strict=True)
    )


def _status_note(line):
    """'*R&R (R2), Journal of X*' under a paper: an italic line that gives its status (and
    venue) belongs to the paper above, blank line or not."""
    return line.italic and status_of(line.plain) is not None


def _text_number(line, previous):
    """The number a line not in a list opens with, as an entry's ('[18] ...', '18. *Title*'),
    or None; four digits or more only next to the number before (a year is no number)."""
    found = None if line.listed else _NUMBERED_ENTRY.match(line.text)
    if not found:
        return None
    digits = found.group(1) or found.group(2)
    return int(digits) if continues_numbering(digits, previous) else None


def _opens_entry(line, has_following, base, as_of):
    if _META.match(line.plain) and _meta_category_ok(line.plain):
        return True
    if has_following and line.indent <= base and _YEAR_LINE.match(line.plain):
        return True  # a year line or term over its citation
    if has_following and scholar_meta(line.text, as_of=as_of):
        return True
    if line.indent <= base and _margin_cell(line.plain):
        return True  # a table row with the year or status in its first column
    if line.listed and line.indent > base + 1 and _whole_citation(line):
        return True  # a conversion nested the list's later items under its first
    return line.listed and line.indent <= base + 1 and _starts_entry(line)


def _whole_citation(line):
    """A line that holds a whole paper: a title, an italic venue and its numbers, a year."""
    text = line.plain
    return (
        len(text.split()) >= 6
        and "*" in line.text
        and dates.citation_year(text) is not None
        and bool(_JOURNAL_NUMBERS.search(text) or _PAGES.search(text))
        and _starts_entry(line)
    )


def _margin_cell(text):
    """'2023' of '2023 | Title...', 'Under review' of 'Under review | ...', else None."""
    cell, column_break, rest = text.partition(" | ")
    if not column_break or len(rest.split()) < 3:
        return None
    bare = plain(cell).strip(" :")
    if (status_of(bare) and len(bare.split()) <= 4) or _YEAR_COLUMN.match(bare + " "):
        return bare
    return None


def _meta_category_ok(text):
    match = _META.match(text)
    return match and (
        not match.group("category") or match.group("category") in vocab.ARXIV_CATEGORIES
    )


def _starts_entry(line):
    text = line.plain
    if not text or _only_links(line.text) or len(text.split()) < 3:
        return False
    lead, _ = _lead_emphasis(line.text)
    if lead:
        return not lead.rstrip().endswith(":") and not _is_label(plain(lead))
    return not _is_label(text) and text not in _STATUSES  # a status alone is no entry


def _is_label(text):
    """'Track: Research' or 'ISBN: 978...' are labels; 'CARE: Covariance-Aware ...' is a title."""
    key, colon, value = text.partition(":")
    if not colon:
        return False
    key = key.strip().lower()
    return key in vocab.DETAIL_LABELS or (len(value.split()) <= 3 and len(key.split()) <= 2)


def _paragraph_starts(content):
    starts = []
    previous = None
    base = min((line.indent for line in content), default=0)
    for index, line in enumerate(content):
        new_paragraph = previous is None or line.number > previous.number + 1
        if _status_note(line) and previous is not None:
            pass
        elif new_paragraph or (line.indent <= base and _ends_entry(previous, line)):
            starts.append(index)
        previous = line
    return starts


# A byline's first name as 'Surname, I.' or 'Surname, Given': 'Li, Z., W. Zang and ...'.
_BYLINE_START = re.compile(r"^[A-Z][\w'’-]+,\s+(?:[A-Z]\.|[A-Z][a-z]+\b)")


def _ends_entry(previous, line):
    """Whether a citation ends at the previous line of a list with no marks between its
    entries: it ends with a stop, or with its numbers and the next line opens a byline."""
    end = previous.plain.rstrip()[-1:]
    if end == ".":
        return True
    return bool(end) and end in "0123456789)" and bool(_BYLINE_START.match(line.plain))


def _only_links(text):
    links = links_in(text)
    if not links:
        return False
    rest = _LINKS.sub("", text)
    return not _LINK_SEPARATORS.sub("", rest)


def parse_publications(block, *, as_of, owner_key):
    """Publications of a block, and the lines nothing claimed."""
    entries, topic_of, leftovers, topic_lines = split_publication_entries(
        block.content, as_of=as_of
    )
    records, unclaimed = [], list(leftovers)
    carried = None  # a run-in status label's status, for the unlabelled entries after it
    for entry in entries:
        ditto = _DITTO.match(entry[0].text) if entry else None
        if ditto:
            entry = [replace(entry[0], text=entry[0].text[ditto.end() :]), *entry[1:]]
        draft = parse_entry(entry, as_of=as_of, owner_key=owner_key)
        if draft is None:
            unclaimed.extend(entry)
            continue
        if ditto and records and not draft.authors:
            # '———. “Title.”': the same authors as the entry above, as Chicago writes it.
            draft.authors, draft.truncated = records[-1].authors, records[-1].truncated
        if draft.labelled:
            carried = draft.status
        elif (
            draft.year
            or draft.status
            or topic_of.get(entry[0].number) != (records[-1].topic if records else None)
        ):
            carried = None
        else:
            draft.status = carried
        draft.topic = topic_of.get(entry[0].number)
        draft.topic_kind = _topic_kind(draft.topic)
        records.append(draft)
    # Topic headings are part of the records under them.
    for line_number in topic_lines:
        owner = next((r for r in records if r.line > line_number), None)
        if owner:
            owner.lines.append(line_number)
        else:
            unclaimed.append(next(line for line in block.content if line.number == line_number))
    # A section heading ('Journal Papers') beats a guess from the venue; a thesis, patent or
    # book cue in the entry itself beats the heading.
    return [draft.finish(draft.topic_kind or block.pub_kind) for draft in records], unclaimed


def _topic_kind(topic):
    """'Chapters in Edited Volumes' -> 'book': a topic heading may name its papers' kind."""
    kind = heading_kind(topic) if topic else None
    return kind.split(":")[1] if kind and ":" in kind else None


def _read_margin(lines):
    """(lines, year, status): an entry's year column, year line and status label taken off.

    '2024 Title. Authors. *Journal*.' -> year 2024; a line '2019' above the citation -> 2019;
    '**Under review** Authors. Title.' -> 'under review'.
    """
    year = status = None
    if len(lines) > 1 and _YEAR_LINE.match(lines[0].plain):
        found = _YEAR.search(lines[0].plain)
        year = int(found.group()) if found else None
        lines = lines[1:]
    if not lines:
        return lines, year, status
    first = lines[0]
    text = first.text
    margin = _margin_cell(text)
    if margin:
        # A table row whose first cell is the margin: '2023 | Title...', 'Under review | ...'.
        rest = text.partition(" | ")[2]
        if status_of(margin) and len(margin.split()) <= 4:
            status, text = status_of(margin), rest
        elif not year:
            year, text = int(_YEAR_COLUMN.match(margin + " ").group(1)), rest
    label = _STATUS_LABEL.match(text)
    if label and status_of(label.group("label")) and len(label.group("label").split()) <= 4:
        status = status_of(label.group("label"))
        text = text[label.end() :]
    column = _YEAR_COLUMN.match(text)
    if column and len(text[column.end() :].split()) >= 3 and not year:
        year = int(column.group(1))
        text = text[column.end() :]
    number = _ENTRY_NUMBER.match(text)
    if number:
        text = text[number.end() :]
    else:
        # '**2.** Lim JY, ...' or '**1. Okafor AB** , ...': the number inside the bold.
        text = _BOLD_NUMBER.sub(lambda m: "" if m.group(2) else "**", text, count=1)
    if text != first.text:
        lines = [replace(first, text=text), *lines[1:]]
    return lines, year, status


def parse_entry(lines, *, as_of, owner_key):
    """One entry's lines -> a Draft, or None when they do not describe a publication."""
    lines, year, status = _read_margin(lines)
    if not lines or _REVIEW_OF.match(lines[0].plain):
        return None
    lines, content_links = _content_links_read(lines)
    draft = _recognised(lines, year, status, as_of=as_of, owner_key=owner_key)
    if draft is not None:
        for label, url in content_links:
            _add_link(draft, "Link" if len(label.split()) > 2 else label, url)
    return draft


def _content_links_read(lines):
    """Lines whose links of three words or more are read as their words: a byline or a title
    a listing links to its page ('[**Doe, J.** Roy, B.](https://...) ApJ, 872'). Short
    labels ('[PDF](...)', '[Code](...)') stay links. Returns (lines, the links read)."""
    read, taken = [], []
    for line in lines:
        if "](" not in line.text:
            read.append(line)
            continue
        pairs = [
            (label, url) for label, url in links_in(line.text) if len(plain(label).split()) >= 3
        ]
        if not pairs:
            read.append(line)
            continue
        text = line.text
        for label, url in pairs:
            text = text.replace(f"[{label}]({url})", label, 1)
        taken.extend(pairs)
        read.append(replace(line, text=text))
    return read, taken


def _recognised(lines, year, status, *, as_of, owner_key):
    for recogniser in (
        _scraped,
        _scholar,
        _author_year,
        _quoted,
        _marked,
        _plain,
        _title_then_owner_byline,
        partial(_authorless, dated=bool(year or status)),
    ):
        draft = recogniser(lines, as_of=as_of, owner_key=owner_key)
        if draft is not None:
            # The margin's year and label are the writer's own: they beat a year in a title.
            draft.year = year or draft.year
            draft.status = status or draft.status
            draft.labelled = bool(status)
            one_word = len(draft.title.split()) < 2 and not _SPACELESS.search(draft.title)
            if not draft.title or one_word and not draft.evidence:
                return None
            if not (
                draft.authors
                or draft.venue
                or draft.year
                or draft.status
                or draft.evidence
                or draft.links
            ):
                return None
            draft.title = _clean_title(draft.title)
            return draft
    return None


def _new(lines):
    return Draft(line=lines[0].number, lines=[line.number for line in lines])


def _scraped(lines, *, as_of, owner_key):
    match = _META.match(lines[0].plain)
    if not match or len(lines) < 2 or not _meta_category_ok(lines[0].plain):
        return None
    draft = _new(lines)
    day = dates.resolve_day(match.group("day"), as_of=as_of)
    if day:
        draft.date, draft.year = day.isoformat(), day.year
    draft.category = match.group("category")
    draft.has_code = bool(match.group("code"))
    draft.title = lines[1].plain
    draft.evidence = True
    rest = lines[2:]
    if rest and looks_like_authors(rest[0].plain):
        draft.authors, draft.truncated = split_authors(rest[0].text, owner_key=owner_key)
        rest = rest[1:]
    if rest:
        draft.abstract = " ".join(line.plain for line in rest)
    return draft


def scholar_meta(text, *, as_of):
    """'Journal article · Mar 2023 · Environmental Data Science' -> (kind, date, year, venue)."""
    bare = plain(text)
    if "·" not in bare and "•" not in bare and "|" not in bare:
        return None  # one part only; this runs for every line of a publications section
    parts = [p.strip() for p in _META_SEPARATOR.split(bare) if p.strip()]
    if len(parts) < 2:
        return None
    kind = vocab.SCHOLAR_KINDS.get(parts[0].lower())
    when = parts[1] if kind else parts[0]
    day = dates.resolve_day(when, as_of=as_of)
    span = dates.parse_span(when, single="both")
    if kind is None or not (day or (span and dates.is_date_only(when))):
        return None
    venue = " · ".join(parts[2:]) or None
    year = day.year if day else int(span.start[:4])
    return kind, day.isoformat() if day and re.search(r"\d{4}", when) else None, year, venue


def _scholar(lines, *, as_of, owner_key):
    meta = scholar_meta(lines[0].text, as_of=as_of)
    if not meta or len(lines) < 2:
        return None
    draft = _new(lines)
    kind, draft.date, draft.year, venue = meta
    draft.kind_hint = kind
    draft.evidence = True
    draft.title = lines[1].plain
    rest = lines[2:]
    if rest and looks_like_authors(rest[0].plain):
        draft.authors, draft.truncated = split_authors(rest[0].text, owner_key=owner_key)
        rest = rest[1:]
    if venue:
        _read_venue_text(draft, venue)
    for line in rest:
        if re.match(r"^cited by\s+\d+", line.plain, re.IGNORECASE):
            draft.details.append(line.plain)
        elif len(line.plain) > 80 and not draft.abstract:
            draft.abstract = line.plain
        else:
            _read_line(draft, line.text)
    return draft


def _quoted(lines, *, as_of, owner_key):
    text = " ".join(line.text for line in lines)
    if "](" in text:
        # A quoted title inside links: the quotes are looked for in the labels, and the links
        # kept with the paper.
        draft = _quoted_text(without_links(text, r"\1"), lines, owner_key)
        if draft is not None:
            for label, url in links_in(text):
                _add_link(draft, label, url)
        return draft
    return _quoted_text(text, lines, owner_key)


def _quoted_text(text, lines, owner_key):
    # Up to the last closing quote: past it, every opening quote would search to the end.
    last = max(text.rfind("”"), text.rfind('"'), text.rfind("“"), text.rfind("»"))
    match = _QUOTED.search(text, 0, last + 1)
    if not match or not looks_like_authors(plain(text[: match.start()]).rstrip(" .,:")):
        # 'Authors. *Title*. Venue': an emphasised title after the authors, when the entry
        # does not itself start with an emphasised title.
        match = _EMPHASIZED_TITLE.search(text) if "*" in text else None
        if not match or match.start() == 0 or (_lead_emphasis(text)[0] and not _bold_byline(text)):
            return None
        if not looks_like_authors(plain(text[: match.start()]).rstrip(" .,:")):
            return None
    draft = _new(lines)
    draft.title = match.group(1).strip().rstrip(".,")
    draft.authors, draft.truncated = split_authors(
        text[: match.start()].strip().rstrip(".,:"), owner_key=owner_key
    )
    _read_venue_text(draft, text[match.end() :])
    return draft


def _author_year(lines, *, as_of, owner_key):
    """Authors, then the year (or a status in its place), then the title and the venue."""
    raw = " ".join(line.text for line in lines)
    for count, match in enumerate(_ANCHOR.finditer(raw)):
        if count >= 8 or match.start() > 2000:
            return None  # past any byline: the year is the venue's ('Journal 12, 2019')
        anchor = _anchor(raw, match, owner_key)
        if anchor is not None:
            draft, rest = anchor
            break
    else:
        anchor = _cited_anchor(lines, owner_key) if len(lines) > 1 else None
        if anchor is None:
            return None
        draft, rest = anchor
    draft.lines = [line.number for line in lines]
    draft.line = lines[0].number
    title, venue = _split_title(rest)
    described = re.search(r"\s*\[([^\]]+)\]\s*$", title)
    if described:
        # APA's '[Doctoral dissertation, University]' after a title.
        title = title[: described.start()]
        venue = f"{described.group(1)}. {venue}"
    draft.title = plain(title)
    _read_venue_text(draft, venue)
    return draft


def _anchor(raw, match, owner_key):
    """(draft with authors, year and status; the text after the anchor), when the text before
    the anchor is a byline."""
    prefix, rest = raw[: match.start()], raw[match.end() :]
    bare = match.group("year") or match.group("status")
    if bare:
        # A bare year or status ends the byline ('Chen M. 2021.') and is followed by a stop
        # or the title itself ('Chen M. 2018 Title').
        # re.search(r"[.,;]\s*[*_]*\s*$", prefix), without a scan from every stop.
        stopped = prefix.rstrip().rstrip("*_").rstrip().endswith((".", ",", ";"))
        if not stopped and not _VENUE_CITE.match(rest.lstrip(" ,")):
            return None  # ... unless a journal's volume and page follow ('2013, ApJ, 779, 50')
        tail = _ANCHOR_TAIL.match(rest)
        if tail:
            rest = rest[tail.end() :]
        elif not re.match(r"^\s+[*_]*[\"“‘\[A-Z0-9]", rest):
            return None
    byline = prefix.strip().rstrip("*_ ").rstrip(",;: ")  # an initial keeps its stop
    # One sentence: 'Doe J, Lee B. Title. EMNLP, 2023' has its year after the venue.
    if not byline:
        return None
    bare_byline = plain(byline)
    if _several_sentences(bare_byline) or _QUOTED.search(bare_byline):
        return None  # a quoted title before the year: 'A. Roy “Title”, *Journal* (2025)'
    if not looks_like_authors(bare_byline):
        return None
    draft = Draft(line=0, lines=[])
    draft.authors, draft.truncated = split_authors(byline, owner_key=owner_key)
    year = match.group("paren_year") or match.group("status_year") or match.group("year")
    draft.year = int(year) if year else None
    status = match.group("paren_status") or match.group("status")
    if status:
        draft.status = status_of(status)
    return draft, rest.lstrip(" .,:;")


def _cited_anchor(lines, owner_key):
    """(draft with authors, the rest) of 'Byline ApJ, 872, 54' over a line holding the
    title: a journal's volume and page end a byline that gives no year."""
    first = plain(lines[0].text)
    match = _CITE_AFTER_BYLINE.search(first)
    if not match or not looks_like_authors(first[: match.start()].rstrip(" ,;")):
        return None
    # The byline as written (its bold names the owner), up to where the citation starts.
    cut = lines[0].text.rfind(match.group(0).strip(" ,;"))
    byline = lines[0].text[:cut] if cut > 0 else first[: match.start()]
    draft = Draft(line=0, lines=[])
    draft.authors, draft.truncated = split_authors(byline.rstrip(" ,;"), owner_key=owner_key)
    return draft, first[match.start() :] + " " + " ".join(line.text for line in lines[1:])


def _split_title(rest):
    """('Title', 'venue text') of what follows a citation's year."""
    text = rest.strip()
    bare = plain(text)
    cited = _VENUE_CITE.match(bare)
    if cited and len(bare[cited.end() :].split()) >= 3:
        # 'ApJ, 860, 119 A Keplerian Disk ...': a journal's abbreviation, volume and page
        # straight after the year, the title after them (astronomers' listings).
        return bare[cited.end() :].strip(" .,"), cited.group(0).strip(" ,")
    quoted = _QUOTED.match(bare)
    if quoted and (
        quoted.group(1)[-1] in ".,?!" or bare[quoted.end() :][:1] in ("", ".", ",", ":", ";")
    ):
        # 'Author (2021). "Title", Venue 12, 34.' quotes the title instead of ending it with '.'.
        # ('“Carbon Cowboys” could inflate ...' only quotes the title's first words.)
        return quoted.group(1), bare[quoted.end() :]
    lead, after = _lead_emphasis(text)
    if lead and len(plain(lead).split()) >= 2:
        return lead, after  # an italic title: a book or a thesis
    # The venue in italics after the title's last sentence: the title may hold sentences.
    position = _italic_venue(text)
    if position:
        return _title_before(text[:position]), text[position:]
    venue = _IN_VENUE.search(text)
    if venue and len(plain(text[: venue.start()]).split()) >= 2:
        return plain(text[: venue.start()]).rstrip(' .,”"’'), text[venue.end() :]
    sentences = _sentences(text)
    return (sentences[0], ". ".join(sentences[1:])) if sentences else ("", "")


def _italic_venue(text):
    """Where an italic venue starts after the title's last sentence ('Title. *Journal* 12',
    'Title. In: *Book*'), or 0. A title's own italics ('species, *Tabebuia*') follow no stop."""
    position = text.find("*", 1)
    while 0 < position < len(text) - 1:
        if text[position + 1] != "*" and text[position - 1] != "*":
            before = _IN_SUFFIX.sub("", plain(text[:position]))
            if before.endswith((".", "?", "!")) and len(before.split()) >= 2:
                return position
        position = text.find("*", position + 2)
    return 0


def _title_before(text):
    """The title before an italic venue: 'Title. In:' -> 'Title'."""
    return _IN_SUFFIX.sub("", text.rstrip(" ,*")).rstrip(" .,")


def _bold_byline(text):
    """'**Okafor, A.**; Chen, M., *Title*': the bold lead is the owner opening a byline."""
    lead, rest = _lead_emphasis(text)
    name = plain(lead).strip(" ,;").replace(",", "")
    if lead and re.match(r"^\s*\.\s", rest) and _VANCOUVER_NAME.match(name):
        return True  # '**Okafor AB** . Title': the owner alone, as Vancouver writes a name
    return bool(lead) and bool(re.match(r"^\s*(?:[,;&]|and\b)", rest)) and is_name(name)


# 'Roe JD', 'van Dyke A', 'Okafor A.B.': a surname, then initials in capitals.
_VANCOUVER_NAME = re.compile(
    r"^(?:[a-z]+ )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)? [A-Z]{1,3}\.?(?:[A-Z]\.)*$"
)


def _marked(lines, *, as_of, owner_key):
    first = lines[0]
    if _bold_byline(first.text):
        return None
    title, rest = _lead_emphasis(first.text)
    if first.heading:
        title, rest = first.text, ""
        inner, after = _lead_emphasis(first.text)
        if inner and not after:
            title = inner
    if not title:
        return None
    draft = _new(lines)
    draft.evidence = True
    draft.title = plain(title)
    remaining = list(lines[1:])
    # A title broken over two lines: the next line continues it when it reads as a tail.
    while remaining and _continues_title(remaining[0], draft.title):
        draft.title = f"{draft.title} {remaining[0].plain}"
        remaining = remaining[1:]
    author_text = rest.strip()
    if author_text and not looks_like_authors(author_text.rstrip(",")):
        _read_line(draft, author_text)
        author_text = ""
    while (
        remaining
        and not remaining[0].listed
        and not remaining[0].heading
        and ((author_text and author_text.rstrip().endswith(",")) or not author_text)
        and looks_like_authors(_strip_trailing_venue(remaining[0].text)[0].rstrip(","))
    ):
        author_text = f"{author_text} {remaining[0].text}".strip()
        remaining = remaining[1:]
        if not author_text.rstrip().endswith(","):
            break
    if author_text:
        names, venue_text = _strip_trailing_venue(author_text)
        draft.authors, draft.truncated = split_authors(names, owner_key=owner_key)
        if venue_text:
            _read_venue_text(draft, venue_text)
    for line in remaining:
        _read_line(draft, line.text)
    return draft


def _plain(lines, *, as_of, owner_key):
    text = " ".join(line.text for line in lines)
    byline = _split_byline(text)
    if byline:
        draft = _new(lines)
        draft.authors, draft.truncated = split_authors(byline[0], owner_key=owner_key)
        title, venue = _split_title(byline[1])
        draft.title = plain(title)
        _read_venue_text(draft, venue)
        return draft
    sentences = _sentences(text)
    if len(sentences) < 2:
        return None
    draft = _new(lines)
    if looks_like_authors(plain(sentences[0])):
        draft.authors, draft.truncated = split_authors(sentences[0], owner_key=owner_key)
        draft.title = plain(sentences[1])
    elif looks_like_authors(plain(sentences[1])) and _BYLINE_MARK.search(plain(sentences[1])):
        draft.title = plain(sentences[0])
        draft.authors, draft.truncated = split_authors(sentences[1], owner_key=owner_key)
    else:
        return None
    _read_venue_text(draft, ". ".join(sentences[2:]))
    return draft


def _title_then_owner_byline(lines, *, as_of, owner_key):
    """'Title words Ann Roy, Mei Chen and **Jane Doe**' over '*Submitted, Venue*': a title
    whose link was lost, run into the byline that names the owner in bold. The byline
    starts where the rest of the line is names, its first a name of two or three words."""
    first = lines[0].text
    owner = _BOLD_NAME.search(first)
    if not owner and len(lines) >= 2 and _BOLD_NAME.search(lines[1].text):
        return _title_over_byline(lines, owner_key)
    if not owner:
        return None
    # '... and **Jane Doe** *Submitted, Venue*': the venue may follow on the same line.
    tail = ""
    if first[owner.end() :].lstrip().startswith("*"):
        first, tail = first[: owner.end()].rstrip(), first[owner.end() :]
    words = first.split()
    starts = [start for start in range(3, len(words) - 1) if _byline_from(words[start:])]
    # A first name of two words ('Ann Roy', 'Brian H. Park') before one of three: 'Lakeside
    # Ann Roy' takes the title's last word.
    preferred = [start for start in starts if _two_word_name(words[start:])]
    if not (preferred or starts):
        return None
    start = (preferred or starts)[0]
    byline = " ".join(words[start:])
    title = " ".join(words[:start])
    if re.search(r"\bwith$", title, re.IGNORECASE):
        title = title[: -len("with")].rstrip()
    draft = _new(lines)
    draft.title = plain(title).strip(" .,")
    draft.authors, draft.truncated = split_authors(byline, owner_key=owner_key)
    _read_venue_text(draft, " ".join([tail, *(line.text for line in lines[1:])]))
    return draft


def _title_over_byline(lines, owner_key):
    """'Title' over 'Ann Roy, Mei Chen and **Jane Doe**' over '*Venue*'."""
    title, byline = plain(lines[0].text), plain(lines[1].text)
    if len(title.split()) < 3 or looks_like_authors(title) or not _byline_from(byline.split()):
        return None
    draft = _new(lines)
    draft.title = title.strip(" .,")
    draft.authors, draft.truncated = split_authors(lines[1].text, owner_key=owner_key)
    _read_venue_text(draft, " ".join(line.text for line in lines[2:]))
    return draft


def _byline_from(words):
    byline = plain(" ".join(words))
    head = _first_name_words(byline)
    return (
        2 <= len(head) <= 3
        and is_name(" ".join(head))
        and not re.match(r"(?:with|and)\b", byline, re.IGNORECASE)
        and looks_like_authors(byline, strict=True)
        and bool(_BYLINE_MARK.search(byline))
    )


def _two_word_name(words):
    head = _first_name_words(plain(" ".join(words)))
    return len(head) == 2 or len(head) == 3 and bool(re.match(r"[A-Z]\.$", head[1]))


def _first_name_words(byline):
    """The words of a byline's first name: up to its first comma or 'and'."""
    return byline.split(",")[0].split(" and ")[0].split()


# The owner in bold at the end of a byline, or before an italic venue.
_BOLD_NAME = re.compile(r"\*\*[^*]+\*\*(?=\s*(?:,|and\b|$|\*[^*]))")


def _authorless(lines, *, as_of, owner_key, dated=False):
    """'Title. *Journal* 12(3): 4-5, 2020.': no byline, but a venue with a year, a status or
    volume numbers, or a year in the entry's margin (dated). A list of one's own papers
    often leaves the owner out, naming only the others: '“Title” (with A. Lee). Venue'."""
    text = " ".join(line.text for line in lines)
    title, venue = _split_title(text)
    title, with_others = _without_coauthors(title)
    if len(plain(title).split()) < 2 or not venue.strip():
        return None
    draft = _new(lines)
    draft.title = plain(title).strip(' “”"')
    _read_venue_text(draft, venue)
    numbered = draft.year or draft.journal_numbers or draft.status or _DOI.search(venue)
    # 'Title, with A. Roy. 23 pages, 2025.': a manuscript counts its pages, with no venue yet.
    counted = _PAGE_COUNT.search(venue) and draft.year
    if not (draft.venue or counted) or not (dated or numbered):
        return None
    if (
        not numbered
        and (vocab.TALK_WORDS.search(venue) or _EVENT_DAYS.search(venue))
        and not vocab.PRINTED_VENUE_WORDS.search(venue)
    ):
        # '2024 | “Title.” The 4th Conference on X. University of Y, Canada. May 6–8.': a
        # paper given at a meeting, with nothing of a printed paper (pages, volume, DOI).
        return None
    if with_others:
        draft.details.append(with_others)
    return draft


# The days of a meeting: 'May 24–27', 'Juni 3-5'.
_EVENT_DAYS = re.compile(
    rf"\b(?:{dates.MONTH_NAMES})\.?\s+\d{{1,2}}\s*[-–—]+\s*\d{{1,2}}\b", re.IGNORECASE
)
_PAGE_COUNT = re.compile(r"\b\d+\s+pages\b", re.IGNORECASE)
_WITH_COAUTHORS = re.compile(r"\s*\((with [^()]+)\)\s*[.,]?\s*$", re.IGNORECASE)


def _without_coauthors(title):
    """('“Title”', 'with A. Lee') for '“Title” (with A. Lee)' or 'Title, with A. Lee and
    B. Roy' (the others, when a list leaves its owner out)."""
    found = _WITH_COAUTHORS.search(title)
    if found:
        return title[: found.start()], found.group(1)
    before, comma_with, names = title.rpartition(", with ")
    if comma_with and before and looks_like_authors(plain(names).rstrip(" .")):
        return before, f"with {names.rstrip(' .')}"
    return title, None


def _split_byline(text):
    """('Chen M, Okafor A', 'Title. Venue.') when the text opens with a byline ending in '.'.

    An initial ends a Vancouver byline ('Okafor A. Title'), so each '. ' is tried: the first
    whose text before is a byline and whose text after does not go on with a name.
    """
    position = text.find(". ")
    # Where the first list separator is: a prefix holds one when it starts inside it (the
    # prefixes end in '.', so no 'and' runs past their end).
    separator = _LIST_SEPARATOR.search(text)
    separator = separator.start() if separator else len(text)
    # Without markup, plain() only re-spaces: the name after a '. ' is the text up to the
    # next stop, and no rest of the entry need be made plain from every '. '.
    marked = has_markup(text)
    for _ in range(60):
        if position < 0:
            return None
        before, after = text[: position + 1], text[position + 2 :]
        # Both tests are pure: the cheap one on the text after comes first, so that the
        # byline test (a scan of the whole prefix) runs once or twice, not at every initial.
        if marked:
            head = _NAME_PART.match(plain(after))
            words = head.group(1).split() if head else ()
        else:
            stop = _STOP.search(text, position + 2)
            words = text[position + 2 : stop.start() if stop else len(text)].split()
        # 'Ada B. Okafor and Ben E. Roe': the surname after an initial runs to the list's
        # next 'and', not to the next stop.
        words = _before_and(words)
        goes_on = not words or len(words) < 2 or is_name(" ".join(words))
        if not goes_on or (len(before) > 40 and separator >= len(before)):
            if looks_like_authors(plain(before).rstrip(".")):
                if not goes_on:
                    return before.rstrip(". "), after
            elif len(before) > 40 and separator >= len(before):
                return None  # a long text without a list separator is no byline
        position = text.find(". ", position + 2)
    return None


def _before_and(words):
    """['Okafor'] of ['Okafor', 'and', 'Ben', 'E']: a name, 'and', a name; other words as
    they are ('Rivers and floods' opens a title)."""
    for index, word in enumerate(words):
        if word in ("and", "&", "und", "et", "y") and index:
            after = " ".join(words[index + 1 :])
            # 'and Adele E' or 'and W' (an initial the next stop cut off): a name follows.
            named = after and (is_name(after) or re.fullmatch(r"[A-Z]", after))
            return words[:index] if named else words
    return words


def _sentences(text):
    """Split at sentence ends, but not after initials or common abbreviations."""
    return list(_each_sentence(text))


def _several_sentences(text):
    """len(_sentences(text)) > 1, reading no further than the second sentence."""
    sentences = _each_sentence(text)
    return next(sentences, None) is not None and next(sentences, None) is not None


def _each_sentence(text):
    split = _SENTENCE_SPLIT.split(text)
    last = len(split) - 1
    start = 0  # the first piece of the sentence so far
    for index, piece in enumerate(split):
        # Whether the sentence so far ends in an abbreviation is a question about its last
        # piece, which a byline of a thousand initials need not join and search again. An
        # initial before an italic or quoted start ('Chen M. *Journal*') ends a byline.
        if (
            index < last
            and not split[index + 1].startswith(("*", "“", '"'))
            and _ABBREVIATION.search(piece.rstrip() if index > start else piece)
        ):
            continue
        sentence = " ".join(split[start : index + 1]).strip() if index > start else piece
        start = index + 1
        sentence = sentence.rstrip(". ")
        if sentence:
            yield sentence


def _lead_emphasis(text):
    """('Title', 'rest') when text starts with a bold or italic span, else ('', text).

    A span glued to the word after it is part of that word: '*Cp*-floods in ...' starts
    with no emphasised title."""
    text = text.strip()
    lead, rest = _leading_span(text)
    if lead and rest[:1] and (rest[0].isalnum() or rest[0] in "-‐–'’"):
        return "", text
    return lead, rest


def _leading_span(text):
    for marker in ("**", "__"):
        if text.startswith(marker):
            end = text.find(marker, len(marker))
            if end > len(marker):
                return text[len(marker) : end], text[end + len(marker) :]
    if text.startswith(("*", "_")) and not text.startswith(("**", "__")):
        marker = text[0]
        position = 1
        while True:
            end = text.find(marker, position)
            if end < 0:
                return "", text
            if text[end - 1] != "\\" and text[end : end + 2] != marker * 2:
                return text[1:end], text[end + 1 :]
            position = end + 2
    return "", text


def _continues_title(line, title):
    text = line.plain
    if not text or line.listed or line.heading or len(text.split()) > 8:
        return False
    if title.rstrip().endswith((":", "-", "–")) or _TRAILING_FUNCTION_WORD.search(title):
        return True
    return text[0].islower() and not looks_like_authors(text)


def _strip_trailing_venue(text):
    """'..., Yang You WWW 2024' -> ('..., Yang You', 'WWW 2024')."""
    match = re.search(r"\s+((?:[A-Za-z][\w&'-]*\s+){1,3})((?:19|20)\d{2})\s*\.?\s*$", text)
    if not match:
        return text, ""
    words = match.group(1).split()
    venue_words = []
    for word in reversed(words):
        bare = word.strip(",.")
        known = bare.lower() in vocab.CONFERENCES or bare.lower() in vocab.JOURNALS
        if known or (bare.isupper() and len(bare) >= 2):
            venue_words.insert(0, bare)
        else:
            break
    if not venue_words:
        return text, ""
    venue = " ".join(venue_words)
    cut = text.rfind(venue_words[0], 0, match.end(1))
    return text[:cut].rstrip(" ,"), f"{venue} {match.group(2)}"


def _read_venue_text(draft, text):
    if "[" in text:
        text = _CITED.sub(" ", text)
    text = text.strip(" .,;")
    if not text:
        return
    glued = _GLUED_YEAR.search(text)
    book = _EDITED_BOOK.match(text) if "*" in text else None  # the book's title is italic
    if book and not draft.venue:
        # 'In: Chen M (eds), *A Book of Maps*': the chapter's venue is the book.
        draft.venue = plain(book.group(1)).strip(" .,")
        draft.kind_hint = draft.kind_hint or "book"
    within = _IN_BOOK.match(plain(text)) if not book else None
    if within and not (
        vocab.CONFERENCE_WORDS.search(within.group(1))
        or vocab.JOURNAL_WORDS.search(within.group(1))
        or status_of(within.group(1))
    ):
        # 'In *Handbook of Floods*, 173–95': a chapter, in a book that is neither a journal
        # nor proceedings.
        draft.kind_hint = draft.kind_hint or "book"
    for label, url in links_in(text):
        _add_link(draft, label, url)
    if "http" in text:
        for url in _URL.findall(text):
            _add_link(draft, "Link", url)
    arxiv = dates.arxiv_id(text)
    if arxiv:
        draft.arxiv_id = arxiv
    bare = plain(text)
    if _JOURNAL_NUMBERS.search(bare):
        draft.journal_numbers = True
    pieces = [
        piece
        for sentence in _each_sentence(bare)
        for piece in _AWARD_SPLIT.split(sentence)
        if piece
    ]
    for piece in pieces:
        # Awards in parentheses are asides to the venue before them.
        for aside in _ASIDE.findall(piece):
            if vocab.AWARD_WORDS.search(aside):
                _add_awards(draft, aside)
                piece = piece.replace(f"({aside})", " ")
        if vocab.AWARD_WORDS.search(piece) and not vocab.CONFERENCE_WORDS.search(piece):
            _add_awards(draft, piece)
            continue
        venue, full, year, status = parse_venue(piece)
        if (
            venue == "arXiv"
            and draft.venue
            and not dates.citation_year(_ARXIV_ID_TEXT.sub("", piece))
        ):
            # A journal paper's arXiv id: the year it encodes is the preprint's, not the paper's.
            year = None
        if venue and not draft.venue:
            draft.venue, draft.venue_full = venue, full
        if year and not draft.year:
            draft.year = year
        if status and not draft.status:
            draft.status = status
    if glued and not draft.year:
        draft.year = int(glued.group(1))


def _read_line(draft, text):
    """A line under a marked title: venue, status, award, links or a labelled detail."""
    bare = plain(text)
    if not bare:
        return
    if _only_links(text) and all(_LINK_LABEL.search(label) for label, _ in links_in(text)):
        for label, url in links_in(text):
            _add_link(draft, label, url)
        return
    status = status_of(bare)
    if status and len(bare.split()) <= 3:
        draft.status = draft.status or status
        return
    if vocab.AWARD_WORDS.search(bare) and not _is_label(bare):
        parts = [p.strip() for p in bare.split(",")]
        for part in parts:
            if vocab.AWARD_WORDS.search(part):
                _add_awards(draft, part)
            else:
                venue, full, year, _ = parse_venue(part)
                draft.venue = draft.venue or venue
                draft.venue_full = draft.venue_full or full
                draft.year = draft.year or year
        return
    if _is_label(bare) and not status:
        draft.details.append(bare)
        return
    if len(bare) > 200 and not draft.abstract:
        draft.abstract = bare
        return
    if draft.venue is None or status:
        for label, url in links_in(text):
            if _LINK_LABEL.search(label):
                _add_link(draft, label, url)
        venue_text = without_links(text, r"\1")
        venue_text = " ".join(
            piece
            for piece in re.split(r"\s*,\s*", plain(venue_text))
            if not _LINK_LABEL.search(piece)
        )
        if venue_text.strip():
            venue, full, year, status = parse_venue(venue_text)
            draft.venue = draft.venue or venue
            draft.venue_full = draft.venue_full or full
            draft.year = draft.year or year
            draft.status = draft.status or status
            arxiv = dates.arxiv_id(venue_text)
            draft.arxiv_id = draft.arxiv_id or arxiv
        return
    draft.details.append(bare)


def _add_awards(draft, text):
    award = re.sub(r"\s*\([^)]*\)", "", text).strip(" .,;*")
    if award and award not in draft.awards:
        draft.awards.append(award)


def _add_link(draft, label, url):
    clean = re.sub(r"\s*\blink\b\s*\d*", "", label, flags=re.IGNORECASE).strip() or "Link"
    normal = vocab.LINK_LABELS.get(clean.lower().split()[0] if clean else "", clean.title())
    if normal == "Code":
        draft.has_code = True
    if url.startswith(("http://", "https://")) and all(link.url != url for link in draft.links):
        draft.links.append(Link(normal, url))


def _clean_title(title):
    title = plain(title).strip()
    title = title.lstrip("“\"'‘").rstrip("”\"'’")  # opening and closing quotes
    return title.rstrip(" .,;").strip()
