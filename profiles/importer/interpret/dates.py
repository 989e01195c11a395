"""Dates as CVs write them: ranges, single dates, seasons, yearless days."""

import re
from datetime import date

from profiles.importer import vocab
from profiles.importer.memo import per_document
from profiles.importer.records import Span

MONTH_NAMES = "|".join(sorted(vocab.MONTHS, key=len, reverse=True))
_SEASON_NAMES = "|".join(vocab.SEASONS)
_OPEN_WORDS = "|".join(re.escape(w) for w in sorted(vocab.OPEN_END_WORDS, key=len, reverse=True))


def _point(n):
    return (
        rf"(?:(?P<season{n}>{_SEASON_NAMES})\s+(?P<sy{n}>\d{{4}})"
        rf"|(?P<mon{n}>{MONTH_NAMES})\.?,?\s*(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?(?P<my{n}>\d{{4}})"
        rf"|(?P<nm{n}>\d{{1,2}})\s*[/.]\s*(?P<ny{n}>\d{{4}})"
        rf"|(?P<iy{n}>\d{{4}})\s*[/.-]\s*(?P<im{n}>\d{{1,2}})(?:[/.-]\d{{1,2}})?(?![\d])"
        rf"|(?P<y{n}>\d{{4}}))(?!\d)"
    )


# Hyphens of every code point a word processor or PDF writes ('2010 ‑ 2015' with U+2011).
_DASHES = "-‐‑‒–—−"
_DASH = (
    rf"\s*(?:-{{1,2}}|[{_DASHES}]|~|→|->|\bto\b|\buntil\b|\btill\b|\bbis\b|\bau\b|\bal\b"
    r"|\bhasta\b)\s*"
)
_EXPECTED = r"(?:\(?\s*(?:expected|exp\.|anticipated|est\.)[:\s]*)?"
_RANGE = re.compile(
    rf"(?<![\w/.-]){_point(1)}{_DASH}(?:{_EXPECTED}{_point(2)}|(?P<open>{_OPEN_WORDS})\b"
    # A two-digit end, '2015--22' or '1998-01', after a year alone.
    r"|(?:(?<=\d[-‐‑‒–—−])|(?<=\d--))(?P<short>\d{2})(?![\d/.:-]))",
    re.IGNORECASE,
)
_SINCE = re.compile(rf"\b(?:since|from|seit|depuis|desde)\s+{_point(1)}", re.IGNORECASE)
# An open end: 'onwards', or a dash that ends the text or its table cell ('2022 – | Title').
_ONWARDS = re.compile(
    rf"(?<![\w/.-]){_point(1)}\s*(?:onwards?\b|[{_DASHES}]\s*\)?\s*(?:$|\|))", re.IGNORECASE
)
_SINGLE = re.compile(rf"(?<![\w/.-]){_EXPECTED}{_point(1)}", re.IGNORECASE)
# Spelled out: a pattern that starts with a character class is scanned for much faster.
_FOUR_DIGITS = re.compile(r"\d\d\d\d")
_EXPECTED_WORD = re.compile(r"\b(expected|anticipated|exp\.)", re.IGNORECASE)
_DAY = re.compile(
    rf"\b(?P<mon>{MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?"
    rf"(?:,?\s*(?P<year>\d{{4}}))?",
    re.IGNORECASE,
)
_ARXIV = re.compile(r"\barxiv[:\s]*(?:abs/)?(?P<yy>\d{2})(?P<mm>\d{2})\.\d{4,5}(?:v\d+)?", re.I)
_ARXIV_ID = re.compile(r"\barxiv[:\s]*(?:abs/)?(\d{4}\.\d{4,5}(?:v\d+)?)", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d.:/-])(19[5-9]\d|20\d{2})(?![\d])")
_DURATION = re.compile(r"\(\s*\d+\s+(?:years?|yrs?|months?|mos?)\b[^)]*\)", re.I)
_FILLER = re.compile(r"[\s()\[\]*_,.;:|·-]+|\bexpected\b|\bexp\b|\bsince\b|\bfrom\b", re.I)

MIN_YEAR, MAX_YEAR = 1940, 2100


def _value(match, n):
    """'YYYY' or 'YYYY-MM' for point n of a match, or None when out of range."""
    groups = match.groupdict()
    year = month = None
    if groups.get(f"sy{n}"):
        year, month = int(groups[f"sy{n}"]), vocab.SEASONS[groups[f"season{n}"].lower()]
    elif groups.get(f"my{n}"):
        year = int(groups[f"my{n}"])
        month = vocab.MONTHS[groups[f"mon{n}"].lower().rstrip(".")]
    elif groups.get(f"ny{n}"):
        year, month = int(groups[f"ny{n}"]), int(groups[f"nm{n}"])
    elif groups.get(f"iy{n}"):
        year, month = int(groups[f"iy{n}"]), int(groups[f"im{n}"])
    elif groups.get(f"y{n}"):
        year = int(groups[f"y{n}"])
    if year is None or not MIN_YEAR <= year <= MAX_YEAR or (month and not 1 <= month <= 12):
        return None
    return f"{year:04d}-{month:02d}" if month else f"{year:04d}"


# 'Present' standing for the whole range at the start of a line ('Present **Org**, Title'),
# and months with two-digit years ('09/15 – 06/19').
_PRESENT_ALONE = re.compile(
    r"^[\s(*_|]*(?:present|presente|heute|actualidad|aujourd'hui)(?![\w'-])", re.I
)
_SHORT_POINT = r"(?P<m{n}>0?[1-9]|1[0-2])/(?P<y{n}>\d\d)"
_SHORT_RANGE = re.compile(
    rf"(?<![\w/.]){_SHORT_POINT.format(n=1)}{_DASH}"
    rf"(?:{_SHORT_POINT.format(n=2)}|(?P<open>{_OPEN_WORDS})\b)(?![\w/.])",
    re.IGNORECASE,
)


