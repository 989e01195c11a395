"""Education and job entries: the head lines (place, role or degree, dates, location) and
the details under them."""

import re
from bisect import bisect_left

from profiles.importer import vocab
from profiles.importer.interpret import dates
from profiles.importer.memo import per_document
from profiles.importer.records import Education, Job, Span
from profiles.importer.segment import (
    Line,
    is_role,
    plain,
    split_entries,
    without_parentheses,
)
from profiles.text import name_key

_ADVISOR = re.compile(
    r"(?:\b(?:advisor|adviser|supervisor|supervisors|advisors|mentor|host|pi)s?(?:'s)?"
    r"(?:\s+names?)?\s*[:：]\s*"
    r"|\b(?:supervised|advised|mentored|co-advised|hosted)\s+by\s+"
    r"|\bunder (?:the )?(?:supervision|guidance) of\s+|\bwith\s+(?=prof))",
    re.IGNORECASE,
)
_TITLES = re.compile(r"^(?:prof\.?|professor|dr\.?|assoc\.? prof\.?|asst\.? prof\.?)\s+", re.I)
_GPA = re.compile(
    r"\b(?:GPA|CGPA|grade|note|average|mark)s?\b[^:：]*[:：]?\s*(?P<value>\d+(?:\.\d+)?"
    r"(?:\s*/\s*\d+(?:\.\d+)?)?)",
    re.IGNORECASE,
)
_LABELLED_DEGREE = re.compile(
    r"^(?:major|degree|program(?:me)?|course|studies|abschluss|dipl[ôo]me|t[íi]tulo|titolo)"
    r"\s*[:：]\s*",
    re.I,
)
_ACRONYM_TAIL = re.compile(r"\s*\(\s*[A-Z][A-Z&.\-]{1,9}\s*\)\s*$")
# The patterns below run for every fragment of every head line: compiled once.
_B_TAG = re.compile(r"</?b>", re.IGNORECASE)
_REMOTE_PREFIX = re.compile(r"^\((?:remote|online)\)\s*", re.IGNORECASE)
_PLACE_SEPARATOR = re.compile(r",|&|/|\s+and\s+")
_GPA_WORD = re.compile(r"\bc?gpa\b", re.IGNORECASE)
_COMMA = re.compile(r",\s*")
_PARENTHESIS = re.compile(r"[()]")
_SPAN_LEFTOVERS = re.compile(
    r"\(\s*(?:expected|exp\.?)?\s*\)|\(\s*\d+\s+(?:years?|months?)[^)]*\)", re.IGNORECASE
)
_SPACES = re.compile(r"\s{2,}")
# Emphasis around nothing ('** **', a conversion's leftover) and empty parentheses.
_EMPTY_MARKUP = re.compile(r"\*\*\s*\*\*|(?<!\w)__\s*__(?!\w)|\(\s*\)")
_FRAGMENT_SEPARATOR = re.compile(r"\s+\|\s+|\s+[—–]\s+|\s+·\s+|\s+@\s+")
_FIELD_CUT = re.compile(r",|;|\s+[-–—]\s+|\s+\(|\s+with\s+|\s+supervised\b|\s+advised\b", re.I)


def _base_indent(lines):
    return min((line.indent for line in lines if not line.blank), default=0)


def _header_candidate(base):
    def candidate(line):
        if line.heading:
            return True
        if line.indent > base + 1:
            return False
        text = line.text.strip()
        bold_lead = text.startswith(("**", "__", "<b>")) or (
            "**" in text and not text.startswith("*") and text.index("**") > 0
        )
        if bold_lead:
            lead, _ = lead_emphasis(text)
            return bool(lead) and not lead.rstrip().endswith(":")
        if text.count(" | ") >= 2 and _dated_cell(plain(text)):
            return True  # a row of cells: 'Role | Organisation | Place | Dates'
        return line.listed and not plain(text).endswith(":")

    return candidate


def _has_date(window):
    for offset, line in enumerate(window):
        if dates.is_date_only(line.plain):
            return True
        if offset == 0 and _dated_cell(line.plain):
            return True  # a row's cell of its own: 'Summer 2024 | Org | Place'
        if offset == 0 and (_month_date(line.plain) or _TRAILING_YEAR.search(line.plain)):
            return True  # 'Reader, University of X, August 2012' or '..., Oslo, 2015.'

        if offset < 3 and dates.find_span(line.plain, single=None):
            return True
    return False


# 'Where: X', 'Period: | 2015 - 2020' (a table row), 'When 2019-2021' (a date needs no colon).
_FIELD_LABEL = re.compile(r"^(?P<label>[^\W\d_][\w '’/&.-]{0,70}?)\s*(?:[:：]\s*\|?|\s\|)\s*")
_KEY_FIELDS = {"org", "role", "degree", "dates"}


@per_document
def labelled_field(text):
    """('org', 'Tilburg University') for 'Where: Tilburg University', or None when the line
    does not start with a label of vocab.POSITION_FIELD_LABELS."""
    bare = plain(text)
    match = _FIELD_LABEL.match(bare)
    if match:
        field = vocab.POSITION_FIELD_LABEL.get(match.group("label").lower())
        value = bare[match.end() :].strip()
        return (field, value) if field and value else None
    label, _, value = bare.partition(" ")
    if vocab.POSITION_FIELD_LABEL.get(label.lower()) == "dates" and dates.is_date_only(value):
        return "dates", value
    return None


def _labelled_entries(content):
    """Entries of a section that gives its fields one per line ('Where: X' / 'When: 2019'):
    an entry starts at a line above the labels' indentation (the item the labels belong to)
    or where a field already given comes again. None when the section has no such form."""
    labels = [labelled_field(line.text) for line in content]
    keys = {label[0] for label in labels if label and label[0] in _KEY_FIELDS}
    if len(keys) < 2:
        return None
    indent = min(line.indent for line, label in zip(content, labels, strict=True) if label)
    starts, given = [], set()
    for index, (line, label) in enumerate(zip(content, labels, strict=True)):
        if label is None and (line.indent < indent or line.heading):
            starts.append(index)
            given = set()
        elif label and label[0] in _KEY_FIELDS:
            if label[0] in given or not starts:
                starts.append(index)
                given = set()
            given.add(label[0])
    ends = [*starts[1:], len(content)]
    return content[: starts[0]], [content[s:e] for s, e in zip(starts, ends, strict=True)]


