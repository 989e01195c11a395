"""A CV data file: YAML or JSON that states a CV as keys and lists (JSON Resume's basics /
work / education / publications, al-folio's `_data/cv.yml` list of titled sections, RenderCV's
cv.sections, and the many hand-made `education: [{institution, degree, year}]` files).

PyYAML composes the YAML into nodes that know their lines, and json's pure-Python scanner,
hooked as from_json does, gives JSON the same; both become one `Node` tree. Keys are then
mapped by vocabulary (CV_DATA_KEYS below, and vocab.SECTION_PATTERNS for section names),
never by one file's exact layout: a key naming education holds Education records, one
naming jobs holds Jobs, one naming publications holds Publications (its sub-keys say their
kind); everything else becomes a Section, one item per entry.

Limits: a value is read only by its key, so a CV data file with keys in no vocabulary gives
sections titled by those keys; entries written as one string ('PhD, MIT, 2020') are kept as
section items, not split; YAML aliases are followed up to a budget, tags are ignored.
"""

import json
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from json.decoder import JSONArray, JSONObject
from json.scanner import py_make_scanner

import yaml

from profiles.importer import vocab
from profiles.importer.interpret import dates
from profiles.importer.interpret.authors import split_authors
from profiles.importer.interpret.citations import status_of
from profiles.importer.interpret.positions import match_degree
from profiles.importer.read import DocumentError
from profiles.importer.records import (
    Author,
    Education,
    Job,
    Link,
    ParsedDocument,
    PersonInfo,
    Publication,
    Section,
    Span,
    Unparsed,
)

STRUCTURED = True

# Key synonyms, compared after _key(): lower case, '_' '-' and camelCase as spaces.
CV_DATA_KEYS = {
    # The person.
    "name": {"name", "full name", "fullname"},
    "first name": {"first name", "firstname", "given name", "given names", "forename"},
    "last name": {"last name", "lastname", "family name", "surname"},
    "email": {"email", "emails", "e mail", "mail", "email address"},
    "phone": {"phone", "phones", "mobile", "telephone", "tel", "cell", "phone number"},
    "homepage": {"website", "homepage", "home page", "url", "web", "site", "webpage"},
    "headline": {"label", "headline", "position", "current position", "tagline", "occupation"},
    "affiliation": {"affiliation", "affiliations", "organization", "institution"},
    "location": {"location", "address", "city", "residence"},
    "links": {"profiles", "social", "socials", "social networks", "links", "accounts"},
    "about": {"summary", "about", "bio", "biography", "objective", "about me", "profile"},
    # Mappings whose keys are the person's (and may hold sections, as RenderCV's cv: does).
    "person": {
        "basics",
        "meta",
        "personal",
        "personal info",
        "personal information",
        "contact",
        "contact info",
        "contact information",
        "info",
        "header",
        "cv",
        "identity",
        "general information",
    },
    # Mappings whose keys are sections.
    "sections": {"sections", "content", "contents", "cv sections", "entries"},
}
# Link keys in the person's mapping: key -> label.
LINK_KEYS = {
    "github": "GitHub",
    "gitlab": "GitLab",
    "linkedin": "LinkedIn",
    "twitter": "Twitter",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "orcid": "ORCID",
    "google scholar": "Google Scholar",
    "scholar": "Google Scholar",
    "researchgate": "ResearchGate",
    "blog": "Blog",
}
# An entry's fields: record field -> the keys that hold it, first present wins.
EDUCATION_FIELDS = {
    "institution": ("institution", "school", "university", "college", "organization", "name"),
    "degree": ("degree", "study type", "studytype", "title", "qualification", "program"),
    "field": ("area", "field", "major", "subject", "discipline", "specialization"),
    "advisor": ("advisor", "advisors", "adviser", "supervisor", "supervisors"),
    "gpa": ("gpa", "score", "grade"),
    "location": ("location", "place", "city"),
    "details": ("highlights", "description", "details", "courses", "notes", "summary", "thesis"),
}
JOB_FIELDS = {
    "organization": (
        "organization",
        "organisation",
        "company",
        "employer",
        "institution",
        "name",
        "department",
        "where",
    ),
    "title": ("position", "title", "role", "job title", "job", "rank"),
    "location": ("location", "place", "city"),
    "advisor": ("advisor", "supervisor", "mentor", "pi"),
    "details": ("highlights", "description", "details", "summary", "responsibilities", "notes"),
}
PUBLICATION_FIELDS = {
    "title": ("title", "name"),
    "authors": ("authors", "author", "by"),
    "venue": (
        "journal",
        "venue",
        "booktitle",
        "book title",
        "conference",
        "proceedings",
        "publication",
        "publisher",
        "school",
        "in",
    ),
    "abstract": ("abstract", "summary"),
    "status": ("status", "pubstate"),
    "doi": ("doi",),
    "arxiv": ("arxiv", "eprint", "arxiv id"),
    "awards": ("award", "awards", "honor", "honors"),
    "kind": ("type", "kind", "category"),
}
DATE_FIELDS = {
    "start": ("start date", "startdate", "start", "from", "year start", "start year", "begin"),
    "end": ("end date", "enddate", "end", "to", "year end", "end year", "until", "finish"),
    "when": ("year", "years", "date", "dates", "release date", "period", "duration", "time"),
    "current": ("ongoing", "current", "present", "currently", "is current"),
}
# Publication fields kept by the stored text only: page numbers are not a record's field.
BIBLIOGRAPHIC_KEYS = {"volume", "issue", "number", "pages", "article number", "month", "issn"}
BIBLIOGRAPHIC_KEYS |= {"isbn", "id", "key", "citekey", "selected", "bibtex", "bib"}
# Which field of a venue key gives the kind: 'journal: X' is a journal article.
VENUE_KEY_KINDS = {"journal": "journal", "booktitle": "conference", "conference": "conference"}
VENUE_KEY_KINDS |= {"proceedings": "conference", "school": "thesis"}
KIND_WORDS = [
    ("preprint", vocab.PREPRINT_WORDS),
    ("patent", vocab.PATENT_WORDS),
    ("thesis", vocab.THESIS_WORDS),
    ("journal", vocab.JOURNAL_WORDS),
    ("conference", vocab.CONFERENCE_WORDS),
    ("book", vocab.BOOK_WORDS),
]
# Lists of entries under one of these keys hold entries (al-folio: title/type/contents).
CONTENT_KEYS = ("contents", "content", "items", "entries")
LINK_FIELDS = {"url": "Link", "link": "Link", "pdf": "PDF", "html": "Link", "code": "Code"}
LINK_FIELDS |= {"slides": "Slides", "video": "Video", "poster": "Poster", "website": "Website"}
LINK_FIELDS |= {"paper": "Paper", "preprint": "Preprint", "project": "Project"}
MAX_NODES = 200_000  # values read, aliases followed: bounds a 'billion laughs' file
MAX_DEPTH = 60

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NOT_KEY = re.compile(r"[\s_\-.:]+")
_OPEN = {word.lower() for word in vocab.OPEN_END_WORDS}
_EXPECTED = re.compile(r"\b(expected|anticipated|exp\.)", re.IGNORECASE)
_YEAR = re.compile(r"^\d{4}$")