def _yearless_span(text):
    found = _PRESENT_ALONE.match(text)
    if found:
        return Span(None, None, current=True), found.start(), found.end()
    if "/" not in text:
        return None
    found = _SHORT_RANGE.search(text)
    if not found:
        return None

    def value(n):
        year = int(found.group(f"y{n}"))
        # A two-digit year is of this century up to the 30s, else of the last.
        return f"{2000 + year if year < 40 else 1900 + year}-{int(found.group(f'm{n}')):02d}"

    if found.group("open"):
        return Span(value(1), None, current=True), found.start(), found.end()
    if value(2) < value(1):
        return None
    return Span(value(1), value(2)), found.start(), found.end()


def _short_end(match, start):
    """The year a two-digit end names ('2015--22' -> '2022'), or None: after a single hyphen
    a number up to 12 is a month ('1998-01'), unless the document writes its ranges so (see
    settle_conventions()), and an end needs a start that is a year alone."""
    short = match.group("short")
    single_hyphen = match.string[match.start("short") - 2 : match.start("short")] != "--" and (
        match.string[match.start("short") - 1] == "-"
    )
    if not match.group("y1"):
        return None
    if single_hyphen and int(short) <= 12 and not _conventions["short_ranges"]:
        return None
    return f"{start[:2]}{short}"


# How the document being read writes what is ambiguous on its own; set per document.
_conventions = {"short_ranges": False}
_YEAR_HYPHEN_TWO = re.compile(r"(?<![\d./-])(?:19|20)(\d\d)-(\d\d)(-\d\d)?(?![\d/-])")


def settle_conventions(text):
    """Read '2004-08' as the document's other dates say: 2004-2008 when it writes ranges so
    ('2012-16', which is no month) and no date that must be a month ('2019-05', whose end
    would come before its start, or '2019-05-24'); else August 2004. Call before reading a
    document's dates (parse_tree() does, after memo.clear())."""
    ranges = months = 0
    for match in _YEAR_HYPHEN_TWO.finditer(text):
        start, end = int(match.group(1)), int(match.group(2))
        if match.group(3) or end <= min(start, 12):
            months += 1
        elif end > 12 and end > start:
            ranges += 1
    _conventions["short_ranges"] = ranges > 0 and months == 0


@per_document
def find_span(text, *, single="both"):
    """The first date range in text, with where it stands: (Span, start, end) or None.

    'Aug. 2021 – Jun. 2025 (expected)' -> Span('2021-08', '2025-06', expected=True);
    '01/2025-Now' -> Span('2025-01', current=True). A lone date gives start and end both
    (single='both'), only the end ('end', as education years are), or nothing (None).
    """
    if not _FOUR_DIGITS.search(text):
        # Every other date form has a four-digit year; most lines have none, and _RANGE is
        # costly.
        return _yearless_span(text)
    expected = bool(_EXPECTED_WORD.search(text))
    for match in _RANGE.finditer(text):
        start = _value(match, 1)
        if start is None:
            continue
        if match.group("open"):
            return Span(start, None, current=True), match.start(), match.end()
        end = _short_end(match, start) if match.group("short") else _value(match, 2)
        if end is None or end[:4] < start[:4]:
            continue
        return Span(start, end, expected=expected), match.start(), match.end()
    for pattern in (_SINCE, _ONWARDS):
        match = pattern.search(text)
        if match and _value(match, 1):
            return Span(_value(match, 1), None, current=True), match.start(), match.end()
    if single is None:
        return None
    for match in _SINGLE.finditer(text):
        value = _value(match, 1)
        if value is None:
            continue
        if single == "end" or expected:
            return Span(None, value, expected=expected), match.start(), match.end()
        return Span(value, value), match.start(), match.end()
    return None


def parse_span(text, *, single="both"):
    found = find_span(text, single=single)
    return found[0] if found else None


@per_document
def is_date_only(text):
    """True when text is nothing but a date or range: '*Sep 2018 - Jun 2019*'."""
    found = find_span(text)
    if not found:
        return False
    _, start, end = found
    rest = text[:start] + text[end:]
    return not _FILLER.sub("", _DURATION.sub("", rest))


def resolve_day(text, *, as_of):
    """A day such as 'Oct 5, 2022' or yearless 'Jun 1' (the latest one not after as_of)."""
    match = _DAY.search(text)
    if not match:
        return None
    month = vocab.MONTHS[match.group("mon").lower()]
    day = int(match.group("day"))
    year = int(match.group("year")) if match.group("year") else as_of.year
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    if not match.group("year") and value > as_of:
        try:
            value = date(year - 1, month, day)
        except ValueError:
            return None
    return value


_PAREN_YEAR = re.compile(r"\([^()]*?\b(19[5-9]\d|20\d{2})[a-z]?\b[^()]*\)")


def citation_year(text):
    """The year a citation gives: an explicit year, else the one an arXiv id encodes."""
    # A year in parentheses is the citation's ('12 (March 2, 2017): 1995' was published in
    # 2017, on page 1995); else the last year written.
    years = [int(y) for y in _PAREN_YEAR.findall(text)] or [int(y) for y in _YEAR.findall(text)]
    if years:
        return years[-1]
    arxiv = _ARXIV.search(text)
    if arxiv and 1 <= int(arxiv.group("mm")) <= 12:
        return 2000 + int(arxiv.group("yy"))
    return None


def arxiv_id(text):
    match = _ARXIV_ID.search(text)
    return match.group(1) if match else None
