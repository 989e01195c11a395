"""A person's JSON document (the import preview of IMPORT_JSON.md, as export_portfolios and
/people/<slug>.json write it) back into a ParsedDocument, for save_document().

The document is the text stored and shown with line numbers, like a CV's: each record's
`line` is where its object starts in this JSON text, whatever `line` the file says.
"""

import hashlib
import json
import re
from bisect import bisect_left
from json.decoder import JSONObject
from json.scanner import py_make_scanner

from profiles.importer.read import DEFAULT_MAX_BYTES, MAX_LINE_LENGTH, DocumentError
from profiles.importer.records import (
    Author,
    Education,
    Job,
    Link,
    ParsedDocument,
    PersonInfo,
    Publication,
    Section,
)
from profiles.importer.segment import kept_link, shown_url
from profiles.models import Paper

DEFAULTS = {"kind": Paper.Kind.OTHER, "status": Paper.Status.PUBLISHED}


def load_with_lines(text):
    """json.loads(text), and {id(object): (first line, last line)} of every JSON object in it.

    load_with_lines('{\\n "a": {}\\n}') -> ({'a': {}}, {id(outer): (1, 3), id(inner): (2, 2)})
    """
    newlines = [match.start() for match in re.finditer("\n", text)]
    lines = {}
    decoder = json.JSONDecoder()

    def parse_object(s_and_end, *args):
        start = s_and_end[1]  # just after the "{"
        value, end = JSONObject(s_and_end, *args)
        lines[id(value)] = (
            bisect_left(newlines, start - 1) + 1,
            bisect_left(newlines, end - 1) + 1,
        )
        return value, end

    # The C scanner decodes objects itself; the Python one calls parse_object.
    decoder.parse_object = parse_object
    decoder.scan_once = py_make_scanner(decoder)
    return decoder.decode(text), lines