@dataclass
class Node:
    """A value with its lines: value is a dict of str -> Node, a list of Node, or a scalar."""

    value: object
    line: int
    last: int
    key_line: int | None = None  # the line of the key that names it in its mapping
    keys: dict = field(default_factory=dict)  # _key(k) -> k, for a mapping

    def lines(self):
        return tuple(range(self.key_line or self.line, self.last + 1))

    def get(self, names):
        """The first of names (normalised keys) present with a value: a Node or None."""
        for name in names:
            key = self.keys.get(name)
            if key is not None and not _empty(self.value[key].value):
                return self.value[key]
        return None


def parse(text, *, source, sha256, as_of, warnings=(), encoding="utf-8"):
    """A CV data file's text -> ParsedDocument.

    parse('name: Ada Example\\neducation:\\n  - institution: Example University\\n'
    '    degree: PhD\\n    year: 2020\\n', ...) -> person Ada Example (line 1), education
    (Education('Example University', degree='Ph.D.', end='2020', line=3, lines=(3, 4, 5)),).
    """
    root = load(text, source)
    reader = _Reader(text, as_of)
    reader.top(root)
    return reader.document(source, sha256, tuple(warnings), encoding)


def looks_like_cv_data(obj):
    """Whether decoded JSON is a CV data file (JSON Resume, or CV-like keys), not the
    project's own export: {'basics': {...}, 'work': [...]} -> True."""
    if not isinstance(obj, dict):
        return False
    if isinstance(obj.get("person"), dict) and "jobs" in obj and "publications" in obj:
        return False  # the import preview / export format (from_json reads it)
    if isinstance(obj.get("basics"), dict):
        return True
    kinds = {_kind(str(key)) for key in obj}
    return len(kinds & {"person", "education", "experience", "publications", "name"}) >= 2


