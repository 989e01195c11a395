"""Stage 4: a ParsedDocument into the database, in one transaction per document.

A document is identified by its file name. Everything it contributes (education, jobs,
section items, paper listings, authorships) carries it as `source`, so a new version of the
document withdraws exactly what the old version added and stores its own records, while the
SourceDocument row and the Person stay (same slug, same URLs).

Facts that several documents can state are rebuilt from all of them rather than overwritten
by the latest one:

- a Person's contact fields and metrics: `rebuild_person()` over the person's documents;
- a Paper's fields and byline: `rebuild_paper()` over its PaperSource rows (one per document
  listing it), following the rules in that function's docstring.

A name or title a curator merged away (profiles.services) is an alias of the kept record:
looking up an organisation, person or paper by its key falls back to the alias tables, so a
re-import attaches to the kept record instead of recreating the merged one. Bylines also link
to people by their name variants.

What a curator hid stays hidden: a new version of a document hides the entries it gives again
(the same `entry_key()`), and a rebuilt byline hides the same person's authorship again.
"""

import re
from bisect import bisect_right
from collections import defaultdict
from contextvars import ContextVar
from dataclasses import replace
from datetime import date
from pathlib import PurePath

from django.db import connection, transaction
from django.db.models import Q

from profiles.importer import vocab
from profiles.importer.parse import PARSER_VERSION
from profiles.models import (
    Authorship,
    DataVersion,
    Education,
    Job,
    NameVariant,
    Organization,
    OrganizationAlias,
    Paper,
    PaperAlias,
    PaperSource,
    Person,
    PersonAlias,
    SectionItem,
    SourceDocument,
)
from profiles.text import abbreviates, ascii_slug, name_key, title_key

# Kinds that name where a paper appeared; 'preprint' and 'other' say less.
VENUE_KINDS = {"conference", "journal", "book", "thesis", "patent"}
# A paper moves submitted -> under review -> forthcoming -> published; lower is further along.
STATUS_ORDER = {"published": 0, "forthcoming": 1, "under review": 2, "submitted": 3}

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?")


def save_document(parsed, *, as_of, parser_version=PARSER_VERSION, person=None):
    """Store a ParsedDocument; returns a report dict. Call only after parsing succeeded.

    save_document(parse_document(data, "000_cv.txt", as_of=day), as_of=day)
    -> {"source": "000_cv.txt", "status": "new", "person": "jane-roe", "education": 2, ...}

    status is "new", "updated" (same name, other content), "unchanged" (same bytes already
    imported with this parser version: nothing is written) or "duplicate" (the same bytes are
    already imported under another name: nothing is written, the report says which).

    person, an existing Person, receives the document's records instead of the person the
    document names (a .bib names no one), and its authors matching them are the owner.
    """
    if person is not None:
        parsed = mark_owner(parsed, person)
    with transaction.atomic():
        _wait_for_other_imports()
        document = SourceDocument.objects.select_for_update().filter(name=parsed.source).first()
        if (
            document is not None
            and document.sha256 == parsed.sha256
            and document.parser_version == parser_version
            and (person is None or document.person_id == person.pk)
        ):
            return _skipped_report(parsed, document, "unchanged")
        twin = (
            SourceDocument.objects.filter(sha256=parsed.sha256).exclude(name=parsed.source).first()
        )
        if twin is not None:
            report = _skipped_report(parsed, twin, "duplicate")
            report["duplicate_of"] = twin.name
            report["warnings"] = [f"the same text is already imported as {twin.name}; skipped"]
            return report
        report = _DocumentSaver(parsed, document, as_of, parser_version, person).save()
        DataVersion.bump()  # in this transaction: cached pages go stale exactly at the commit
        return report


def mark_owner(parsed, person):
    """The parsed document with each publication's first author who is `person` (by name,
    initials for the given names, a former name or a name variant) marked is_owner.

    mark_owner(parsed with authors ('A. Okafor', 'K. Lindqvist'), Person 'Ada Okafor')
    -> the same with Author('A. Okafor', is_owner=True).
    """
    keys = {person.name_key} | set(
        NameVariant.objects.filter(person=person).values_list("key", flat=True)
    )
    keys |= set(PersonAlias.objects.filter(person=person).values_list("key", flat=True))
    keys.discard("")

    def is_person(name):
        key = name_key(name)
        return bool(key) and (key in keys or any(abbreviates(key, owner) for owner in keys))

    publications = []
    for publication in parsed.publications:
        owner = next((i for i, a in enumerate(publication.authors) if is_person(a.name)), None)
        authors = tuple(
            replace(author, is_owner=index == owner if owner is not None else author.is_owner)
            for index, author in enumerate(publication.authors)
        )
        publications.append(replace(publication, authors=authors))
    return replace(parsed, publications=tuple(publications))


