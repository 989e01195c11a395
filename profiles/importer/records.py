"""What a parsed document holds: plain frozen records, serialised as the import preview.

`lines` on each record lists every source line the record accounts for; `line` is where it
starts. The preview format is described in IMPORT_JSON.md.
"""

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Span:
    """A date range from a CV: partial dates as 'YYYY' or 'YYYY-MM'."""

    start: str | None = None
    end: str | None = None
    current: bool = False
    expected: bool = False


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Author:
    name: str
    equal_contribution: bool = False
    is_owner: bool = False


@dataclass(frozen=True)
class Education:
    institution: str
    degree: str | None
    degree_text: str | None
    field: str | None
    start: str | None
    end: str | None
    current: bool
    expected: bool
    advisor: str | None
    gpa: str | None
    location: str | None
    details: tuple[str, ...]
    line: int
    lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class Job:
    organization: str
    title: str | None
    location: str | None
    start: str | None
    end: str | None
    current: bool
    details: tuple[str, ...]
    line: int
    lines: tuple[int, ...] = ()
    advisor: str | None = None


@dataclass(frozen=True)
class Publication:
    title: str
    authors: tuple[Author, ...]
    authors_truncated: bool
    venue: str | None
    venue_full: str | None
    year: int | None
    date: str | None
    kind: str
    status: str
    awards: tuple[str, ...]
    links: tuple[Link, ...]
    abstract: str | None
    line: int
    lines: tuple[int, ...] = ()
    category: str | None = None
    arxiv_id: str | None = None
    has_code: bool = False
    topic: str | None = None
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    title: str
    items: tuple[str, ...]
    line: int
    lines: tuple[int, ...] = ()
    item_lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class PersonInfo:
    name: str | None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    homepage: str | None = None
    links: tuple[Link, ...] = ()
    headline: str | None = None
    location: str | None = None
    address: str | None = None
    metrics: dict = field(default_factory=dict)
    line: int | None = None
    lines: tuple[int, ...] = ()


@dataclass(frozen=True)
class Unparsed:
    line: int
    text: str


@dataclass(frozen=True)
class ParsedDocument:
    source: str
    sha256: str
    text: str
    person: PersonInfo
    education: tuple[Education, ...]
    jobs: tuple[Job, ...]
    publications: tuple[Publication, ...]
    sections: tuple[Section, ...]
    unparsed: tuple[Unparsed, ...]
    warnings: tuple[str, ...] = ()
    encoding: str = "utf-8"
    layout: tuple[int, ...] = ()  # headings, rules and page furniture: structure, not facts

    def accounted(self):
        """Every line number some record, the layout or the unparsed list accounts for."""
        lines = set(self.layout) | set(self.person.lines) | {u.line for u in self.unparsed}
        for record in (*self.education, *self.jobs, *self.publications, *self.sections):
            lines.update(record.lines)
        return lines

    def counts(self):
        return {
            "education": len(self.education),
            "jobs": len(self.jobs),
            "publications": len(self.publications),
            "sections": len(self.sections),
            "unparsed": len(self.unparsed),
            "warnings": len(self.warnings),
        }

    def to_json(self):
        """The import preview object of IMPORT_JSON.md (plus a few extra keys)."""
        person = asdict(self.person)
        person.pop("lines")
        person["links"] = [asdict(link) for link in self.person.links]
        for key in ("emails", "phones"):
            person[key] = list(person[key])

        def plain(record, drop=("lines",)):
            data = asdict(record)
            for key in drop:
                data.pop(key, None)
            for key, value in data.items():
                if isinstance(value, tuple):
                    data[key] = list(value)
            return data

        return {
            "source": self.source,
            "sha256": self.sha256,
            "person": person,
            "education": [plain(e) for e in self.education],
            "jobs": [plain(j) for j in self.jobs],
            "publications": [plain(p) for p in self.publications],
            "sections": [plain(s, drop=("lines", "item_lines")) for s in self.sections],
            "unparsed": [asdict(u) for u in self.unparsed],
            "layout_lines": list(self.layout),
            "warnings": list(self.warnings),
            "encoding": self.encoding,
        }