# Loading --------------------------------------------------------------------------------


def load(text, source):
    """The file's root Node: JSON when it reads as JSON, else YAML; DocumentError if neither."""
    if text.lstrip("\ufeff \t\n").startswith(("{", "[")):
        try:
            return _load_json(text)
        except json.JSONDecodeError:
            pass  # YAML's flow style reads much that JSON refuses
        except RecursionError:
            raise DocumentError(source, "not a CV data file: nested too deeply") from None
    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}" if mark else ""
        raise DocumentError(source, f"not valid YAML ({exc.problem}{where})") from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise DocumentError(source, f"not valid YAML ({type(exc).__name__})") from None
    documents = [d for d in documents if d is not None]
    if not documents or not all(
        isinstance(d, yaml.MappingNode | yaml.SequenceNode) for d in documents
    ):
        raise DocumentError(source, "not a CV data file: no keys or lists in it")
    converter = _YamlNodes(source)
    nodes = [converter.node(d, 0) for d in documents]
    if len(nodes) == 1:
        return nodes[0]
    return Node([*nodes], nodes[0].line, nodes[-1].last)


class _YamlNodes:
    def __init__(self, source):
        self.source = source
        self.count = 0
        self.constructor = yaml.SafeLoader("")

    def node(self, node, depth):
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            raise DocumentError(self.source, "not a CV data file: too many values (aliases?)")
        first = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            end = node.end_mark
            last = end.line if end.column == 0 and end.line > node.start_mark.line else end.line + 1
            return Node(self.scalar(node), first, max(first, last))
        if isinstance(node, yaml.SequenceNode):
            items = [self.node(item, depth + 1) for item in node.value]
            return Node(items, first, self.last(node, items, first))
        mapping, keys = {}, {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                continue  # a complex key, or '<<' (the merged mapping's lines are its own)
            value = self.node(value_node, depth + 1)
            value.key_line = key_node.start_mark.line + 1
            name = str(key_node.value)
            mapping[name] = value
            keys.setdefault(_key(name), name)
        items = list(mapping.values())
        result = Node(mapping, first, self.last(node, items, first), keys=keys)
        return result

    def last(self, node, items, first):
        if node.flow_style or not items:
            return max(first, node.end_mark.line + 1 - (node.end_mark.column == 0))
        return max(first, *(item.last for item in items))

    def scalar(self, node):
        if node.tag == "tag:yaml.org,2002:null" or node.value in ("", "~"):
            try:
                return self.constructor.construct_object(node)
            except (yaml.YAMLError, ValueError):
                return node.value
        try:
            value = self.constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError):
            return node.value
        return value if isinstance(value, str | int | float | bool | date) else node.value


def _load_json(text):
    """json.loads, with each value's lines (from_json's hook, extended to arrays and values)."""
    newlines = [match.start() for match in re.finditer("\n", text)]

    def line_at(index):
        return bisect_left(newlines, index) + 1

    def recording(scan_once, starts):
        def scan(string, index):
            starts.append(index)
            return scan_once(string, index)

        return scan

    def wrap(value, start):
        if isinstance(value, Node):
            return value
        return Node(value, line_at(start), line_at(start))

    def key_line(string, start):
        index = start - 1
        while index > 0 and string[index] in " \t\r\n":
            index -= 1
        return line_at(index)

    def parse_object(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo=None):
        string, begin = s_and_end
        starts = []
        pairs, end = JSONObject(s_and_end, strict, recording(scan_once, starts), None, list, memo)
        mapping, keys = {}, {}
        for (name, value), start in zip(pairs, starts, strict=True):
            node = wrap(value, start)
            node.key_line = key_line(string, start)
            mapping[name] = node
            keys.setdefault(_key(name), name)
        return Node(mapping, line_at(begin - 1), line_at(end - 1), keys=keys), end

    def parse_array(s_and_end, scan_once):
        starts = []
        values, end = JSONArray(s_and_end, recording(scan_once, starts))
        items = [wrap(value, start) for value, start in zip(values, starts, strict=True)]
        return Node(items, line_at(s_and_end[1] - 1), line_at(end - 1)), end

    decoder = json.JSONDecoder()
    decoder.parse_object = parse_object
    decoder.parse_array = parse_array
    decoder.scan_once = py_make_scanner(decoder)
    root = decoder.decode(text)
    if not isinstance(root, Node) or not isinstance(root.value, dict | list):
        raise json.JSONDecodeError("not an object or array", text, 0)
    return root


