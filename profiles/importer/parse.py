"""read -> tree -> interpret: a document's bytes to a ParsedDocument, without a database."""

import hashlib
from dataclasses import replace
from datetime import date

from profiles.importer import memo, readers
from profiles.importer import read as reading
from profiles.importer.interpret import dates
from profiles.importer.interpret.citations import parse_publications
from profiles.importer.interpret.person import parse_person
from profiles.importer.interpret.positions import merge_duplicate_jobs, parse_positions
from profiles.importer.interpret.sections import parse_free
from profiles.importer.records import ParsedDocument, Section, Unparsed
from profiles.importer.segment import (
    kept_link,
    lines_from_tree,
    other_scheme_warnings,
    shown_url,
    split_sections,
)
from profiles.text import name_key

PARSER_VERSION = "1.0"


def parse_document(
    data: bytes, name: str, *, as_of: date | None = None, max_bytes: int = reading.DEFAULT_MAX_BYTES
) -> ParsedDocument:
    """Parse a document's bytes in any format the readers know; raises read.DocumentError for
    input that is not a CV."""
    if name.lower().endswith(".json") and not readers.is_cv_data(data):
        # A person's exported document (export_portfolios), already records. (Imported here:
        # it reads the models' choices, and parsing otherwise needs no app loaded.)
        from profiles.importer.from_json import parse_json_document

        parsed = parse_json_document(data, name, as_of=as_of, max_bytes=max_bytes)
        return within_limits(parsed)
    sha256 = hashlib.sha256(data).hexdigest()
    fmt = readers.sniff_binary(data, name)
    if fmt:
        reading.check_size(data, name, max_bytes)
        document = readers.module_for(fmt).read(data, name)
        reading.check_lines(document.text, name)
        parsed = parse_tree(document, source=name, sha256=sha256, as_of=as_of, encoding=fmt)
    else:
        text = reading.read(data, name, max_bytes=max_bytes)
        parsed = parse_text(
            text.text,
            source=name,
            sha256=sha256,
            as_of=as_of,
            warnings=text.warnings,
            encoding=text.encoding,
        )
    if not (parsed.person.name or parsed.education or parsed.jobs or parsed.publications):
        raise reading.DocumentError(
            name, "no CV found (no name, education, jobs or publications could be read)"
        )
    return within_limits(parsed)


def within_limits(parsed):
    """The parsed document with only the links every input path may keep (a warning for each
    one left out), or a DocumentError when it holds more records, or a publication more
    authors, than any path may import: one set of limits and one link check, whatever the
    format."""
    reading.check_records(parsed)
    warnings = []

    # Links are kept as written ('github.com/ada' too: pages add the https), or left out.
    def kept(links, where):
        for link in links:
            if kept_link(link.url):
                yield link
            else:
                warnings.append(f"{where}: {shown_url(link.url)} is not kept as a link")

    person = parsed.person
    homepage = person.homepage
    if homepage and not kept_link(homepage):
        warnings.append(f"homepage: {shown_url(homepage)} is not kept as a link")
        homepage = None
    person = replace(person, homepage=homepage, links=tuple(kept(person.links, "person links")))
    publications = tuple(
        replace(p, links=tuple(kept(p.links, f"line {p.line}"))) for p in parsed.publications
    )
    if not warnings:
        return parsed
    return replace(
        parsed,
        person=person,
        publications=publications,
        warnings=(*parsed.warnings, *warnings),
    )


def parse_text(
    text, *, source="document.txt", sha256=None, as_of=None, warnings=(), encoding="utf-8"
):
    """Parse decoded text, in the format its name and content say. as_of resolves yearless
    dates ('Jun 1'); default today."""
    sha256 = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    fmt = readers.sniff_text(text, source)
    module = readers.module_for(fmt)
    if getattr(module, "BINARY", False):
        # The stored text of a PDF or Word file, read again (the admin's line view).
        module = readers.module_for("text")
    if getattr(module, "STRUCTURED", False):
        return module.parse(
            text,
            source=source,
            sha256=sha256,
            as_of=as_of or date.today(),
            warnings=tuple(warnings),
            encoding=encoding,
        )
    return parse_tree(
        module.read(text, source),
        source=source,
        sha256=sha256,
        as_of=as_of,
        warnings=warnings,
        encoding=encoding,
    )