def line_roles(parsed):
    """What each line of the document's text is part of, for the admin's line view, which
    could not parse a PDF's or a Word file's stored text again as the original was parsed:
    {'layout': [3, 9], 'person_lines': [1, 2], 'spans': [[12, [12, 13, 14]], ...]} (a span is
    a record's first line and every line it covers; a section's, each item's)."""
    spans = [
        [record.line, list(record.lines)]
        for record in (*parsed.education, *parsed.jobs, *parsed.publications)
    ]
    for section in parsed.sections:
        starts = sorted(section.item_lines) or [section.line]
        for number in section.lines:
            start = starts[max(bisect_right(starts, number) - 1, 0)]
            spans.append([start, [number]])
    return {
        "layout": list(parsed.layout),
        "person_lines": list(parsed.person.lines),
        "spans": spans,
    }


# The key of the PostgreSQL advisory lock that imports take in turn: any constant of our own.
IMPORT_LOCK = 0x504F5254


def _wait_for_other_imports():
    """Let one import at a time write, until its transaction ends.

    Two documents naming the same organisation, paper or person, saved at once (two commands,
    two curators), would each find it missing and insert it: a unique violation that fails
    one document, or two people of one name. In turn, the second finds what the first stored,
    as when they are imported one after the other. Parsing, most of an import's time, is done
    before and still runs in parallel. SQLite writes one transaction at a time anyway.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


class _DocumentSaver:
    """The steps of one save_document() call, sharing the document, person and warnings."""

    def __init__(self, parsed, document, as_of, parser_version, person=None):
        self.parsed = parsed
        self.chosen_person = person  # the curator's choice, over the name the document gives
        self.preview = parsed.to_json()
        self.document = document
        self.status = "updated" if document is not None else "new"
        self.as_of = as_of
        self.parser_version = parser_version
        self.warnings = list(parsed.warnings)
        self.organizations = None  # name key -> Organization, or None for a new one
        self.slug_numbers = {}  # slug -> the number _unique_slug() tries next for it
        self.hidden = {}  # model -> what _hidden_entries() found in the withdrawn version

    def save(self):
        old_papers = self._withdraw() if self.document is not None else set()
        person, person_new = self._resolve_person()
        self.person = person
        self._save_document_row()
        rebuild_person(person)
        link_authorships(person)

        education = self._save_education()
        jobs = self._save_jobs()
        sections = self._save_sections()
        new_papers, papers, linked = self._save_publications()
        affected = list(Paper.objects.filter(pk__in=old_papers | new_papers).order_by("pk"))
        with _Rebuilds(affected, hidden=self.hidden.get(Authorship)) as rebuilds:
            for paper in affected:
                if rebuilds.sources[paper.pk]:
                    rebuild_paper(paper)
                else:
                    paper.delete()

        self.document.report["warnings"] = self.warnings
        self.document.save(update_fields=["report"])
        return {
            "source": self.parsed.source,
            "status": self.status,
            "person": person.slug,
            "name": person.name,
            "person_new": person_new,
            "education": education,
            "jobs": jobs,
            "section_items": sections,
            "papers": papers,
            "papers_new": papers - linked,
            "papers_linked": linked,
            "warnings": self.warnings,
            "unparsed": len(self.parsed.unparsed),
        }

    def _withdraw(self):
        """Delete what the stored version contributed, noting what of it was hidden; returns
        the ids of its papers."""
        document = self.document
        papers = set(PaperSource.objects.filter(source=document).values_list("paper_id", flat=True))
        for model in (Authorship, SectionItem, Education, Job):
            self.hidden[model] = _hidden_entries(model.objects.filter(source=document, hidden=True))
        for model in (Authorship, PaperSource, SectionItem, Education, Job):
            model.objects.filter(source=document).delete()
        return papers

    def _resolve_person(self):
        """The person chosen for the import, else the previous version's person, else the
        same name's person, else a new one."""
        if self.chosen_person is not None:
            return self.chosen_person, False
        name = self.parsed.person.name
        if not name:
            name = PurePath(self.parsed.source).stem
            self.warnings.append(f"no person name found; using the file name {name!r}")
        previous = self.document.person if self.document is not None else None
        if previous is not None:
            old_info = (self.document.report or {}).get("person") or {}
            if self.parsed.person.name and not old_info.get("name"):
                # The previous version gave no name, so the person carries the file name.
                previous.name = self._clip(Person, "name", name)
                previous.save()
            return previous, False
        key = name_key(name)
        existing = Person.objects.filter(name_key=key).order_by("pk").first() if key else None
        if existing is None and key:
            existing = Person.objects.filter(aliases__key=key).first()
        if existing is not None:
            return existing, False
        person = Person(name=self._clip(Person, "name", name), slug=_unique_slug(Person, name))
        person.save()
        return person, True

    def _save_document_row(self):
        parsed = self.parsed
        document = self.document or SourceDocument(name=parsed.source)
        document.sha256 = parsed.sha256
        document.text = parsed.text
        document.captured_on = self.as_of
        document.parser_version = self.parser_version
        document.person = self.person
        document.report = {
            "counts": parsed.counts(),
            "warnings": self.warnings,
            "unparsed": self.preview["unparsed"],
            "person": self.preview["person"],
            **line_roles(parsed),
        }
        document.save()
        self.document = document

    def _save_education(self):
        rows = []
        for order, record in enumerate(self.parsed.education):
            start_year, start_month = _split_partial(record.start)
            end_year, end_month = _split_partial(None if record.current else record.end)
            rows.append(
                Education(
                    person=self.person,
                    organization=self._organization(record.institution),
                    degree=self._clip(Education, "degree", record.degree, record.line),
                    degree_text=self._clip(
                        Education, "degree_text", record.degree_text, record.line
                    ),
                    field=self._clip(Education, "field", record.field, record.line),
                    start_year=start_year,
                    start_month=start_month,
                    end_year=end_year,
                    end_month=end_month,
                    current=record.current,
                    expected=record.expected,
                    advisor=self._clip(Education, "advisor", record.advisor, record.line),
                    gpa=self._clip(Education, "gpa", record.gpa, record.line),
                    location=self._clip(Education, "location", record.location, record.line),
                    details=list(record.details),
                    order=order,
                    source=self.document,
                    line=record.line,
                )
            )
        _keep_hidden(rows, self.hidden.get(Education))
        Education.objects.bulk_create(rows)
        return len(rows)

    def _save_jobs(self):
        rows = []
        for order, record in enumerate(self.parsed.jobs):
            start_year, start_month = _split_partial(record.start)
            end_year, end_month = _split_partial(None if record.current else record.end)
            rows.append(
                Job(
                    person=self.person,
                    organization=self._organization(record.organization),
                    title=self._clip(Job, "title", record.title, record.line),
                    location=self._clip(Job, "location", record.location, record.line),
                    start_year=start_year,
                    start_month=start_month,
                    end_year=end_year,
                    end_month=end_month,
                    current=record.current,
                    details=list(record.details),
                    order=order,
                    source=self.document,
                    line=record.line,
                )
            )
        _keep_hidden(rows, self.hidden.get(Job))
        Job.objects.bulk_create(rows)
        return len(rows)

    def _save_sections(self):
        rows = []
        for section in self.parsed.sections:
            title = self._clip(SectionItem, "section", section.title, section.line)
            for index, text in enumerate(section.items):
                lines = section.item_lines
                line = lines[index] if index < len(lines) else section.line
                rows.append(
                    SectionItem(
                        person=self.person,
                        section=title,
                        text=text,
                        order=len(rows),
                        source=self.document,
                        line=line,
                    )
                )
        _keep_hidden(rows, self.hidden.get(SectionItem))
        SectionItem.objects.bulk_create(rows)
        return len(rows)

    def _save_publications(self):
        """One PaperSource per publication; returns (paper ids, listings, listings shared).

        The papers are looked up for all publications at once, and the new papers and the
        listings are inserted at the end, a query each (a CV lists dozens of papers).
        """
        publications = self.parsed.publications
        keys = {title_key(publication.title) for publication in publications} - {""}
        papers = {paper.title_key: paper for paper in Paper.objects.filter(title_key__in=keys)}
        merged = PaperAlias.objects.filter(key__in=keys - papers.keys()).select_related("paper")
        aliases = {alias.key: alias.paper for alias in merged}
        found = [*papers.values(), *aliases.values()]
        listed = set(
            PaperSource.objects.filter(paper__in=found).order_by().values_list("paper", flat=True)
        )
        # title key -> line; paper's title key -> line (a paper's title key is unique)
        listed_here, lines, linked = {}, {}, 0
        new_papers, listings = [], []
        for publication, record in zip(publications, self.preview["publications"], strict=True):
            key = title_key(publication.title)
            if not key:
                self.warnings.append(
                    f"line {publication.line}: publication without a usable title; not stored"
                )
                continue
            if key in listed_here:
                self.warnings.append(
                    f"line {publication.line}: the same paper as line {listed_here[key]}; "
                    "stored once"
                )
                continue
            paper = papers.get(key) or aliases.get(key)
            if paper is not None and paper.title_key in lines:
                # Two titles a curator merged into one paper.
                self.warnings.append(
                    f"line {publication.line}: the same paper as line {lines[paper.title_key]} "
                    "(merged); stored once"
                )
                continue
            listed_here[key] = publication.line
            title = self._clip(Paper, "title", publication.title, publication.line)
            listing = PaperSource(
                source=self.document, line=publication.line, person=self.person, record=record
            )
            if paper is None:
                # Its fields as rebuild_paper() will find them from this one listing, so that
                # the rebuild has nothing to write; the title (and key) as Paper.save() sets
                # them, for rebuild_paper() to compare.
                fields, _ = _rebuilt_fields([listing])
                paper = Paper(**{**fields, "title": title, "title_key": title_key(title)})
                new_papers.append(paper)
                # A later title with this key finds it, as it would find a saved paper.
                papers.setdefault(paper.title_key, paper)
            elif paper.pk in listed:
                linked += 1
            listing.paper = paper
            listings.append(listing)
            lines[paper.title_key] = publication.line
        Paper.objects.bulk_create(new_papers)
        PaperSource.objects.bulk_create(listings)
        return {listing.paper_id for listing in listings}, len(listed_here), linked

    def _organization(self, name):
        if self.organizations is None:
            self._find_organizations()
        name = self._clip(Organization, "name", name)
        key = name_key(name)
        if self.organizations.get(key) is None:
            slug = _unique_slug(Organization, name, numbers=self.slug_numbers)
            organization = Organization(name=name, slug=slug)
            organization.save()
            self.organizations[key] = organization
        return self.organizations[key]

    def _find_organizations(self):
        """Look up every organisation the document names, by its key or a merged alias key,
        in two queries; self.organizations maps each key to one, or to None if new."""
        names = [record.institution for record in self.parsed.education]
        names += [record.organization for record in self.parsed.jobs]
        keys = {name_key(_clipped(Organization, "name", name)) for name in names}
        found = Organization.objects.filter(name_key__in=keys)
        self.organizations = dict.fromkeys(keys)
        self.organizations.update((organization.name_key, organization) for organization in found)
        missing = [key for key, organization in self.organizations.items() if organization is None]
        merged = OrganizationAlias.objects.filter(key__in=missing).select_related("organization")
        self.organizations.update((alias.key, alias.organization) for alias in merged)

    def _clip(self, model, field, value, line=None):
        """Fit a model field's max_length (PostgreSQL enforces it; SQLite does not)."""
        clipped = _clipped(model, field, value)
        if clipped != (value or "").strip():
            where = f"line {line}: " if line else ""
            limit = model._meta.get_field(field).max_length
            self.warnings.append(f"{where}{model.__name__}.{field} shortened to {limit} characters")
        return clipped