# Reading --------------------------------------------------------------------------------


class _Reader:
    def __init__(self, text, as_of):
        self.text = text
        self.source_lines = text.split("\n")
        self.as_of = as_of
        self.person = {"emails": [], "phones": [], "links": [], "lines": set()}
        self.education, self.jobs, self.publications, self.sections = [], [], [], []
        self.layout, self.unparsed = set(), []
        self.personal = []  # the person's values no record holds: (text, node)

    def top(self, root):
        if isinstance(root.value, list):
            self.titled_sections(root)
        else:
            self.mapping(root, person=True)

    def titled_sections(self, node):
        """al-folio's list of {title, type, contents}; other lists are one section each."""
        for item in node.value:
            title = item.get(("title", "name", "section")) if isinstance(item.value, dict) else None
            contents = item.get(CONTENT_KEYS) if title else None
            if isinstance(item.value, list):
                self.titled_sections(item)
            elif title is not None and contents is not None:
                self.layout.update(range(item.line, contents.key_line or contents.line))
                self.section(str(title.value), _as_mapping(contents), person=False)
            elif isinstance(item.value, dict):
                self.mapping(item, person=True)
            else:
                self.unread(item)

    def mapping(self, node, *, person):
        for name, value in node.value.items():
            self.section(name, value, person=person)

    def section(self, name, value, *, person):
        """One key of a mapping: a person's field, records, or a Section."""
        kind = _kind(name)
        if _empty(value.value):
            self.layout.update(value.lines())
        elif kind == "person" and isinstance(value.value, dict):
            self.layout.add(value.key_line or value.line)
            self.mapping(value, person=True)
        elif kind == "sections" and isinstance(value.value, dict | list):
            self.layout.add(value.key_line or value.line)
            if isinstance(value.value, dict):
                self.mapping(value, person=False)
            else:
                self.titled_sections(value)
        elif person and kind in PERSON_FIELDS:
            PERSON_FIELDS[kind](self, name, value)
        elif kind == "education":
            self.records(value, self.education_entry, name)
        elif kind == "experience":
            self.records(value, self.job_entry, name)
        elif kind and kind.startswith("publications"):
            self.publication_list(value, kind.partition(":")[2] or None, name)
        elif person and isinstance(value.value, str | int | float | date):
            # Date of birth, nationality, a site's layout name: kept, as an item.
            self.personal.append((f"{_title(name)}: {_joined(value)}", value))
        else:
            self.free(_title(name), value)

    # The person ----------------------------------------------------------------------

    def person_text(self, field_name, value):
        text = _text(value.value)
        if text and not self.person.get(field_name):
            self.person[field_name] = text
        self.person["lines"].update(value.lines())

    def person_name(self, name, value):
        if isinstance(value.value, dict):  # {first: Ada, last: Example}
            parts = [_text(value.value[k].value) for k in value.value]
            value = Node(" ".join(p for p in parts if p), value.line, value.last, value.key_line)
        self.person_text("name", value)

    def person_part(self, name, value):
        self.person[_kind(name)] = _text(value.value)
        self.person["lines"].update(value.lines())

    def person_emails(self, name, value):
        self.person_list("emails", value)

    def person_phones(self, name, value):
        self.person_list("phones", value)

    def person_list(self, field_name, value):
        for item in _scalars(value):
            if item not in self.person[field_name]:
                self.person[field_name].append(item)
        self.person["lines"].update(value.lines())

    def person_headline(self, name, value):
        text = _joined(value) if isinstance(value.value, dict | list) else _text(value.value)
        self.person_text("headline", Node(text, value.line, value.last, value.key_line))

    def person_location(self, name, value):
        text = _joined(value) if isinstance(value.value, dict | list) else _text(value.value)
        self.person_text("location", Node(text, value.line, value.last, value.key_line))

    def person_links(self, name, value):
        items = value.value.items() if isinstance(value.value, dict) else enumerate(value.value)
        if not isinstance(value.value, dict | list):
            items = [(name, value)]
        for label, item in items:
            if isinstance(item.value, dict):
                url = item.get(("url", "link", "href"))
                network = item.get(("network", "label", "name", "site"))
                username = item.get(("username", "user", "handle"))
                label = _text(network.value) if network else _title(str(label))
                url = _text(url.value) if url else ""
                if not url and username:
                    url = _text(username.value)
            else:
                url = _text(item.value)
                label = LINK_KEYS.get(_key(str(label)), _title(str(label)) if label else "Link")
            self.link(label or "Link", url)
        self.person["lines"].update(value.lines())

    def person_link(self, name, value):
        self.link(LINK_KEYS[_kind(name).removeprefix("link:")], _text(value.value))
        self.person["lines"].update(value.lines())

    def link(self, label, url):
        url = _url(url)
        if url and all(link.url != url for link in self.person["links"]):
            self.person["links"].append(Link(label, url))

    def person_homepage(self, name, value):
        url = _url(_text(value.value))
        if url:
            self.person_text("homepage", Node(url, value.line, value.last, value.key_line))
        else:
            self.unread(value)

    def about(self, name, value):
        self.free("About", value)

    # Records -------------------------------------------------------------------------

    def records(self, value, make, name):
        """A list (or a mapping of lists) of entries, each made into a record by make."""
        self.layout.add(value.key_line or value.line)
        if isinstance(value.value, dict):
            if all(isinstance(v.value, list | dict) for v in value.value.values()):
                for sub in value.value.values():
                    self.records(sub, make, name)
                return
            value = Node([value], value.line, value.last)
        for item in value.value if isinstance(value.value, list) else [value]:
            record = make(item) if isinstance(item.value, dict) else None
            if record is None:
                self.free(_title(name), Node([item], item.line, item.last))
            else:
                (self.education if isinstance(record, Education) else self.jobs).append(record)

    def education_entry(self, entry):
        fields = self.fields(entry, EDUCATION_FIELDS)
        institution = fields["institution"]
        written = fields["degree"]
        if not institution:
            return None
        degree, remainder = match_degree(written) if written else (None, "")
        field_text = fields["field"] or _field_after_degree(remainder)
        span, current, expected = self.span(entry, single="end")
        return Education(
            institution=institution,
            degree=degree or written or None,
            degree_text=written or None,
            field=field_text or None,
            start=span.start,
            end=None if current else span.end,
            current=current,
            expected=expected,
            advisor=fields["advisor"],
            gpa=fields["gpa"],
            location=fields["location"],
            details=fields["details"],
            line=entry.line,
            lines=entry.lines(),
        )

    def job_entry(self, entry):
        fields = self.fields(entry, JOB_FIELDS)
        if not fields["organization"] and not fields["title"]:
            return None
        span, current, _ = self.span(entry, single="both")
        return Job(
            organization=fields["organization"] or fields["title"],
            title=fields["title"] if fields["organization"] else None,
            location=fields["location"],
            start=span.start,
            end=None if current else span.end,
            current=current,
            details=fields["details"],
            line=entry.line,
            lines=entry.lines(),
            advisor=fields["advisor"],
        )

    def fields(self, entry, table):
        """{field: text} for an entry, by the table's keys; details also gets the entry's
        other values, as 'Key: value'."""
        found, used = {}, set()
        for name, keys in table.items():
            value = entry.get(keys)
            if name == "details":
                found[name] = tuple(self.details(entry, value, used))
            else:
                found[name] = _joined(value) if value else None
                if value is not None:
                    used.add(id(value))
        return found

    def details(self, entry, value, used):
        if value is not None:
            used.add(id(value))
            yield from (_joined(item) for item in _items(value))
        date_keys = {k for keys in DATE_FIELDS.values() for k in keys}
        for key, item in entry.value.items():
            if id(item) in used or _key(key) in date_keys or _empty(item.value):
                continue
            yield f"{_title(key)}: {_joined(item)}"

    def span(self, entry, *, single):
        """(records.Span, current, expected) from an entry's date keys."""
        start, end = entry.get(DATE_FIELDS["start"]), entry.get(DATE_FIELDS["end"])
        when, flag = entry.get(DATE_FIELDS["when"]), entry.get(DATE_FIELDS["current"])
        current = flag is not None and flag.value is True
        expected = False
        if start is not None or end is not None:
            begin = _point(start.value) if start else None
            finish = _point(end.value) if end else None
            written = _text(end.value).lower() if end else ""
            current = current or written in _OPEN
            expected = bool(_EXPECTED.search(written))
            span = Span(begin, None if current else finish, current=current)
        elif when is not None:
            text = _text(when.value)
            span = dates.parse_span(text, single=single) or Span()
            current = current or span.current or text.lower() in _OPEN
            expected = span.expected
        else:
            span = Span()
        return span, current, expected

    # Publications ----------------------------------------------------------------------

    def publication_list(self, value, kind, name):
        self.layout.add(value.key_line or value.line)
        if isinstance(value.value, dict):
            for sub_name, sub in value.value.items():
                sub_kind = _kind(sub_name) or ""
                self.publication_list(sub, sub_kind.partition(":")[2] or kind, sub_name)
            return
        for item in value.value if isinstance(value.value, list) else [value]:
            record = self.publication(item, kind) if isinstance(item.value, dict) else None
            if record is None:
                self.free(_title(name), Node([item], item.line, item.last))
            else:
                self.publications.append(record)

    def publication(self, entry, kind):
        get = {name: entry.get(keys) for name, keys in PUBLICATION_FIELDS.items()}
        title = _text(get["title"].value).rstrip(" .").strip() if get["title"] else ""
        if not title:
            return None
        authors, truncated = _authors(get["authors"])
        venue_key = next((k for k in PUBLICATION_FIELDS["venue"] if entry.get((k,))), None)
        venue = _joined(get["venue"]) if get["venue"] else None
        span, _, _ = self.span(entry, single="end")
        year_text = span.end or span.start
        # 'status: in press', or 'year: forthcoming'
        written = [get["status"], entry.get(DATE_FIELDS["when"])]
        status_text = " ".join(_text(node.value) for node in written if node is not None)
        links = self.publication_links(entry, get["doi"])
        awards = tuple(_scalars(get["awards"])) if get["awards"] else ()
        return Publication(
            title=title,
            authors=authors,
            authors_truncated=truncated,
            venue=venue,
            venue_full=None,
            year=int(year_text[:4]) if year_text else None,
            date=_full_date(entry),
            kind=_publication_kind(kind, get["kind"], venue_key, venue),
            status=status_of(status_text) or "published",
            awards=awards,
            links=links,
            abstract=_text(get["abstract"].value) if get["abstract"] else None,
            line=entry.line,
            lines=entry.lines(),
            arxiv_id=_text(get["arxiv"].value) if get["arxiv"] else None,
            has_code=any(link.label == "Code" for link in links),
        )

    def publication_links(self, entry, doi):
        links = []
        if doi is not None:
            code = _text(doi.value).removeprefix("https://doi.org/").removeprefix("doi:")
            links.append(Link("DOI", f"https://doi.org/{code.strip()}"))
        for key, item in entry.value.items():
            label = LINK_FIELDS.get(_key(key))
            url = _url(_text(item.value)) if label else None
            if url and all(link.url != url for link in links):
                links.append(Link(label, url))
        return tuple(links)

    # Sections ---------------------------------------------------------------------------

    def free(self, title, value):
        """A Section per list; a mapping of lists gives one per key, titled by it."""
        if isinstance(value.value, dict):
            lists = {k: v for k, v in value.value.items() if _entries(v)}
            if lists:
                self.layout.add(value.key_line or value.line)
                rest = [(k, v) for k, v in value.value.items() if k not in lists]
                for key, sub in lists.items():
                    self.free(_title(key), sub)
                if rest:
                    self.add_section(title, [(f"{_title(k)}: {_joined(v)}", v) for k, v in rest])
                return
            pairs = [(f"{_title(k)}: {_joined(v)}", v) for k, v in value.value.items()]
            self.layout.add(value.key_line or value.line)
            self.add_section(title, [(t, v) for t, v in pairs if not _empty(v.value)])
            return
        if value.key_line:
            self.layout.add(value.key_line)
        self.add_section(title, list(_section_items(value)), value)

    def add_section(self, title, items, whole=None):
        """A Section of (text, node) items; whole, the value they come from, gives its lines
        (an outer entry's own lines, such as a list's key, belong to no item)."""
        items = [(text, node) for text, node in items if text]
        if not items:
            return
        lines = {n for _, node in items for n in node.lines()}
        if whole is not None:
            lines.update(range(whole.line, whole.last + 1))
        lines = sorted(lines)
        self.sections.append(
            Section(
                title=title,
                items=tuple(text for text, _ in items),
                line=items[0][1].line,
                lines=tuple(lines),
                item_lines=tuple(node.line for _, node in items),
            )
        )

    def unread(self, value):
        for number in value.lines():
            self.unparsed_line(number)

    def unparsed_line(self, number):
        lines = self.source_lines
        if number <= len(lines) and lines[number - 1].strip():
            self.unparsed.append(Unparsed(number, lines[number - 1].strip()))

    def document(self, source, sha256, warnings, encoding):
        self.add_section("Personal information", self.personal)
        person = self.person
        name = person.get("name")
        if not name and (person.get("first name") or person.get("last name")):
            name = " ".join(filter(None, (person.get("first name"), person.get("last name"))))
        headline = person.get("headline") or person.get("affiliation")
        info = PersonInfo(
            name=name or None,
            emails=tuple(person["emails"]),
            phones=tuple(person["phones"]),
            homepage=person.get("homepage"),
            links=tuple(person["links"]),
            headline=headline or None,
            location=person.get("location"),
            line=min(person["lines"], default=None),
            lines=tuple(sorted(person["lines"])),
        )
        lines = self.text.split("\n")
        for number, line in enumerate(lines, 1):
            stripped = line.strip()
            # Comments, document markers, and JSON's closing brackets on lines of their own.
            if stripped and (
                stripped[0] == "#" or stripped in ("---", "...") or _brackets(stripped)
            ):
                self.layout.add(number)
        parsed = ParsedDocument(
            source=source,
            sha256=sha256,
            text=self.text,
            person=info,
            education=tuple(self.education),
            jobs=tuple(self.jobs),
            publications=tuple(self.publications),
            sections=tuple(sorted(self.sections, key=lambda section: section.line)),
            unparsed=(),
            warnings=warnings,
            encoding=encoding,
            layout=tuple(sorted(n for n in self.layout if n <= len(lines))),
        )
        accounted = parsed.accounted() | {u.line for u in self.unparsed}
        unparsed = list(self.unparsed)
        for number, line in enumerate(lines, 1):
            if line.strip() and number not in accounted:
                unparsed.append(Unparsed(number, line.strip()))
        unique = {u.line: u for u in unparsed}
        return ParsedDocument(
            **{
                **{f: getattr(parsed, f) for f in parsed.__dataclass_fields__},
                "unparsed": tuple(unique[n] for n in sorted(unique)),
            }
        )