def parse_tree(document, *, source, sha256, as_of=None, warnings=(), encoding="utf-8"):
    """Interpret a document tree (tree.Document) as records; lines count in document.text."""
    as_of = as_of or date.today()
    memo.clear()
    lines, source_line = lines_from_tree(document)
    text = "\n".join(line.raw for line in lines)
    dates.settle_conventions("\n".join(line.raw for line in lines if not line.rule))
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
        if block.kind in ("education", "experience"):
            found_education, found_jobs = parse_positions(block)
            education.extend(found_education)
            jobs.extend(found_jobs)
        elif block.kind == "publications":
            publications.extend(parse_publications(block, as_of=as_of, owner_key=owner_key)[0])
        elif block.kind == "free":
            sections.extend(parse_free(block))
    jobs, merges = merge_duplicate_jobs(jobs)

    accounted = set(layout) | set(person.lines)
    for record in (*education, *jobs, *publications, *sections):
        accounted.update(record.lines)
    unparsed = [
        Unparsed(line.number, line.raw.strip())
        for line in lines
        if not line.blank and line.number not in accounted
    ]
    parsed = ParsedDocument(
        source=source,
        sha256=sha256,
        text=document.text,
        person=person,
        education=tuple(education),
        jobs=tuple(jobs),
        publications=tuple(publications),
        sections=tuple(sections),
        unparsed=tuple(unparsed),
        warnings=(
            *warnings,
            *document.warnings,
            *other_scheme_warnings(lines),
            *(_merge_warning(kept, twin, source_line) for kept, twin in merges),
        ),
        encoding=encoding,
        layout=tuple(sorted(layout)),
    )
    return in_source_lines(parsed, source_line)


def _merge_warning(kept, twin, source_line):
    """What a merge of two descriptions of one job dropped, for the curator to check."""

    def named(job):
        return ", ".join(part for part in (job.title, job.organization) if part)

    return (
        f"line {source_line[twin.line][0]}: {named(twin)!r} is read as the same job as line "
        f"{source_line[kept.line][0]} ({named(kept)!r}, same dates) and merged into it"
    )


def in_source_lines(parsed, source_line):
    """The parsed document with every line number counted in its text, not in the
    interpreters' reading order. A source line several visual lines share (a table row, a
    LaTeX macro) is accounted for when any of them is, and unparsed only when none is: then
    it is listed once, as the text has it."""

    def lines(numbers):
        # Line 0: metadata that is not in the text (a Word file's properties).
        return tuple(sorted({line for n in numbers for line in source_line[n] if line}))

    def moved(record, **extra):
        line = source_line[record.line][0]
        return replace(record, line=line, lines=lines(record.lines), **extra)

    accounted = set(lines(parsed.accounted() - {u.line for u in parsed.unparsed}))
    text_lines = parsed.text.split("\n")
    unparsed = [
        Unparsed(number, text_lines[number - 1].strip())
        for number in lines(u.line for u in parsed.unparsed)
        if number not in accounted and number <= len(text_lines)
    ]
    person = parsed.person
    return replace(
        parsed,
        person=replace(
            person,
            line=next(iter(lines((person.line,))), None) if person.line else None,
            lines=lines(person.lines),
        ),
        education=tuple(map(moved, parsed.education)),
        jobs=tuple(map(moved, parsed.jobs)),
        publications=tuple(map(moved, parsed.publications)),
        sections=tuple(
            moved(section, item_lines=lines(section.item_lines)) for section in parsed.sections
        ),
        unparsed=tuple(unparsed),
        layout=lines(parsed.layout),
    )
