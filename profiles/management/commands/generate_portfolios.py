"""python manage.py generate_portfolios --people N [--seed S] [--flush | --documents DIR]"""

import argparse
import hashlib
import time
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import JSONField
from django.utils import timezone

from profiles.models import (
    Authorship,
    DataVersion,
    Education,
    FeaturedPaper,
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
from profiles.synthetic.documents import (
    headline,
    listing,
    location,
    render_document,
    written_name,
)
from profiles.synthetic.world import generate_world
from profiles.text import ascii_slug, name_key

PARSER_VERSION = "generated"
PEOPLE_PER_TRANSACTION = 500
PAPERS_PER_TRANSACTION = 5000
ROWS_PER_INSERT = 2000
# What --flush empties: everything an import or a curator creates. DataVersion stays, and is
# bumped.
PORTFOLIO_MODELS = [
    FeaturedPaper,
    NameVariant,
    Authorship,
    PaperSource,
    PaperAlias,
    Paper,
    SectionItem,
    Education,
    Job,
    PersonAlias,
    SourceDocument,
    Person,
    OrganizationAlias,
    Organization,
]


def positive_int(text):
    """argparse type for --people: '100' -> 100."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return value


class Command(BaseCommand):
    help = (
        "Fill the database with N synthetic researchers: education, jobs, skills and awards, "
        "and papers they share with each other, each listed in a generated CV document. The "
        "same --seed gives the same people. With --documents, write the CVs as text files "
        "instead (markdown, plain text and reStructuredText in turn) and leave the database alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=positive_int, required=True, metavar="N")
        parser.add_argument("--seed", type=int, default=0, help="Default: 0.")
        target = parser.add_mutually_exclusive_group()
        target.add_argument(
            "--flush",
            action="store_true",
            help="Delete all portfolio data first (people, papers, organisations, documents). "
            "Without it the command refuses a database that holds any.",
        )
        target.add_argument(
            "--documents",
            metavar="DIR",
            type=Path,
            help="Write the CVs into DIR (created if missing); the database is not used.",
        )

    def execute(self, *args, **options):
        if options.get("documents"):
            options["skip_checks"] = True  # writing files needs no database
        return super().execute(*args, **options)

    def handle(self, *args, people, seed, flush, documents, verbosity, **options):
        started = time.monotonic()
        self.verbosity = verbosity
        if documents is None and not flush:
            refuse_existing_data()
        world = generate_world(people, seed=seed)
        self.progress(f"generated {people:,} people in {time.monotonic() - started:.1f} s")
        if documents is not None:
            counts = write_documents(world, documents)
            verb = f"Wrote {people:,} CVs to {documents}"
        else:
            if flush:
                deleted = flush_portfolios()
                self.progress(f"deleted {deleted:,} rows of earlier portfolio data")
            counts = WorldSaver(world, as_of=timezone.localdate(), progress=self.progress).save()
            verb = f"Generated {people:,} people"
        if verbosity >= 1:
            self.summary(f"{verb} with seed {seed} in {time.monotonic() - started:.1f} s", counts)

    def progress(self, message):
        if self.verbosity >= 2:
            self.stderr.write(f"  {message}")

    def summary(self, title, counts):
        self.stderr.write(title)
        for label, value in counts.items():
            self.stderr.write(f"  {label:<14} {value}")


def refuse_existing_data():
    people, papers = Person.objects.count(), Paper.objects.count()
    if people or papers or Organization.objects.exists() or SourceDocument.objects.exists():
        raise CommandError(
            f"the database already holds portfolio data ({people:,} people, {papers:,} papers); "
            "add --flush to delete it first"
        )


def flush_portfolios():
    """Empty the portfolio tables (TRUNCATE on PostgreSQL, as manage.py flush does) and
    restart their ids, so a seed gives the same URLs every time; returns the rows deleted."""
    deleted = sum(model.objects.count() for model in PORTFOLIO_MODELS)
    tables = [model._meta.db_table for model in PORTFOLIO_MODELS]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    with transaction.atomic():
        # PostgreSQL refuses to TRUNCATE a table with foreign key checks still pending from
        # inserts earlier in the same transaction (a test's): run them now.
        connection.check_constraints(table_names=tables)
        connection.ops.execute_sql_flush(statements)
        DataVersion.bump()
    return deleted


def write_documents(world, folder):
    folder.mkdir(parents=True, exist_ok=True)
    layouts, papers = Counter(), 0
    for researcher in world.people:
        document = render_document(world, researcher)
        (folder / document.name).write_text(document.text, encoding="utf-8")
        layouts[researcher.layout] += 1
        papers += len(document.paper_lines)
    return {
        "documents": ", ".join(f"{count:,} {layout}" for layout, count in layouts.items()),
        "listings": f"{papers:,} papers listed ({len(world.papers):,} distinct)",
    }


class WorldSaver:
    """Stores a generated world with bulk inserts, one transaction per batch of people or
    papers, each bumping DataVersion so that cached pages never outlive the data they show.

    Rows look as if each person's CV had been imported: a SourceDocument holding the CV
    text, education, jobs and section items carrying its lines, and one PaperSource per
    listing with the record the CV gives. Papers and bylines are what rebuild_paper() makes
    of those listings, so rebuilding one (a curator's merge does) changes nothing.
    """

    def __init__(self, world, *, as_of, progress):
        self.world = world
        self.as_of = as_of
        self.progress = progress
        self.counts = Counter()
        self.organizations = []  # world organisation index -> pk
        self.people = {}  # researcher index -> Person pk
        self.documents = {}  # researcher index -> SourceDocument pk
        self.paper_lines = {}  # researcher index -> {paper index: line}

    def save(self):
        started = time.monotonic()
        with transaction.atomic():
            self.save_organizations()
        people = self.world.people
        for start in range(0, len(people), PEOPLE_PER_TRANSACTION):
            with transaction.atomic():
                self.save_people(people[start : start + PEOPLE_PER_TRANSACTION])
                DataVersion.bump()
        self.progress(f"stored people in {time.monotonic() - started:.1f} s")
        started = time.monotonic()
        papers = self.world.papers
        for start in range(0, len(papers), PAPERS_PER_TRANSACTION):
            with transaction.atomic():
                self.save_papers(start, papers[start : start + PAPERS_PER_TRANSACTION])
                DataVersion.bump()
            self.progress(f"stored {min(start + PAPERS_PER_TRANSACTION, len(papers)):,} papers")
        self.progress(f"stored papers in {time.monotonic() - started:.1f} s")
        counts = self.counts
        return {
            "people": f"{counts['people']:,} ({counts['documents']:,} documents)",
            "education": f"{counts['education']:,}",
            "jobs": f"{counts['jobs']:,}",
            "section items": f"{counts['section_items']:,}",
            "organizations": f"{counts['organizations']:,}",
            "papers": f"{counts['papers']:,}",
            "authorships": f"{counts['authorships']:,} ({counts['linked']:,} linked to people)",
            "listings": f"{counts['listings']:,}",
        }

    def save_organizations(self):
        rows = [
            {"name": org.name, "slug": ascii_slug(org.name), "name_key": name_key(org.name)}
            for org in self.world.organizations
        ]
        self.organizations = insert_rows(Organization, rows, ids=True)
        self.counts["organizations"] += len(rows)

    def save_people(self, researchers):
        documents = [render_document(self.world, researcher) for researcher in researchers]
        keys = insert_rows(Person, [self.person(r) for r in researchers], ids=True)
        self.people.update(zip((r.index for r in researchers), keys, strict=True))
        sources = [
            self.source(researcher, document)
            for researcher, document in zip(researchers, documents, strict=True)
        ]
        keys = insert_rows(SourceDocument, sources, ids=True)
        self.documents.update(zip((r.index for r in researchers), keys, strict=True))
        education, jobs, items = [], [], []
        for researcher, document in zip(researchers, documents, strict=True):
            self.paper_lines[researcher.index] = document.paper_lines
            education += self.education(researcher, document)
            jobs += self.jobs(researcher, document)
            items += self.section_items(researcher, document)
        insert_rows(Education, education)
        insert_rows(Job, jobs)
        insert_rows(SectionItem, items)
        self.counts.update(
            people=len(researchers),
            documents=len(sources),
            education=len(education),
            jobs=len(jobs),
            section_items=len(items),
        )

    def person(self, researcher):
        return {
            "name": researcher.name.full,
            "slug": researcher.slug,
            "name_key": researcher.name.key,
            "headline": headline(self.world, researcher),
            "location": location(self.world, researcher),
            "emails": [researcher.email],
            "metrics": researcher.metrics,
        }

    def source(self, researcher, document):
        """The person's CV as an imported document, with the report an import writes."""
        return {
            "name": f"generated/{document.name}",
            "sha256": hashlib.sha256(document.text.encode("utf-8")).hexdigest(),
            "text": document.text,
            "captured_on": self.as_of,
            "parser_version": PARSER_VERSION,
            "person_id": self.people[researcher.index],
            "report": {
                "counts": {
                    "education": len(researcher.education),
                    "jobs": len(researcher.jobs),
                    "publications": len(researcher.papers),
                    "sections": len({section for section, _ in researcher.sections}),
                    "unparsed": 0,
                    "warnings": 0,
                },
                "warnings": [],
                "unparsed": [],
                "person": {
                    "name": researcher.name.full,
                    "emails": [researcher.email],
                    "phones": [],
                    "homepage": None,
                    "links": [],
                    "headline": headline(self.world, researcher),
                    "location": location(self.world, researcher),
                    "address": None,
                    "metrics": researcher.metrics,
                    "line": 1,
                },
            },
        }

    def provenance(self, researcher, line):
        return {
            "person_id": self.people[researcher.index],
            "source_id": self.documents[researcher.index],
            "line": line,
        }

    def education(self, researcher, document):
        return [
            {
                "organization_id": self.organizations[study.organization],
                "degree": study.degree,
                "degree_text": f"{study.degree_written} in {study.field}",
                "field": study.field,
                "start_year": study.start_year,
                "start_month": study.start_month,
                "end_year": study.end_year,
                "end_month": study.end_month,
                "current": study.current,
                "order": order,
                **self.provenance(researcher, line),
            }
            for order, (study, line) in enumerate(
                zip(researcher.education, document.education_lines, strict=True)
            )
        ]

    def jobs(self, researcher, document):
        return [
            {
                "organization_id": self.organizations[job.organization],
                "title": job.title,
                "location": self.world.organizations[job.organization].location,
                "start_year": job.start_year,
                "start_month": job.start_month,
                "end_year": job.end_year,
                "end_month": job.end_month,
                "current": job.current,
                "order": order,
                **self.provenance(researcher, line),
            }
            for order, (job, line) in enumerate(
                zip(researcher.jobs, document.job_lines, strict=True)
            )
        ]

    def section_items(self, researcher, document):
        return [
            {"section": section, "text": text, "order": order, **self.provenance(researcher, line)}
            for order, ((section, text), line) in enumerate(
                zip(researcher.sections, document.section_lines, strict=True)
            )
        ]

    def save_papers(self, first, papers):
        """Papers with their bylines and listings. A paper shows what its listings say, as
        rebuild_paper() would make it: an award or a code link only one layout writes counts
        only if someone's CV in that layout lists the paper."""
        rows, listed = [], []
        for index, paper in enumerate(papers, start=first):
            linked = sorted(person for _, person in paper.authors if person is not None)
            records = [
                (person, listing(paper, self.world.people[person], self.paper_lines[person][index]))
                for person in linked
            ]
            links = next((r["links"] for _, r in records if "links" in r), [])
            rows.append(
                {
                    "title": paper.title,
                    "title_key": paper.key,
                    "year": paper.year,
                    "venue": paper.venue.short,
                    "venue_full": paper.venue.full,
                    "kind": paper.kind,
                    "status": paper.status,
                    "awards": next((r["awards"] for _, r in records if "awards" in r), []),
                    "links": links,
                    "has_code": bool(links),
                    "arxiv_id": paper.arxiv_id,
                }
            )
            listed.append((index, paper, linked, records))
        keys = insert_rows(Paper, rows, ids=True)
        authorships, listings = [], []
        for key, (index, paper, linked, records) in zip(keys, listed, strict=True):
            for person, record in records:
                researcher = self.world.people[person]
                listings.append(
                    {
                        "paper_id": key,
                        "record": record,
                        **self.provenance(researcher, record["line"]),
                    }
                )
            authorships += self.byline(index, paper, key, linked)
        insert_rows(Authorship, authorships)
        insert_rows(PaperSource, listings)
        self.counts.update(
            papers=len(rows),
            authorships=len(authorships),
            linked=sum(1 for row in authorships if row["person_id"]),
            listings=len(listings),
        )

    def byline(self, index, paper, paper_key, linked):
        """The byline as rebuild_paper() takes it: from the listing that writes the fewest
        names with initials, the first imported among equals."""
        people = self.world.people
        in_markdown = None

        def initials(researcher):
            nonlocal in_markdown
            if researcher.layout == "markdown":
                if in_markdown is None:
                    in_markdown = sum(name.full_has_initial for name, _ in paper.authors)
                return in_markdown
            name = researcher.name  # the only name a text or rst CV may write in full
            return len(paper.authors) - (not name.plain_initials and not name.full_has_initial)

        chosen = people[min(linked, key=lambda person: (initials(people[person]), person))]
        source, line = self.documents[chosen.index], self.paper_lines[chosen.index][index]
        rows = []
        for position, (name, person) in enumerate(paper.authors, start=1):
            written = written_name(name, person, chosen)
            rows.append(
                {
                    "paper_id": paper_key,
                    "position": position,
                    "name": written,
                    "name_key": name.key if written == name.full else name.initials_key,
                    "person_id": self.people[person] if person is not None else None,
                    "source_id": source,
                    "line": line,
                }
            )
        return rows


def insert_rows(model, rows, *, ids=False):
    """Insert rows, dicts of field attnames to values (the same keys in the same order), of
    a model whose other fields take their defaults; returns the primary keys, in order, if ids.

    On PostgreSQL this is a COPY, with the keys drawn from the table's sequence first: the
    million authorships of 10,000 people take seconds, where bulk_create, which builds a model
    instance and an UNNEST array element per value, takes minutes.
    """
    if not rows:
        return [] if ids else None
    if connection.vendor != "postgresql":
        objects = [model(**row) for row in rows]
        model.objects.bulk_create(objects, batch_size=ROWS_PER_INSERT)
        return [obj.pk for obj in objects] if ids else None
    from psycopg.types.json import Jsonb

    meta = model._meta
    fields = [meta.get_field(column) for column in rows[0]]
    others = [f for f in meta.concrete_fields if not f.primary_key and f not in fields]
    defaults = []
    for field in others:
        value = field.get_default()
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = timezone.now()
        defaults.append(Jsonb(value) if isinstance(field, JSONField) else value)
    json_at = [i for i, field in enumerate(fields) if isinstance(field, JSONField)]
    quote = connection.ops.quote_name
    keys = None
    with connection.cursor() as cursor:
        if ids:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(rows)],
            )
            keys = [key for (key,) in cursor.fetchall()]
            fields.insert(0, meta.pk)
        names = ", ".join(quote(field.column) for field in [*fields, *others])
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({names}) FROM STDIN") as copy:
            for number, row in enumerate(rows):
                values = list(row.values())
                for i in json_at:
                    values[i] = Jsonb(values[i])
                if ids:
                    values.insert(0, keys[number])
                copy.write_row(values + defaults)
    return keys