# A year that ends a line or a sentence after a comma: 'Visiting Scientist, University of
# X, 2015.', '**Ph.D.** University of X, 2016. *Advisor*: ...'.
_TRAILING_YEAR = re.compile(r",\s*(?:19|20)\d{2}(?:\s*,\s*(?:19|20)\d{2})*\s*(?:[.;]|$)")


def _month_date(text):
    """Whether text holds a single date with its month ('August 2012'); a bare year may be a
    title's ('Workshop 2019')."""
    found = dates.find_span(text, single="both")
    return found is not None and len(found[0].start or "") >= 7


def _dated_cell(text):
    """Whether a row has a cell that is a date or a range, and not a single day (a row of
    events: '2019/05/24 | Talk | ...')."""
    if " | " not in text:
        return False
    for cell in text.split(" | "):
        if dates.is_date_only(cell):
            return not _DAY.match(cell.strip())
    return False


# One day, as events are dated: '2019/05/24', '24.05.2019', '2019-05-24'.
_DAY = re.compile(r"^(?:\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})$")


def entries_of(block):
    """Entries of an education/experience block, falling back to plain paragraphs."""
    content = block.content
    labelled = _labelled_entries(content)
    if labelled:
        return labelled
    base = _base_indent(content)
    preamble, entries = split_entries(block, _header_candidate(base), _has_date)
    if entries and _entry_like(preamble):
        # The first entry lost its mark (a conversion kept the bold of the others only):
        # 'University of X' / 'Philadelphia, PA' / 'Ph.D., Mathematics' / '2018—2023'.
        return [], [preamble, *entries]
    if entries:
        return preamble, entries
    # No marked entries: paragraphs (plain text CVs), where a dated line at the base
    # indentation right after another dated paragraph also starts an entry.
    starts = []
    for index, line in enumerate(content):
        previous = content[index - 1] if index else None
        new_paragraph = previous is None or line.number > previous.number + 1
        paragraph = new_paragraph and line.indent <= base + 1
        if (
            paragraph
            or block.kind == "education"
            and _next_degree(line, previous, base)
            or _next_dated_line(line, previous, base)
        ):
            starts.append(index)
    if not starts:
        return content, []
    entries = [content[s:e] for s, e in zip(starts, [*starts[1:], len(content)], strict=True)]
    return content[: starts[0]], entries


def _entry_like(lines):
    """Lines before a section's first marked entry that read as one: a name on the first
    line and dates within the first four."""
    return (
        2 <= len(lines) <= 8
        and org_like(lines[0].plain)
        and not lines[0].plain.endswith((".", ":"))
        and any(dates.is_date_only(line.plain) for line in lines[:4])
    )


def _next_dated_line(line, previous, base):
    """'NRAO Jansky Fellow, Socorro (2016-2019)' under 'Assistant Professor, University of
    X (2019-2023)': one entry per line, each with its own dates, no blank line between."""
    return (
        previous is not None
        and line.indent <= base
        and previous.indent <= base
        and len(line.plain) <= 160
        and dates.find_span(line.plain, single=None) is not None
        and dates.find_span(previous.plain, single=None) is not None
        and not dates.is_date_only(previous.plain)
    )


def _next_degree(line, previous, base):
    """'Master of Science in Geology' after 'Northfield University, 2019.': the next degree
    of a list that sets no blank line between its entries."""
    return (
        line.indent <= base
        and match_degree(line.text)[0] is not None
        and dates.find_span(plain(previous.text), single="end") is not None
    )


def lead_emphasis(text):
    """('Bold part', 'rest') for '**Org** rest', '*Role* rest' or broken 'Org** rest'."""
    text = text.strip()
    if "<" in text:
        text = _B_TAG.sub("**", text)
    if text.startswith(("**", "__")):
        marker = text[:2]
        end = text.find(marker, 2)
        if end > 2:
            return text[2:end].strip(), text[end + 2 :].strip()
        return text[2:].strip(), ""
    if text.startswith(("*", "_")):
        marker = text[0]
        position = 1
        while True:
            end = text.find(marker, position)
            if end < 0:
                return "", text
            if (
                text[end - 1] != "\\"
                and text[end : end + 2] != marker * 2
                and text[end - 1 : end + 1] != marker * 2
            ):
                return text[1:end].strip(), text[end + 1 :].strip()
            position = end + 2
    if "**" in text and text.index("**") > 0:
        # A bold span whose opening marker was lost in conversion: 'Together.AI** May. 2024'.
        head, _, tail = text.partition("**")
        if "*" not in head:
            return head.strip(), tail.replace("**", "").strip()
    return "", text


@per_document
def looks_like_place(text):
    text = plain(text).strip(" ()")
    text = _REMOTE_PREFIX.sub("", text)
    if not text or len(text.split()) > 9 or any(map(str.isdigit, text)):
        return False
    if vocab.ORG_WORDS.search(text):
        return False
    parts = [p.strip(" .()").lower() for p in _PLACE_SEPARATOR.split(text) if p.strip()]
    if not parts:
        return False
    last = parts[-1]
    if last in vocab.COUNTRIES or last in vocab.US_STATES:
        return True
    words = last.split()
    for size in (3, 2, 1):
        if len(words) >= size and " ".join(words[-size:]) in vocab.COUNTRIES:
            return True
    return False


@per_document
def _split_commas(text):
    r"""The parts between commas outside parentheses: 'Lab (A, B), Oslo' -> ['Lab (A, B)', 'Oslo'].

    As re.split(r",\s*(?![^()]*\))", text): a comma is inside when the next parenthesis after
    it is a ')'. Finding that parenthesis by bisection instead of a look-ahead keeps a long
    line of commas linear.
    """
    parentheses = [match.start() for match in _PARENTHESIS.finditer(text)]
    parts, start = [], 0
    for comma in _COMMA.finditer(text):
        after = bisect_left(parentheses, comma.end())
        if after < len(parentheses) and text[parentheses[after]] == ")":
            continue
        parts.append(text[start : comma.start()])
        start = comma.end()
    parts.append(text[start:])
    return parts