def _clipped(model, field, value):
    value = (value or "").strip()
    limit = model._meta.get_field(field).max_length
    if limit and len(value) > limit:
        value = value[: limit - 1] + "…"
    return value


def rebuild_person(person):
    """Contact fields and metrics from all the person's documents, in import order.

    Lists (e-mails, phones, links) are the union; homepage, headline, location and address
    come from the first document that has one; metrics are merged, later documents winning
    (a re-scraped profile page is newer). The name and slug are left alone.
    """
    infos = [
        (document.report or {}).get("person") or {} for document in person.documents.order_by("pk")
    ]
    emails, phones, links = [], [], []
    metrics = {}
    for info in infos:
        _extend_unique(emails, info.get("emails") or [], key=str.lower)
        _extend_unique(phones, info.get("phones") or [], key=lambda p: re.sub(r"\D", "", p))
        _extend_unique(links, info.get("links") or [], key=lambda link: link.get("url"))
        metrics.update(info.get("metrics") or {})
    person.emails, person.phones, person.links, person.metrics = emails, phones, links, metrics
    for field in ("homepage", "headline", "location", "address"):
        value = next((info[field] for info in infos if info.get(field)), "")
        limit = Person._meta.get_field(field).max_length
        setattr(person, field, value[:limit] if limit else value)
    person.save()