PERSON_FIELDS = {
    "name": _Reader.person_name,
    "first name": _Reader.person_part,
    "last name": _Reader.person_part,
    "email": _Reader.person_emails,
    "phone": _Reader.person_phones,
    "homepage": _Reader.person_homepage,
    "headline": _Reader.person_headline,
    "affiliation": _Reader.person_headline,
    "location": _Reader.person_location,
    "links": _Reader.person_links,
    "about": _Reader.about,
    **dict.fromkeys((f"link:{key}" for key in LINK_KEYS), _Reader.person_link),
}


# Helpers ----------------------------------------------------------------------------------


def _key(name):
    """'professional_employment' -> 'professional employment'; 'startDate' -> 'start date'."""
    return " ".join(_NOT_KEY.sub(" ", _CAMEL.sub(" ", name)).lower().split())


def _kind(name):
    """What a key names: a person's field, 'person', 'sections', a section kind or None."""
    key = _key(name)
    for kind, synonyms in CV_DATA_KEYS.items():
        if key in synonyms:
            return kind
    if key in LINK_KEYS:
        return f"link:{key}"
    heading = key.replace(" and ", " and ")
    for kind, pattern in vocab.SECTION_PATTERNS:
        if pattern.match(heading):
            return None if kind in ("free",) else ("person" if kind == "contact" else kind)
    return None