def strip_person_title(name):
    return _TITLES.sub("", name.strip(" .,;*")).strip()


def _advisors(text):
    match = _ADVISOR.search(text)
    if not match:
        return None
    rest = text[match.end() :]
    italic = re.findall(r"\*([^*]+)\*", rest)
    if italic:
        names = [strip_person_title(n) for n in italic]
    else:
        rest = plain(rest)
        rest = re.split(r"\s*[;(]|\s+[-–—]\s+", rest)[0]
        names = [strip_person_title(n) for n in re.split(r"\s*(?:,|&|\band\b)\s*", rest)]
    names = [n for n in names if n and len(n.split()) <= 5]
    return ", ".join(names) or None


def _gpa(text):
    match = _GPA.search(plain(text))
    return match.group("value").strip() if match else None


def match_degree(text):
    """('Ph.D.', remainder after the degree) when text names a degree, else (None, text)."""
    bare = _LABELLED_DEGREE.sub("", plain(text)).replace("\u2011", "-").replace("\u2010", "-")
    for degree, pattern in vocab.DEGREE_PATTERNS:
        found = pattern.search(bare)
        if found and found.start() <= 3:
            remainder = bare[found.end() :]
            return degree, remainder
    return None, bare


def field_of(remainder):
    """'in Computer Science, supervised by ...' -> 'Computer Science'."""
    text = re.sub(r"^\s*\((?:[^)]*)\)", "", remainder).strip()
    abbreviated = re.match(r"^[-–]\s*[A-Z][A-Za-z.]{1,6}\s*,\s*(.+)$", text)
    if abbreviated:
        # 'Master of Science - MS, Robotics' as LinkedIn writes it.
        return _FIELD_CUT.split(abbreviated.group(1), maxsplit=1)[0].strip(" .,;:*") or None
    if re.search(r"\bin\b", text):
        text = text[re.search(r"\bin\b", text).end() :]
    elif re.match(r"\s*(?:of|,|:|-|–)\s*", text):
        text = re.sub(r"^\s*(?:of|,|:|-|–)\s*", "", text)
        if re.match(r"(?:science|arts|engineering|philosophy)\b", text, re.I) and not text:
            return None
    else:
        return None
    text = _FIELD_CUT.split(text, maxsplit=1)[0]
    return text.strip(" .,;:*") or None


def _without_lone_stop(text):
    """'University of X, 2016.' less its date leaves 'University of X, .': the stop ended
    the date. 'Acme Inc.' keeps its own."""
    if text.endswith("."):
        kept = text[:-1].rstrip(" ,;")
        if len(kept) < len(text) - 1:
            return kept
    return text


def _clean_org(text):
    text = _without_lone_stop(plain(text).strip(" ,;|-–"))
    text = _name_before_sentence(text)
    return _ACRONYM_TAIL.sub("", text).strip(" ,") or text


def _name_before_sentence(text):
    """'State University, Wooster, OH. Researched the factors of ...' -> 'State University,
    Wooster, OH': a sentence after the name is what was done there."""
    name, stop, sentence = text.partition(". ")
    if stop and len(sentence.split()) >= 8 and len(name.split()) >= 2:
        return name
    return text


_DURATION = re.compile(
    r"^\(?\s*(?:\d+\s+(?:years?|yrs?|months?|mos?)\b\s*){1,2}\)?$|^less than a year$", re.I
)
_DETAIL_LABEL = re.compile(r"^[\w][\w '&/().-]{0,40}[:：]\s*")


def org_like(text):
    """'KTH Royal Institute of Technology' reads as a name of a place; a sentence does not."""
    text = plain(text).strip()
    words = text.split()
    if (
        not words
        or len(words) > 14
        or text.endswith(".")
        and not re.search(r"\b(?:inc|ltd|co|corp|llc|s\.a|gmbh)\.$", text, re.I)
    ):
        return False
    if not (text[0].isupper() or not text[0].isascii()):
        return False
    content = [w for w in words if w.lower() not in vocab.SMALL_WORDS]
    capital = [w for w in content if w[0].isupper() or not w[0].isascii() or w[0] in "(\"'"]
    return bool(content) and len(capital) / len(content) >= 0.6