def parse_json_document(
    data: bytes, name: str, *, as_of=None, max_bytes: int = DEFAULT_MAX_BYTES
) -> ParsedDocument:
    """A person's JSON document's bytes -> ParsedDocument; raises DocumentError otherwise.

    parse_json_document(b'{"person": {"name": "Ada Lovelace"}, "education": [...], ...}',
    "ada-lovelace.json") -> ParsedDocument(source="ada-lovelace.json", ...). Dates are
    already resolved in such a document, so as_of is not needed.
    """
    if len(data) > max_bytes:
        raise DocumentError(name, f"too large ({len(data):,} bytes; the limit is {max_bytes:,})")
    try:
        text = data.decode("utf-8-sig")
        document, lines = load_with_lines(text)
    except UnicodeDecodeError:
        raise DocumentError(name, "not a JSON document: it is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise DocumentError(
            name, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise DocumentError(name, "not a portfolio document: nested too deeply") from None
    return _Reader(name, lines).read(document, text, hashlib.sha256(data).hexdigest())


class _Reader:
    """Records from the decoded JSON, checking each value's type; `where` names the value
    in an error message: "publications[3].authors: expected a list"."""

    def __init__(self, name, lines):
        self.name = name
        self.lines = lines
        self.warnings = []

    def read(self, document, text, sha256):
        if not isinstance(document, dict) or not isinstance(document.get("person"), dict):
            raise DocumentError(
                self.name,
                "not a portfolio document: a JSON object with person, education, jobs, "
                "publications and sections is expected",
            )
        return ParsedDocument(
            source=self.name,
            sha256=sha256,
            text=text,
            person=self.person(document["person"]),
            education=self.records(document, "education", self.education),
            jobs=self.records(document, "jobs", self.job),
            publications=self.records(document, "publications", self.publication),
            sections=self.records(document, "sections", self.section),
            unparsed=(),
            warnings=tuple(self.warnings),
        )

    def fail(self, where, problem):
        raise DocumentError(self.name, f"{where}: {problem}")

    def records(self, document, key, make):
        return tuple(make(record, where) for where, record in self.objects(document.get(key), key))

    def objects(self, value, where):
        """[(where[i], object)] for a list of JSON objects."""
        items = [] if value is None else value
        if not isinstance(items, list):
            self.fail(where, "expected a list")
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                self.fail(f"{where}[{index}]", "expected an object")
        return [(f"{where}[{index}]", item) for index, item in enumerate(items)]

    def value(self, value, where, required=False):
        """Text as written (save_document() trims what it stores), or None for null or "";
        numbers are read as text."""
        if isinstance(value, bool) or not isinstance(value, str | int | float | None):
            self.fail(where, "expected text")
        value = "" if value is None else str(value).replace("\x00", "")
        if required and not value.strip():
            self.fail(where, "missing")
        if len(value) > MAX_LINE_LENGTH:
            # As long as the longest line a text document may have.
            self.fail(where, f"{len(value):,} characters long (the limit is {MAX_LINE_LENGTH:,})")
        return value or None

    def text(self, record, key, where, required=False):
        return self.value(record.get(key), f"{where}.{key}", required)

    def texts(self, record, key, where):
        items = record.get(key) or []
        if not isinstance(items, list):
            self.fail(f"{where}.{key}", "expected a list")
        values = (self.value(item, f"{where}.{key}[{i}]") for i, item in enumerate(items))
        return tuple(value for value in values if value)

    def links(self, record, where):
        kept = []
        for at, link in self.objects(record.get("links"), f"{where}.links"):
            url = self.text(link, "url", at, True)
            if self.other_scheme(url, f"{at}.url"):
                continue
            kept.append(Link(label=self.text(link, "label", at) or "Link", url=url))
        return tuple(kept)

    def other_scheme(self, url, where):
        """True, with a warning, for a URL that the text importer would not keep as a link
        either (javascript:, data:, ftp://, java<TAB>script:, //host ...); bare domains are
        links."""
        if not kept_link(url):
            self.warnings.append(
                f"{where}: {shown_url(url)} is not kept as a link (only http, https and mailto are)"
            )
            return True
        return False

    def place(self, record):
        first, last = self.lines.get(id(record), (None, None))
        return {"line": first, "lines": tuple(range(first, last + 1)) if first else ()}

    def person(self, record):
        metrics = record.get("metrics")
        return PersonInfo(
            name=self.text(record, "name", "person"),
            emails=self.texts(record, "emails", "person"),
            phones=self.texts(record, "phones", "person"),
            homepage=self.homepage(record),
            links=self.links(record, "person"),
            headline=self.text(record, "headline", "person"),
            location=self.text(record, "location", "person"),
            address=self.text(record, "address", "person"),
            metrics=metrics if isinstance(metrics, dict) else {},
            **self.place(record),
        )

    def homepage(self, record):
        url = self.text(record, "homepage", "person")
        return None if url and self.other_scheme(url, "person.homepage") else url

    def education(self, record, where):
        return Education(
            institution=self.text(record, "institution", where, required=True),
            degree=self.text(record, "degree", where),
            degree_text=self.text(record, "degree_text", where),
            field=self.text(record, "field", where),
            start=self.text(record, "start", where),
            end=self.text(record, "end", where),
            current=bool(record.get("current")),
            expected=bool(record.get("expected")),
            advisor=self.text(record, "advisor", where),
            gpa=self.text(record, "gpa", where),
            location=self.text(record, "location", where),
            details=self.texts(record, "details", where),
            **self.place(record),
        )

    def job(self, record, where):
        return Job(
            organization=self.text(record, "organization", where, required=True),
            title=self.text(record, "title", where),
            location=self.text(record, "location", where),
            start=self.text(record, "start", where),
            end=self.text(record, "end", where),
            current=bool(record.get("current")),
            details=self.texts(record, "details", where),
            **self.place(record),
        )

    def publication(self, record, where):
        return Publication(
            title=self.text(record, "title", where, required=True),
            authors=tuple(
                Author(
                    name=self.text(author, "name", at, required=True),
                    equal_contribution=bool(author.get("equal_contribution")),
                    is_owner=bool(author.get("is_owner")),
                )
                for at, author in self.objects(record.get("authors"), f"{where}.authors")
            ),
            authors_truncated=bool(record.get("authors_truncated")),
            venue=self.text(record, "venue", where),
            venue_full=self.text(record, "venue_full", where),
            year=self.year(record, where),
            date=self.text(record, "date", where),
            kind=self.choice(record, "kind", Paper.Kind, where),
            status=self.choice(record, "status", Paper.Status, where),
            awards=self.texts(record, "awards", where),
            links=self.links(record, where),
            abstract=self.text(record, "abstract", where),
            category=self.text(record, "category", where),
            arxiv_id=self.text(record, "arxiv_id", where),
            has_code=bool(record.get("has_code")),
            **self.place(record),
        )

    def year(self, record, where):
        value = self.text(record, "year", where)
        if value is None:
            return None
        if not re.fullmatch(r"\d{4}", value):
            self.fail(f"{where}.year", f"expected a year, not {value!r}")
        return int(value)

    def choice(self, record, key, choices, where):
        value = self.text(record, key, where)
        if value in choices.values:
            return value
        default = DEFAULTS[key]
        if value is not None:
            self.warnings.append(f"{where}.{key}: unknown value {value!r}; {default} instead")
        return default

    def section(self, record, where):
        return Section(
            title=self.text(record, "title", where, required=True),
            items=self.texts(record, "items", where),
            **self.place(record),
        )