def link_authorships(person):
    """Attach a newly known person to bylines that already name them (a co-author's paper),
    by their name, a former name from a merge or a name variant, on papers not yet linked to
    them; returns how many authorships were linked."""
    names = Q(name_key__in=PersonAlias.objects.filter(person=person).values("key"))
    names |= Q(name_key__in=NameVariant.objects.filter(person=person).values("key"))
    if person.name_key:
        names |= Q(name_key=person.name_key)
    linked = Authorship.objects.filter(person=person).values("paper")
    unlinked = Authorship.objects.filter(names, person=None).exclude(paper__in=linked)
    return unlinked.update(person=person)


def _hidden_entries(rows):
    """{entry_key: (hidden_by_id, hidden_at)} of the hidden rows among rows."""
    return {row.entry_key(): (row.hidden_by_id, row.hidden_at) for row in rows if row.hidden}


def _keep_hidden(rows, hidden):
    """Hide the new rows that are entries hidden before (what _hidden_entries() found)."""
    for row in rows:
        if stamp := (hidden or {}).get(row.entry_key()):
            row.hidden = True
            row.hidden_by_id, row.hidden_at = stamp


def rebuild_paper(paper):
    """Recompute a paper's fields and byline from its PaperSource rows.

    Sources are ranked: those giving a venue kind (conference, journal, book, thesis, patent)
    before preprints and others; within that, the furthest status first (published,
    forthcoming, under review, submitted); then import order (the document's first import).
    So an ICLR listing outranks an arXiv listing of the same paper whichever came first, and
    a CV saying 'published' outranks an older one saying 'submitted'.

    - kind and status come from the top-ranked source. A preprint's 'published' (it is on
      arXiv) therefore never turns a conference submission into a published paper.
    - title, year, abstract, arXiv id and category: the first non-empty in rank order; venue
      and venue_full together from the first source that names a venue; date from the first
      source whose date falls in that year (an arXiv posting date of 2022 is not the date of
      the ICLR 2023 paper).
    - awards and links: the union; has_code if any source says so.
    - byline: the source naming the most authors (group bylines such as 'GLM Team' do not
      count); ties go to a complete list over one cut with 'et al.', then to full names over
      initials ('Élodie Marchand' over 'É. Marchand'), then to import order.
      Each author is linked to the Person of that name, else of that former name or name
      variant (or, for the source's own owner marked is_owner, to that source's person).
      An owner whose byline entry is not found gets an extra Authorship at the end with
      listed_by_owner=True. An authorship hidden before stays hidden (same person).
    """
    rebuilds = _REBUILDS.get()
    if rebuilds is not None:
        rebuilds.rebuild(paper)
        return
    with _Rebuilds([paper]) as rebuilds:
        rebuilds.rebuild(paper)