class Head:
    """What the head lines of an entry say, gathered fragment by fragment."""

    def __init__(self, education):
        self.education = education
        self.org = None
        self.role = None
        self.location = None
        self.span = None
        self.advisor = None
        self.gpa = None
        self.degree = None
        self.degree_text = None
        self.field = None
        self.details = []
        self.org_after_role = None  # an org read from after a title's comma

    def take_span(self, text, *, single):
        found = dates.find_span(text, single=single)
        if not found:
            return text
        span, start, end = found
        if self.span is None:
            self.span = span
        elif span.expected and not self.span.expected:
            self.span = Span(self.span.start, self.span.end, self.span.current, True)
        rest = (text[:start] + " " + text[end:]).strip()
        rest = _SPAN_LEFTOVERS.sub("", rest)
        return _without_lone_stop(_SPACES.sub(" ", rest).strip(" ,;:|·-–—()"))

    def read(self, text, *, emphasized, first):
        """Classify one fragment of a head line."""
        text = self.take_span(
            plain(text), single=("end" if self.education else "both") if first else None
        )
        text = text.strip(" ,;:|·-–—")
        if not text:
            return
        if _DURATION.match(text):
            self.details.append(text)
            return
        advisor = _ADVISOR.search(text)
        if advisor:
            self.advisor = self.advisor or _advisors(text)
            if not self.education and advisor.start() == 0:
                self.details.append(text)
            text = text[: advisor.start()].rstrip(" ,;(")
            if not text:
                return
        if _GPA_WORD.search(text) and _gpa(text):
            self.gpa = self.gpa or _gpa(text)
            return
        if looks_like_place(text):
            if self.location is None:
                self.location = text
            else:
                self.details.append(text)
            return
        if self.education and not self.degree and text.lower() in vocab.STUDY_WORDS:
            self.degree_text = self.degree_text or text
            return
        if self.education and not self.degree:
            degree, remainder = match_degree(text)
            if degree:
                self.degree, self.degree_text = degree, text.split(",")[0].strip()
                self.field, rest = _degree_parts(remainder)
                if rest:
                    self.read(rest, emphasized=False, first=False)
                return
        role, org = _role_dash_org(text) if " - " in text else _role_at_org(text)
        if role and self.role is None and self.org is None:
            # 'Postdoctoral associate - Institute of X, University of Y'.
            self._set_role(role)
            self._set_org(org)
            return
        parts = [p.strip() for p in _split_commas(text) if p.strip()]
        if is_role(parts[0]) and (self.org or len(parts) > 1 or not emphasized or not first):
            rest = ", ".join(parts[1:])
            if rest and is_role(rest):
                self._set_role(text)
            elif self.org is None and _place_then_purpose(parts):
                # 'Visiting Scientist, University of X, grant on Y (A & B)': the place, then
                # what the post was for.
                self._set_role(parts[0])
                self._set_org(parts[1])
                self.details.append(", ".join(parts[2:]))
            elif rest and org_like(rest) and self.org is None:
                self._set_role(parts[0])
                self._set_org(rest)
                self.org_after_role = rest
            elif self.org is None and len(parts) > 2 and _names_institution(parts[1]):
                self._set_role(parts[0])
                self._set_org(parts[1])
                self.details.append(", ".join(parts[2:]))
            elif rest and len(text) > 40:
                self._set_role(parts[0])
                self.details.append(rest)
            else:
                self._set_role(text)
            return
        if self.org is None:
            self._set_org(text)
        elif (
            self.education
            and self.degree
            and not self.field
            and vocab.INSTITUTION_WORDS.search(text)
            and not vocab.INSTITUTION_WORDS.search(self.org)
        ):
            # 'Ph.D. | Resource Economics | University of Maryland': the field came first.
            self.field, self.org = self.org, None
            self._set_org(text)
        elif not self.education and self.role is None and _post_before_institution(self.org, text):
            # '**Research Assistant** (2022–, University of X)': the bold post came first.
            self.role, self.org = self.org, None
            self._set_org(text)
        elif (
            not self.education
            and self.org_after_role == self.org
            and vocab.INSTITUTION_WORDS.search(text)
            and not vocab.INSTITUTION_WORDS.search(self.org)
            and org_like(text)
        ):
            # 'Associate Director, Psychiatric Studies | X Hospital': what followed the
            # title's comma was its subject, and the institution comes after.
            self.role = f"{self.role}, {self.org}"
            self.org = None
            self._set_org(text)
        elif not self.education and _unit_of(self.org, text):
            # 'Intern | Department of Medicine | X Hospital': the unit came first.
            self.details.append(self.org)
            self.org = None
            self._set_org(text)
        elif self.role is None and (emphasized or is_role(text)):
            self._set_role(text)
        else:
            self.details.append(text)

    def _set_role(self, text):
        if self.role is None:
            self.role = text
        else:
            self.details.append(text)

    def _set_org(self, text):
        parts = [p.strip() for p in _split_commas(text) if p.strip()]
        # 'Alibaba Cloud, PAI team, Research Intern' or '..., RA (Prof. Maosong Sun)'.
        if len(parts) >= 2 and is_role(parts[-1]) and not self.education:
            role = parts.pop()
            paren = re.search(r"\(([^)]*)\)", role)
            if paren and re.match(r"\s*(?:prof|dr|advisor|supervisor)", paren.group(1), re.I):
                self.advisor = self.advisor or strip_person_title(
                    re.sub(r"^(?:advisor|supervisor)\s*:\s*", "", paren.group(1), flags=re.I)
                )
                role = role[: paren.start()].strip()
            self._set_role(role)
        # 'University of Somewhere, Lyon, France' keeps the place apart.
        place = []
        while len(parts) > 1 and looks_like_place(", ".join([parts[-1], *place])):
            place.insert(0, parts.pop())
        if place and self.location is None:
            self.location = ", ".join(place)
        self.org = _clean_org(", ".join(parts))


def _post_before_institution(org, text):
    """Whether org, read first, is a post and text the institution that holds it."""
    return (
        is_role(org)
        and not vocab.INSTITUTION_WORDS.search(org)
        and bool(vocab.INSTITUTION_WORDS.search(text))
        and org_like(text)
        and not is_role(text)
    )


def _unit_of(org, text):
    """Whether org names a part of what text names: 'Department of Psychiatry' of 'X
    Hospital' (text naming an institution, and no part of one itself)."""
    return (
        bool(vocab.UNIT_START.match(org))
        and not vocab.UNIT_START.match(text)
        and bool(vocab.INSTITUTION_WORDS.search(text))
        and org_like(text)
    )


def _take_line_span(head, text, *, first):
    """Take the line's date range before the line is cut into fragments at dashes."""
    single = ("end" if head.education else "both") if first else None
    found = dates.find_span(plain(text), single=single)
    if not found:
        return text
    span, start, end = found
    matched = plain(text)[start:end]
    head.take_span(matched, single=single)
    if matched in text:
        at = text.find(matched)
        opening, closing = text.rfind("(", 0, at), text.find(")", at + len(matched))
        inner = opening >= 0 and closing != -1 and ")" not in text[opening:at]
        if inner and "(" not in text[at:closing]:
            # '**Research Assistant** (2022–Present, University of X) Working on ...': what
            # the parentheses hold besides the dates is a fragment of its own.
            inside = text[opening + 1 : at] + " " + text[at + len(matched) : closing]
            inside = inside.strip(" ,;")
            if inside:
                return f"{text[:opening].rstrip()} | {inside} | {text[closing + 1 :].lstrip()}"
        # 'Lecturer, University of X, 2018.' keeps no lone stop where its date was.
        return _without_lone_stop(text.replace(matched, " ", 1).rstrip())
    return head.take_span(plain(text), single=single)


