"""read -> segment -> interpret: a document's bytes to a ParsedDocument, without a database."""

import hashlib
from datetime import date

from profiles.importer import memo
from profiles.importer import read as reading
from profiles.importer.interpret.citations import parse_publications
from profiles.importer.interpret.person import parse_person
from profiles.importer.interpret.positions import merge_duplicate_jobs, parse_education, parse_jobs
from profiles.importer.interpret.sections import parse_free
from profiles.importer.records import ParsedDocument, Section, Unparsed
from profiles.importer.segment import other_scheme_warnings, split_lines, split_sections
from profiles.text import name_key

PARSER_VERSION = "1.0"


def parse_document(
    data: bytes, name: str, *, as_of: date | None = None, max_bytes: int = reading.DEFAULT_MAX_BYTES
) -> ParsedDocument:
    """Parse a document's bytes; raises read.DocumentError for input that is not a CV text."""
    text = reading.read(data, name, max_bytes=max_bytes)
    parsed = parse_text(
        text.text,
        source=name,
        sha256=hashlib.sha256(data).hexdigest(),
        as_of=as_of,
        warnings=text.warnings,
        encoding=text.encoding,
    )
    if not (parsed.person.name or parsed.education or parsed.jobs or parsed.publications):
        raise reading.DocumentError(
            name, "no CV found (no name, education, jobs or publications could be read)"
        )
    return parsed


def parse_text(
    text, *, source="document.txt", sha256=None, as_of=None, warnings=(), encoding="utf-8"
):
    """Parse decoded text. as_of resolves yearless dates ('Jun 1'); default today."""
    as_of = as_of or date.today()
    memo.clear()
    sha256 = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    lines = split_lines(text)
    blocks = split_sections(lines)
    layout = {line.number for line in lines if line.rule}
    layout |= {block.heading.number for block in blocks if block.heading}

    pub_text = "\n".join(
        line.text for block in blocks if block.kind == "publications" for line in block.lines
    )
    person_lines = [line for b in blocks if b.kind in ("header", "contact") for line in b.content]
    person, about = parse_person(person_lines, publications_text=pub_text, document_text=text)
    owner_key = name_key(person.name) if person.name else None

    education, jobs, publications, sections = [], [], [], []
    if about:
        sections.append(
            Section(
                title="About",
                items=tuple(text for text, _ in about),
                line=about[0][1],
                lines=tuple(number for _, number in about),
                item_lines=tuple(number for _, number in about),
            )
        )
    for block in blocks:
        if block.kind == "education":
            education.extend(parse_education(block)[0])
        elif block.kind == "experience":
            jobs.extend(parse_jobs(block)[0])
        elif block.kind == "publications":
            publications.extend(parse_publications(block, as_of=as_of, owner_key=owner_key)[0])
        elif block.kind == "free":
            sections.extend(parse_free(block))
    jobs = merge_duplicate_jobs(jobs)

    accounted = set(layout) | set(person.lines)
    for record in (*education, *jobs, *publications, *sections):
        accounted.update(record.lines)
    unparsed = [
        Unparsed(line.number, line.raw.strip())
        for line in lines
        if not line.blank and line.number not in accounted
    ]
    return ParsedDocument(
        source=source,
        sha256=sha256,
        text=text,
        person=person,
        education=tuple(education),
        jobs=tuple(jobs),
        publications=tuple(publications),
        sections=tuple(sections),
        unparsed=tuple(unparsed),
        warnings=(*warnings, *other_scheme_warnings(lines)),
        encoding=encoding,
        layout=tuple(sorted(layout)),
    )