def _title(name):
    """A section title from a key: 'awards_and_honors' -> 'Awards and honors'."""
    name = str(name)
    if " " in name.strip() and name != name.lower():
        return name.strip()
    words = _key(name)
    return words[:1].upper() + words[1:] if words else name


def _brackets(text):
    return not text.strip("{}[],")


def _empty(value):
    return value is None or value == "" or value == [] or value == {}


def _text(value):
    """A scalar as text: 2019 -> '2019', date(2019, 9, 1) -> '2019-09-01', None -> ''."""
    if value is None or isinstance(value, dict | list):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return " ".join(str(value).split())


def _scalars(node):
    """The texts of a scalar or a list of scalars."""
    values = node.value if isinstance(node.value, list) else [node]
    return [t for item in values if (t := _joined(item))]


def _joined(node):
    """Any value as one line: lists joined with ', ', mappings' values with ', '."""
    if isinstance(node.value, list):
        return ", ".join(t for item in node.value if (t := _joined(item)))
    if isinstance(node.value, dict):
        if len(node.value) == 1:  # '- Topic: words' is one item that YAML reads as a mapping
            ((key, item),) = node.value.items()
            return f"{key}: {_joined(item)}" if _joined(item) else key
        values = [v for v in node.value.values() if not _empty(v.value)]
        words = [v for v in values if isinstance(v.value, list)]
        if len(words) == 1 and len(values) > 1 and not _entries(words[0]):
            # {name: Programming, keywords: [Python, C]} -> 'Programming: Python, C'
            head = ", ".join(t for v in values if v is not words[0] and (t := _joined(v)))
            return f"{head}: {_joined(words[0])}"
        return ", ".join(t for item in values if (t := _joined(item)))
    return _text(node.value)