# The _Rebuilds that rebuild_paper() works within, if a caller started one.
_REBUILDS = ContextVar("rebuilds", default=None)


class _Rebuilds:
    """rebuild_paper() for many papers in a few queries.

    save_document() rebuilds every paper its document lists, dozens for a typical CV, and
    a paper rebuilt on its own costs about seven queries. Within `with _Rebuilds(papers):`,
    rebuild_paper() takes the papers' listings, and the people their bylines name, from
    queries made once up front. A paper is updated only if its fields change. Replacing the
    bylines waits for the end of the block, where deleting the old ones and inserting the
    new ones take a query each: nothing a later rebuild reads, so the result is the same.
    An exception inside the block leaves the bylines alone.
    """

    def __init__(self, papers, *, hidden=None):
        self.sources = defaultdict(list)  # paper id -> its listings in import order
        listings = PaperSource.objects.filter(paper__in=papers).select_related("person")
        for source in listings.order_by("source_id", "pk"):
            self.sources[source.paper_id].append(source)
        keys = {
            name_key(author.get("name"))
            for sources in self.sources.values()
            for source in sources
            for author in source.record.get("authors") or []
        } - {""}
        self.people = {}  # name key -> the first person of that name, else a merged name's
        for person in Person.objects.filter(name_key__in=keys).order_by("pk"):
            self.people.setdefault(person.name_key, person)
        merged = PersonAlias.objects.filter(key__in=keys - self.people.keys())
        self.people.update((alias.key, alias.person) for alias in merged.select_related("person"))
        variants = NameVariant.objects.filter(key__in=keys - self.people.keys())
        self.people.update((v.key, v.person) for v in variants.select_related("person"))
        # What was hidden of the bylines being replaced (and of those a withdrawn document gave).
        hidden_now = Authorship.objects.filter(paper__in=papers, hidden=True)
        self.hidden = {**(hidden or {}), **_hidden_entries(hidden_now)}
        self.bylines, self.authorships = [], []  # papers whose bylines are replaced by these

    def __enter__(self):
        self.token = _REBUILDS.set(self)
        return self

    def __exit__(self, error, *details):
        _REBUILDS.reset(self.token)
        if error is None:
            Authorship.objects.filter(paper__in=self.bylines).delete()
            Authorship.objects.bulk_create(self.authorships)

    def rebuild(self, paper):
        in_import_order = self.sources[paper.pk]
        if not in_import_order:
            return
        old_title, old_key = paper.title, paper.title_key
        fields, byline = _rebuilt_fields(in_import_order)
        if any(getattr(paper, name) != value for name, value in fields.items()) or (
            title_key(fields["title"]) != old_key
        ):
            # Written at once and in order, as the unique title key wants. A paper that
            # comes out as it was (a new paper, whose fields were set from its listing)
            # needs no write.
            for name, value in fields.items():
                setattr(paper, name, value)
            paper.save()
        if old_key and paper.title_key != old_key:
            # Only a merged paper's listings give titles with different keys. The listing that
            # gave the old title must still find this paper when its document is re-imported.
            PaperAlias.objects.get_or_create(
                key=old_key, defaults={"paper": paper, "name": old_title, "slug": ""}
            )
        self.bylines.append(paper)
        self.authorships += self._byline_rows(paper, byline, in_import_order)

    def _byline_rows(self, paper, byline, sources):
        authors = byline.record.get("authors") or []
        keys = {name_key(a.get("name")) for a in authors} - {""}
        people = {key: self.people[key] for key in keys if key in self.people}
        rows, linked = [], set()
        for position, author in enumerate(authors, start=1):
            name = (author.get("name") or "")[:200]
            person = people.get(name_key(name))
            if author.get("is_owner") and byline.person is not None:
                person = byline.person
            if person is not None and person.pk in linked:
                # A person is linked once per byline; a merge can make two of its names one.
                person = None
            elif person is not None:
                linked.add(person.pk)
            rows.append(
                Authorship(
                    paper=paper,
                    position=position,
                    name=name,
                    person=person,
                    equal_contribution=bool(author.get("equal_contribution")),
                    source_id=byline.source_id,
                    line=byline.line,
                )
            )
        for source in sources:
            owner = source.person
            if owner is None or any(row.person_id == owner.pk for row in rows):
                continue
            written = next(
                (
                    row
                    for row in rows
                    if row.person is None and abbreviates(name_key(row.name), owner.name_key)
                ),
                None,
            )
            if written is not None:
                written.person = owner
                continue
            rows.append(
                Authorship(
                    paper=paper,
                    position=len(rows) + 1,
                    name=owner.name,
                    person=owner,
                    listed_by_owner=True,
                    source_id=source.source_id,
                    line=source.line,
                )
            )
        for row in rows:
            # bulk_create skips save(), which derives name_key.
            row.name_key = name_key(row.name)
        _keep_hidden(rows, self.hidden)
        return rows