def _fragments(text, line):
    """A head line split into (text, emphasized) pieces at emphasis, columns and dashes."""
    text = _EMPTY_MARKUP.sub(" ", text).strip()
    lead, rest = lead_emphasis(text)
    pieces = [(lead, True), (rest, False)] if lead else [(text, line.bold or line.italic)]
    fragments = []
    for piece, emphasized in pieces:
        for part in _FRAGMENT_SEPARATOR.split(piece):
            if part.strip():
                fragments.append((part, emphasized))
    return fragments


def _head_like(line, education):
    bare = plain(line.text)
    if not bare or len(bare) > 160 or line.listed or line.heading:
        return False
    if _ADVISOR.search(bare) or _GPA_WORD.search(bare):
        return True
    if _DETAIL_LABEL.match(bare) and not _LABELLED_DEGREE.match(bare):
        return False
    if line.bold or line.italic or lead_emphasis(line.text)[0]:
        return True
    found = dates.find_span(bare, single=None)
    if found:
        bare = (bare[: found[1]] + " " + bare[found[2] :]).strip(" ,;:|·-–—")
        if not bare:
            return True
    pieces = [p for p, _ in _fragments(bare, line)]
    return all(
        dates.is_date_only(p)
        or looks_like_place(p)
        or is_role(p.split(",")[0])
        or org_like(p)
        or _DURATION.match(plain(p))
        or (education and match_degree(p)[0])
        for p in pieces
    )


def read_head(entry, *, education):
    """Interpret an entry's lines into a Head; every line ends up somewhere."""
    labels = [labelled_field(line.text) for line in entry]
    if len({label[0] for label in labels if label and label[0] in _KEY_FIELDS}) >= 2:
        return _read_labelled(entry, labels, education=education)
    head = Head(education)
    in_head = True
    for index, line in enumerate(entry):
        bare = plain(line.text)
        if not bare:
            continue
        if dates.is_date_only(bare) and (head.span is None or in_head):
            head.take_span(bare, single="end" if education else "both")
            continue
        if index == 0 and line.heading and is_role(bare) and not education:
            head._set_role(bare)  # '### Research Fellow' over the employer's line
            continue
        if index > 0 and in_head and head.span is None and _read_dated_line(head, bare):
            continue
        if index > 0 and in_head and head.org is None and _read_prose_head(head, line.text):
            in_head = False
            continue
        if index == 0 or (in_head and _head_like(line, education)):
            text = _take_line_span(head, line.text, first=index == 0)
            for fragment, emphasized in _fragments(text, line):
                head.read(fragment, emphasized=emphasized, first=index == 0)
            continue
        in_head = False
        _read_detail(head, line, education)
    _org_from_details(head, entry)
    if not education:
        _swap_role_and_org(head)
        _org_in_title(head)
    if education and not head.degree and head.role:
        degree, remainder = match_degree(head.role)
        head.degree = degree or head.role
        head.degree_text = head.role
        head.field = head.field or field_of(remainder)
    if education and not head.degree and head.org and re.search(r"high school", head.org, re.I):
        head.degree = "High School"
    return head


def _read_labelled(entry, labels, *, education):
    """An entry whose fields are labelled: each label says what its value is; an unlabelled
    first line is what the labels leave out (the role, or the degree and its field); other
    lines are details, or more names under an advisor label."""
    head = Head(education)
    advisors = []
    for line, label in zip(entry, labels, strict=True):
        if label is None:
            continue
        field, value = label
        if field == "org" and head.org is None:
            head._set_org(value)
        elif field == "dates":
            head.take_span(value, single="end" if education else "both")
        elif field == "role":
            head._set_role(value)
        elif field == "degree" and not head.degree:
            degree, remainder = match_degree(value)
            head.degree, head.degree_text = degree or value, value
            head.field = head.field or _degree_parts(remainder)[0]
        elif field == "field":
            head.field = value
        elif field == "location" and head.location is None:
            head.location = value
        elif field == "gpa" and head.gpa is None:
            head.gpa = _gpa(f"grade {value}") or value
        elif field == "advisor":
            advisors.append(value)
        else:
            head.details.append(plain(line.text))
    after_advisor = False
    for index, (line, label) in enumerate(zip(entry, labels, strict=True)):
        if label is not None:
            after_advisor = label[0] == "advisor"
            continue
        bare = plain(line.text)
        if index == 0:
            _read_title(head, bare)
        elif after_advisor and not _DETAIL_LABEL.match(_ORDINAL_LABEL.sub("", bare)):
            advisors.append(bare)  # '2nd: Prof. B. Lee' under 'Supervisors: 1st: ...'
        elif bare:
            _read_detail(head, line, education)
    names = [name for value in advisors for name in _advisor_names(value)]
    head.advisor = ", ".join(dict.fromkeys(names)) or None
    if education and not head.degree and head.role:
        head.degree = head.degree_text = head.role
        head.role = None
    return head


# '1st: ', '2nd: ', 'Co-: ' before an advisor's name.
_ORDINAL_LABEL = re.compile(r"^(?:\d+(?:st|nd|rd|th)|first|second|third|co)\s*[:.-]\s*", re.I)


def _advisor_names(value):
    """'1st: Prof. Ann Lee (University of X, UK)' -> ['Ann Lee']; 'A. Roy and B. Sen' -> two."""
    text = without_parentheses(_ORDINAL_LABEL.sub("", value), " ")
    names = [strip_person_title(n) for n in re.split(r"\s*(?:[,;&]|\band\b)\s*", text)]
    return [name for name in names if name and len(name.split()) <= 5]