def _items(node):
    return node.value if isinstance(node.value, list) else [node]


def _entries(node):
    """Whether a value is a list holding a mapping or a list (entries, not words)."""
    return isinstance(node.value, list) and any(
        isinstance(item.value, dict | list) for item in node.value
    )


def _section_items(value):
    """(text, node) per entry; an entry holding one list of entries gives one per inner
    entry, prefixed with its own fields ('Example University — 2024, Course A, TA')."""
    for item in _items(value):
        if isinstance(item.value, dict):
            inner = [v for v in item.value.values() if _entries(v)]
            if len(inner) == 1:
                rest = [v for v in item.value.values() if v is not inner[0]]
                prefix = ", ".join(t for v in rest if (t := _joined(v)))
                for sub in _items(inner[0]):
                    text = _joined(sub)
                    yield (f"{prefix} — {text}" if prefix else text), sub
                continue
        yield _joined(item), item


def _as_mapping(contents):
    """al-folio's 'type: map' contents [{name: Full Name, value: Ada}] as {Full Name: Ada};
    other contents as they are."""
    items = contents.value if isinstance(contents.value, list) else []
    if items and all(
        isinstance(i.value, dict) and i.keys.keys() >= {"name", "value"} and len(i.keys) == 2
        for i in items
    ):
        mapping, keys = {}, {}
        for item in items:
            label = _text(item.value[item.keys["name"]].value)
            node = item.value[item.keys["value"]]
            mapping[label] = Node(node.value, node.line, node.last, item.line, node.keys)
            keys.setdefault(_key(label), label)
        return Node(mapping, contents.line, contents.last, contents.key_line, keys)
    return contents