def _rebuilt_fields(in_import_order):
    """A paper's fields as rebuild_paper() ranks its listings, and the listing whose byline
    it takes: ({"kind": ..., "title": ..., ...}, listing)."""
    sources = sorted(
        in_import_order,
        key=lambda s: (
            s.record.get("kind") not in VENUE_KINDS,
            STATUS_ORDER.get(s.record.get("status"), len(STATUS_ORDER)),
        ),
    )
    records = [source.record for source in sources]
    first = records[0]
    year = next((r["year"] for r in records if r.get("year")), None)
    day = _paper_date(records, year)
    if year is None and day is not None:
        year = day.year
    with_venue = next((r for r in records if r.get("venue") or r.get("venue_full")), {})
    # min() keeps the first of equals, so the last tie-break is import order.
    byline = min(
        in_import_order,
        key=lambda s: (
            -_named_count(s.record),
            bool(s.record.get("authors_truncated")),
            _initials_count(s.record),
        ),
    )
    fields = {
        "kind": first.get("kind") or Paper.Kind.OTHER,
        "status": first.get("status") or Paper.Status.PUBLISHED,
        "title": _first(records, "title")[: Paper._meta.get_field("title").max_length],
        "year": year,
        "date": day,
        "venue": (with_venue.get("venue") or "")[:300],
        "venue_full": (with_venue.get("venue_full") or "")[:500],
        "abstract": _first(records, "abstract"),
        "arxiv_id": _first(records, "arxiv_id")[:40],
        "category": _first(records, "category")[:40],
        "awards": _extend_unique([], [a for r in records for a in r.get("awards") or []]),
        "links": _extend_unique(
            [],
            [link for r in records for link in r.get("links") or []],
            key=lambda x: x.get("url"),
        ),
        "has_code": any(r.get("has_code") for r in records),
        "authors_truncated": bool(byline.record.get("authors_truncated")),
    }
    return fields, byline