def _read_title(head, text):
    """The unlabelled line over labelled fields: a job's role, or a degree with its field
    ('Bachelor Psychology'), or what was studied when it names no degree."""
    if not head.education:
        if head.role is None:
            head._set_role(text)
        elif head.org is None:
            head._set_org(text)
        else:
            head.details.append(text)
        return
    degree, remainder = match_degree(text)
    if degree is None:
        degree, remainder = _degree_within(text)
    if degree and not head.degree:
        head.degree = degree
        head.degree_text = text[: len(text) - len(remainder)].strip(" ,") or text
        head.field = head.field or field_of(remainder) or remainder.strip(" ,:-–") or None
    elif head.org is None:
        head._set_org(text)
    elif not head.field:
        head.field = text
    else:
        head.details.append(text)


def _degree_within(text):
    """A degree word after a qualifier: 'Research Master Social Sciences' -> ('M.S.', ...)."""
    words = text.split()
    for start in range(1, min(len(words), 3)):
        degree, remainder = match_degree(" ".join(words[start:]))
        if degree:
            return degree, remainder
    return None, text


def _read_dated_line(head, text):
    """'Institute of X, Oslo, Norway    2019 – 2022 Project on Y. Supervisor: Z' under a
    title: what stands before the entry's dates is its head, what follows is a detail."""
    found = dates.find_span(text, single="end" if head.education else "both")
    if not found or found[1] == 0:
        return False
    before, after = text[: found[1]].strip(" ,;|-–—."), text[found[2] :].strip(" ,;|-–—")
    if not org_like(_split_commas(before)[0]) or len(before) > 120:
        return False
    if head.org and head.role is None and is_role(head.org):
        # '**Research Assistant**' over 'Institute of X, Oslo  2015 – 2016': the bold
        # title was read as the organisation.
        head.role, head.org = head.org, None
    sentence = after.endswith(".") or ": " in after or len(after.split()) > 6
    if after and not sentence:
        return False  # 'Org, Oslo 2019 – 2022 Research Assistant': a head line as any other
    head.take_span(text[found[1] : found[2]], single="end" if head.education else "both")
    for fragment, emphasized in _fragments(before, Line(0, before, before)):
        head.read(fragment, emphasized=emphasized, first=False)
    if after:
        advisor = _ADVISOR.search(after)
        if advisor:
            head.advisor = head.advisor or _advisors(after[advisor.start() :])
            after = after[: advisor.start()].strip(" ,;(")
        if after:
            head.details.append(after)
    return True