def _point(value):
    """A start or end value as 'YYYY' or 'YYYY-MM': 2019, date(2019, 9, 1), 'Sep 2019'."""
    if isinstance(value, date):
        return f"{value.year:04d}-{value.month:02d}"
    text = _text(value)
    if _YEAR.match(text):
        return text
    span = dates.parse_span(text, single="both")
    return (span.start or span.end) if span else None


def _full_date(entry):
    value = entry.get(("date", "release date", "published"))
    if value is not None and isinstance(value.value, date):
        return value.value.isoformat()[:10]
    return None


def _field_after_degree(remainder):
    """'in Computer Science' after a degree -> 'Computer Science'."""
    text = remainder.strip(" ,;:-–")
    if text.lower().startswith("in "):
        text = text[3:]
    return text.strip() or None


def _authors(node):
    """Authors from a list of names or one byline: (authors, truncated)."""
    if node is None:
        return (), False
    if isinstance(node.value, list):
        authors, truncated = [], False
        for item in node.value:
            found, cut = split_authors(_joined(item))
            if not found and _joined(item).lower() in ("others", "et al.", "et al"):
                truncated = True
            authors.extend(found)
            truncated = truncated or cut
        return tuple(authors), truncated
    found, cut = split_authors(_text(node.value))
    return tuple(Author(a.name, a.equal_contribution, a.is_owner) for a in found), cut


def _publication_kind(hint, written, venue_key, venue):
    """The sub-key's kind, else a 'type' field, else the venue key or the venue's words."""
    if hint:
        return hint
    for text in (_text(written.value) if written else "", venue or ""):
        for kind, pattern in KIND_WORDS:
            if text and pattern.search(text):
                return kind
    return VENUE_KEY_KINDS.get(venue_key, "other")


def _url(text):
    """An http(s) URL, or a bare domain made one; None for relative paths and other schemes."""
    text = (text or "").strip()
    if text.lower().startswith(("http://", "https://")):
        return text
    if re.match(r"^[\w-]+(\.[\w-]+)+(/\S*)?$", text) and not text.startswith("/"):
        return f"https://{text}"
    if text.lower().startswith("mailto:"):
        return text
    return None