def _named_count(record):
    return sum(
        1
        for author in record.get("authors") or []
        if author.get("name") and not vocab.GROUP_AUTHOR_WORDS.search(author["name"])
    )


def _initials_count(record):
    """Authors written with initials only for their given names: 'G. Whitfield'."""
    return sum(
        1
        for author in record.get("authors") or []
        if any(len(word) == 1 for word in name_key(author.get("name")).split())
    )


def _paper_date(records, year):
    for record in records:
        try:
            day = date.fromisoformat(record.get("date") or "")
        except ValueError:
            continue
        if year is None or day.year == year:
            return day
    return None


def _first(records, field):
    return next((r[field] for r in records if r.get(field)), "")


def _extend_unique(items, more, key=lambda item: item):
    seen = {key(item) for item in items}
    for item in more:
        if key(item) not in seen:
            seen.add(key(item))
            items.append(item)
    return items


def _split_partial(value):
    """'2021-08' -> (2021, 8); '2021' -> (2021, None); None -> (None, None)."""
    match = _PARTIAL_DATE.match(value or "")
    if not match:
        return None, None
    month = int(match.group(2)) if match.group(2) else None
    return int(match.group(1)), month if month and 1 <= month <= 12 else None


def _unique_slug(model, text, *, numbers=None):
    """The text's slug, numbered if a row has it already: 'ada-example', 'ada-example-2' ...

    numbers, kept by the caller through one transaction, remembers where each slug's numbers
    stopped. Many names with one slug (alike in their first 100 characters) then cost a query
    each, not one per name before them: 1,000 such organisations took two minutes.
    """
    base = ascii_slug(text)
    number = (numbers or {}).get(base, 1)
    slug = f"{base}-{number}" if number > 1 else base
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    if numbers is not None:
        numbers[base] = number + 1
    return slug


def _skipped_report(parsed, document, status):
    person = document.person
    return {
        "source": parsed.source,
        "status": status,
        "person": person.slug if person else None,
        "name": person.name if person else None,
        "person_new": False,
        "education": 0,
        "jobs": 0,
        "section_items": 0,
        "papers": 0,
        "papers_new": 0,
        "papers_linked": 0,
        "warnings": [],
        "unparsed": len(parsed.unparsed),
    }