# 'de 6 mois', 'of 3 months', 'von 8 Wochen': how long a post lasted, after its name.
_DURATION_OF = re.compile(
    r"\s+(?:de|of|von|di)\s+\d+\s+(?:mois|semaines|ans|months?|weeks?|years?|monate[n]?|wochen"
    r"|mesi|settimane)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"\.\s")
# Where a sentence goes on past the place: '... à l'ENS Cachan dans l'équipe de ...'.
_PLACE_CUT = re.compile(r"\s+(?:dans|sous|within|under|in the group|im team)\b", re.IGNORECASE)


def _read_prose_head(head, text):
    """A dated entry told in a sentence, under its date: 'Org : **Master 2** in X ...' or
    '**Post-doctorat** à l'Institut Pasteur, équipe de ...'. True when it gave the place."""
    bare = plain(text)
    org, colon, rest = bare.partition(" : ")
    if colon and org_like(org) and len(org.split()) <= 8:
        head._set_org(org)
        lead, _ = lead_emphasis(text.partition(" : ")[2])
        title = lead or rest
    else:
        lead, after = lead_emphasis(text)
        if not lead:
            # 'Stage de 6 mois au sein du Laboratoire X (CNRS). ...': no emphasis, a post
            # and where it was held.
            found = vocab.PLACE_IN_SENTENCE.search(bare)
            if not found or not is_role(_DURATION_OF.sub("", bare[: found.start()])):
                return False
            lead, after = _DURATION_OF.sub("", bare[: found.start()]).strip(), bare[found.start() :]
        at = vocab.PLACE_AFTER_TITLE.match(plain(after))
        if not at:
            return False
        place = _SENTENCE_END.split(plain(after)[at.end() :], maxsplit=1)[0]
        place = _PLACE_CUT.split(_FIELD_CUT.split(place, maxsplit=1)[0], maxsplit=1)[0]
        place = place.strip(" .")
        named = vocab.ORG_WORDS.search(place) and len(place.split()) <= 16
        if not (org_like(place) or named):
            return False
        head._set_org(place)
        title = lead
    if head.education:
        degree, _ = match_degree(title)
        if degree is None and is_role(title):
            head.role = title  # a post in a career told as one list: a job
        elif not head.degree:
            head.degree, head.degree_text = degree or title, title
    else:
        head._set_role(title)
    head.details.append(bare)
    return True


def _role_dash_org(text):
    """('Research Fellow', 'Lab of X, University Y') for 'Research Fellow - Lab of X, ...'."""
    role, dash, org = text.partition(" - ")
    if not dash or not is_role(role) or "," in role:
        return None, None
    if not (vocab.INSTITUTION_WORDS.search(org) and org_like(_split_commas(org)[0])):
        return None, None
    return role.strip(), org.strip()


def _role_at_org(text):
    """('Research Assistant', 'University of X') for 'Research Assistant at University of X'."""
    found = vocab.ROLE_AT_ORG.search(text)
    if not found:
        return None, None
    role, org = text[: found.start()].strip(), text[found.end() :].strip()
    if not is_role(role) or not (org_like(org) and _names_org(org)):
        return None, None
    return role, org


def _degree_parts(remainder):
    """The field and the rest after a degree: ', Sociology, University of Oslo' ->
    ('Sociology', 'University of Oslo'); ' in Physics, MIT' -> ('Physics', 'MIT')."""
    parts = [p.strip() for p in _split_commas(remainder.strip(" ,;:-–")) if p.strip()]
    place = next((i for i, part in enumerate(parts) if vocab.INSTITUTION_WORDS.search(part)), None)
    if place is None or (place == 0 and re.match(r"(?:in|of)\b", parts[0])):
        return field_of(remainder), _after_field(remainder)
    field = ", ".join(parts[:place])
    field = re.sub(r"^(?:in|of)\s+", "", field).strip(" .,;:*") or None
    return field, ", ".join(parts[place:]).strip(" .*") or None


def _after_field(remainder):
    """What follows the field: ', University of Edinburgh' in 'Ph.D. in Robotics, U...'."""
    parts = remainder.split(",", 1)
    if len(parts) == 2 and re.search(r"\bin\b|^\s*[-–]\s*[A-Z.]{2,6}\s*$", parts[0]):
        return parts[1].strip(" .*") or None
    return None


def _names_institution(text):
    return bool(vocab.INSTITUTION_WORDS.search(text)) and org_like(text)


def _place_then_purpose(parts):
    """['Role', 'University of X', 'grant on Y'], where what follows the institution names
    neither a place nor another institution."""
    if len(parts) < 3 or not _names_institution(parts[1]):
        return False
    after = ", ".join(parts[2:])
    return not (looks_like_place(after) or vocab.INSTITUTION_WORDS.search(after))


def _names_org(text):
    text = plain(text)
    return bool(vocab.INSTITUTION_WORDS.search(text) or vocab.ORG_WORDS.search(text)) and (
        org_like(text) and not _DETAIL_LABEL.match(text)
    )


def _org_from_details(head, entry):
    """'2021-2022: Research Intern' over '  Institute of X': the organisation on the line
    below a head that named only a role (or a role read as the organisation)."""
    if head.education or not head.details or (head.org and head.role):
        return
    first = _name_before_sentence(head.details[0].strip())
    named = _names_org(first) or (
        # 'Casual employee (Analyst)' over 'Health Canada (Office of X)': the line under a
        # post that names it in capitals, short and with no sentence's stop.
        head.role
        and head.org is None
        and org_like(without_parentheses(first, " "))
        and not first.endswith((".", ";", ":"))
    )
    if not named:
        return
    if head.org is None:
        head.org = _clean_org(first)
    elif not _names_org(head.org):
        head.role, head.org = head.org, _clean_org(first)
    else:
        return
    whole = head.details.pop(0).strip()
    if whole != first:
        head.details.insert(0, whole[len(first) :].strip(" ."))  # the sentence after it


_ACRONYM_LEAD = re.compile(r"^([A-Z][A-Z&]{1,5})\s+(.+)$")


def _org_in_title(head):
    """'NRAO Jansky Fellow, Socorro' or 'ESO Fellow, Garching': the organisation's acronym
    leads the title, and the one word after the comma, no organisation's name, is the place."""
    lead = _ACRONYM_LEAD.match(head.role or "")
    if not lead or not is_role(lead.group(2)) or head.location:
        return
    org = head.org or ""
    if len(org.split()) == 1 and not (vocab.ORG_WORDS.search(org) or org.isupper()):
        head.location, head.org = org, lead.group(1)


def _swap_role_and_org(head):
    """'**Assistant Professor**' over '*Institute of X*': the bold title was read first."""
    if not (head.org and head.role and is_role(head.org) and not is_role(head.role)):
        return
    named = _names_org(head.role) or org_like(head.role) and len(head.role.split()) <= 6
    if named and not vocab.INSTITUTION_WORDS.search(head.org):
        # ... and '**Music Editor – Redbrick**': a post, then a name with no org word.
        head.org, head.role = _clean_org(head.role), head.org


def _read_detail(head, line, education):
    bare = plain(line.text)
    if education:
        degree, remainder = match_degree(bare)
        if degree and not head.degree and _LABELLED_DEGREE.match(bare):
            head.degree, head.degree_text = degree, _LABELLED_DEGREE.sub("", bare)
            head.field = field_of(remainder)
            return
        if not head.gpa and re.search(r"\bgpa\b", bare, re.IGNORECASE) and _gpa(bare):
            head.gpa = _gpa(bare)
            return
    if _ADVISOR.match(bare) and not head.advisor:
        head.advisor = _advisors(line.text)
        if education:
            return
    prefix = "  " * min(line.indent // 2, 3) if line.indent >= 2 and line.listed else ""
    head.details.append(prefix + bare)


def _names_degree(title):
    """'Promotion' or 'Studium' heads an education entry; 'PhD student' a job."""
    if not title or is_role(title):
        return False
    if plain(title).lower() in vocab.STUDY_WORDS:
        return True
    degree, remainder = match_degree(title)
    return bool(degree) and not re.match(r"\s*(?:to|as)\b", remainder)


def _is_job(head):
    """An entry of an education section that names a post no student holds and no degree:
    'Post-doctorat à l'Institut X' in a 'Cursus'."""
    if head.degree_text != head.role or not head.role:
        return False
    words = without_parentheses(plain(head.role)).lower().replace(",", " ").split()
    employed = any(word.strip(".") in vocab.EMPLOYMENT_ROLE_WORDS for word in words)
    return employed and match_degree(head.role)[0] is None


def parse_positions(block):
    """(education, jobs) of an education or experience section, each entry where it belongs:
    CVs list a career in one section ('Werdegang', 'Cursus'), degrees among the jobs."""
    education, jobs = [], []
    _, entries = entries_of(block)
    for entry, employer in _posts_under_employers(entries, kind=block.kind):
        if employer and block.kind == "education":
            education.extend(_education_records([entry], institution=employer)[0])
            continue
        if employer:
            jobs.extend(_job_records([entry], previous=jobs, employer=employer)[0])
            continue
        if block.kind == "education":
            head = read_head(entry, education=True)
            if _is_job(head):
                jobs.extend(_job_records([entry])[0])
            else:
                education.extend(_education_records([entry])[0])
            continue
        head = read_head(entry, education=False)
        if _names_degree(head.role) or (not head.role and _names_degree(head.org)):
            education.extend(_education_records([entry])[0])
        elif head.role or not _names_degree(head.org):
            jobs.extend(_job_records([entry], previous=jobs)[0])
        elif _names_degree(head.org):
            education.extend(_education_records([entry])[0])
    return education, jobs


def _education_records(entries, preamble=(), institution=None):
    preamble = list(preamble)
    records = []
    for entry in entries:
        head = read_head(entry, education=True)
        if institution and head.org != institution:
            head.details = [part for part in (head.org,) if part] + head.details
            head.org = institution
        if not head.org:
            preamble = [*preamble, *entry]
            continue
        span = head.span or Span()
        records.append(
            Education(
                institution=head.org,
                degree=head.degree,
                degree_text=head.degree_text,
                field=head.field,
                start=span.start,
                end=span.end,
                current=span.current,
                expected=span.expected,
                advisor=head.advisor,
                gpa=head.gpa,
                location=head.location,
                details=tuple(head.details),
                line=entry[0].number,
                lines=tuple(line.number for line in entry),
            )
        )
    return records, preamble


def _serves(head):
    """'Committee Member for the X Conference', 'Panel Chair for Y': service to a committee
    or a review, listed among posts, is no job (its lines stay for a curator)."""
    title = " ".join(part for part in (head.role, head.org) if part)
    return bool(vocab.SERVICE_ROLE.search(title))


def _posts_under_employers(entries, *, kind):
    """(entry, employer) pairs: an entry that is an employer's name over two or more lines
    that each open with their dates ('**Northfield University**' / '2019–2021 | Lecturer' /
    '2021– | Professor, Institute of X') is one entry per post, each at that employer."""
    for entry in entries:
        base = _base_indent(entry)
        rows = [
            i
            for i, line in enumerate(entry)
            if i and line.indent <= base + 1 and (_dated(line) or _dated_degree(line, kind))
        ]
        employer = None
        if len(rows) >= 2 and not dates.find_span(entry[0].plain):
            employer = read_head(entry[:1], education=kind == "education").org
        if not employer or not _names_org(employer):
            yield entry, None
            continue
        for start, end in zip([0, *rows[1:]], [*rows[1:], len(entry)], strict=True):
            yield entry[start:end], employer


def _dated_degree(line, kind):
    """'M.Phil. in Astronomy | 2018' under an institution: one of its degrees."""
    return (
        kind == "education"
        and match_degree(line.text)[0] is not None
        and dates.find_span(line.plain, single="both") is not None
    )


def _dated(line):
    """Whether a line is one post with its dates: '2019–2021 | Lecturer', or a title that
    ends with them, 'Assistant Professor of Statistics: 2018-2024'."""
    found = dates.find_span(line.plain, single="both")
    if found is None:
        return False
    before, after = line.plain[: found[1]].strip(" |:–-,("), line.plain[found[2] :].strip(" |:–-,)")
    if found[1] == 0:
        return bool(after)
    return not after and len(before.split()) <= 8 and is_role(before)


def _job_records(entries, preamble=(), previous=(), employer=None):
    preamble = list(preamble)
    records = []
    for entry in entries:
        head = read_head(entry, education=False)
        if employer and head.org != employer:
            # What a post's line names besides its title is a unit of the employer.
            head.role = ", ".join(part for part in (head.role, head.org) if part) or None
            head.org = employer
        earlier = records or previous
        if not head.org and head.role and earlier:
            # Several roles listed under one employer ('Helix Robotics' then two titles).
            head.org = earlier[-1].organization
        if (
            not head.org
            or _serves(head)
            or sum(c.isalpha() for c in head.org) < 2
            or not (head.span or head.role or org_like(head.org))
        ):
            # An undated line that names no post and no organisation ('Recent activities')
            # is no job.
            preamble = [*preamble, *entry]
            continue
        span = head.span or Span()
        records.append(
            Job(
                organization=head.org,
                title=head.role,
                location=head.location,
                start=span.start,
                end=span.end,
                current=span.current,
                details=tuple(head.details),
                line=entry[0].number,
                lines=tuple(line.number for line in entry),
                advisor=head.advisor,
            )
        )
    return records, preamble


def _org_words(name):
    return {w for w in name_key(name).split() if w not in vocab.ORG_NOISE_WORDS and len(w) > 1}


def merge_duplicate_jobs(jobs):
    """(jobs, merges): the same position described twice (a short list and a detailed
    section) is one job, and each merge is (the kept job, the one merged into it).

    Twins have the same dates and either the same organisation (one name holds every word of
    the other: 'Northfield University' and 'Northfield University, School of Rivers') under
    titles that may be one post, or one title (or one the other goes on from) at
    organisations that share a word. Two interns at 'X Research Asia' and 'X Azure' the same
    year are two jobs, and so are a 'Research Assistant' and a 'Freelance Writer' the same
    summer at one university.
    """
    merged, by_dates, merges = [], {}, []
    for job in jobs:
        key = (job.start, job.end, job.current)
        twin = (
            next((i for i in by_dates.get(key, []) if _twins(job, merged[i])), None)
            if job.start
            else None
        )
        if twin is None:
            by_dates.setdefault(key, []).append(len(merged))
            merged.append(job)
            continue
        kept = merged[twin]
        merges.append((kept, job))
        merged[twin] = Job(
            organization=kept.organization,
            title=kept.title or job.title,
            location=kept.location or job.location,
            start=kept.start,
            end=kept.end,
            current=kept.current,
            details=kept.details + job.details,
            line=kept.line,
            lines=kept.lines + job.lines,
            advisor=kept.advisor or job.advisor,
        )
    return merged, merges


def _twins(one, other):
    words, others = _org_words(one.organization), _org_words(other.organization)
    same_org = bool(words and others) and (words <= others or others <= words)
    if same_org:
        return _same_post(one.title, other.title)
    return _same_title(one.title, other.title) and bool(words & others)


def _same_title(one, other):
    """One title, or one the other goes on from: 'Research Intern' and 'Research Intern,
    Technical Architecture'."""
    if not one or not other:
        return False
    shorter, longer = sorted((name_key(one), name_key(other)), key=len)
    return bool(shorter) and (longer == shorter or longer.startswith(shorter + " "))


def _same_post(one, other):
    """Titles that may name one post: either is missing, or they share a word."""
    if not one or not other:
        return True
    return bool(_org_words(one) & _org_words(other))
