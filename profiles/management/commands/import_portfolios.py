"""python manage.py import_portfolios PATH... [--dry-run] [--json] [--as-of DATE] [--jobs N]"""

import argparse
import json
import multiprocessing
import os
import re
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from glob import glob
from pathlib import Path

import django
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from profiles.importer.parse import parse_document
from profiles.importer.read import DocumentError
from profiles.importer.save import mark_owner, save_document
from profiles.models import DataVersion, Person

_GLOB_MAGIC = re.compile(r"[*?[]")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_date(text):
    """argparse type for --as-of: '2026-11-22' -> date(2026, 11, 22)."""
    try:
        if _ISO_DATE.match(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"{text!r} is not a date; write it as YYYY-MM-DD")


class Command(BaseCommand):
    help = (
        "Import portfolio documents (CV text files). PATHs are files, folders (their files, "
        "sorted) or glob patterns. A document that fails is reported on stderr as "
        "'name: reason', the others are still imported, and the command exits with status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Parse only; the database is not used (it need not even be migrated).",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print one JSON array on stdout: the import previews with --dry-run, "
            "otherwise the per-document import reports.",
        )
        parser.add_argument(
            "--person",
            metavar="SLUG",
            default=None,
            help="Attach the documents' records to this existing person (a publication list "
            "names no one); their authors of that name become the person's authorships.",
        )
        parser.add_argument(
            "--as-of",
            type=iso_date,
            default=None,
            metavar="YYYY-MM-DD",
            help="Date the documents were captured; resolves dates without a year. Default: today.",
        )
        parser.add_argument(
            "--jobs",
            type=positive_int,
            default=1,
            metavar="N",
            help="Parse in N processes (saving stays in this one, in the documents' order). "
            "Default: 1.",
        )

    def execute(self, *args, **options):
        if options.get("dry_run"):
            # The system checks open a database connection (JSONField support); a preview
            # must work without any database.
            options["skip_checks"] = True
        return super().execute(*args, **options)

    def handle(self, *args, paths, dry_run, as_of, verbosity, person=None, **options):
        as_of = as_of or timezone.localdate()
        person = find_person(person) if person else None
        self.verbosity = verbosity
        # Django colours all of stderr as errors in a terminal; here most of it is progress.
        self.stderr.style_func = None
        limit = settings.PORTFOLIO_MAX_DOCUMENT_BYTES
        results, failures = [], 0
        totals = Counter()
        found = list(find_documents(paths))
        # In a terminal, a bar with the rate and the time left stands for the per-document
        # lines; failures and warnings still print, above it.
        self.bar = None
        if verbosity == 1 and self.stderr.isatty() and len(found) > 1:
            self.bar = tqdm(total=len(found), unit="doc", file=self.stderr._out, leave=True)
        try:
            with DataVersion.batched():
                failures = self.import_all(
                    found, as_of, limit, options["jobs"], dry_run, person, results, totals
                )
        finally:
            if self.bar is not None:
                self.bar.close()
        totals["failed"] = failures
        if verbosity >= 1:
            self.summary(totals, dry_run)
        if options["json"]:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
        if failures:
            raise CommandError(f"{failures} of {len(results) + failures} documents failed")

    def import_all(self, found, as_of, limit, jobs, dry_run, person, results, totals):
        """Parse and save (or preview) each document; the number that failed."""
        failures = 0
        for path, parsed, error in parsed_documents(found, as_of, limit, jobs):
            if self.bar is not None:
                self.bar.update()
            if error is None:
                try:
                    if dry_run:
                        result = preview(parsed, person)
                    else:
                        result = save_document(parsed, as_of=as_of, person=person)
                except Exception as exc:  # one broken document must not stop the batch
                    error = unexpected(path, exc)
                else:
                    results.append(result)
                    self.progress(parsed, result, dry_run, totals)
                    continue
            self.fail(error[0])
            if self.verbosity >= 2 and error[1]:
                self.say(error[1])
            failures += 1
        return failures

    def fail(self, message):
        # One line per failure, whatever the exception text holds.
        self.say(" ".join(message.split()), self.style.ERROR)

    def say(self, line, style=None):
        if self.bar is None:
            self.stderr.write(line, style_func=style)
        else:
            self.bar.write(style(line) if style else line, file=self.stderr._out)

    def progress(self, parsed, result, dry_run, totals):
        name = parsed.person.name or "(no name)"
        if dry_run:
            totals["parsed"] += 1
            totals["education"] += len(parsed.education)
            totals["jobs"] += len(parsed.jobs)
            totals["papers"] += len(parsed.publications)
            totals["warnings"] += len(parsed.warnings)
            totals["unparsed"] += len(parsed.unparsed)
            line = (
                f"parsed {parsed.source}: {name}, {len(parsed.education)} education, "
                f"{len(parsed.jobs)} jobs, {len(parsed.publications)} papers, "
                f"{len(parsed.unparsed)} unparsed"
            )
            warnings = parsed.warnings
        else:
            status = result["status"]
            totals[status] += 1
            if status in ("new", "updated"):
                totals["people_new" if result["person_new"] else "people_existing"] += 1
                for key in ("education", "jobs", "papers_new", "papers_linked", "unparsed"):
                    totals[key] += result[key]
            totals["warnings"] += len(result["warnings"])
            verb = {"new": "imported", "updated": "updated"}.get(status, status)
            if status in ("unchanged", "duplicate"):
                line = f"{verb} {parsed.source}: {result['name']}"
            else:
                line = (
                    f"{verb} {parsed.source}: {result['name']} "
                    f"({'new' if result['person_new'] else 'existing'}), "
                    f"{result['education']} education, {result['jobs']} jobs, "
                    f"{result['papers']} papers ({result['papers_linked']} linked), "
                    f"{result['unparsed']} unparsed"
                )
            warnings = result["warnings"]
        if self.verbosity >= 1:
            if self.bar is None:
                self.stderr.write(line)
            for warning in warnings:
                self.say(
                    f"  {parsed.source}: warning: {warning}"
                    if self.bar
                    else f"  warning: {warning}",
                    self.style.WARNING,
                )

    def summary(self, totals, dry_run):
        if dry_run:
            rows = [
                ("documents", f"{totals['parsed']} parsed, {totals['failed']} failed"),
                ("education", totals["education"]),
                ("jobs", totals["jobs"]),
                ("papers", totals["papers"]),
            ]
        else:
            documents = (
                f"{totals['new']} new, {totals['updated']} updated, "
                f"{totals['unchanged']} unchanged, {totals['failed']} failed"
            )
            if totals["duplicate"]:
                documents += f", {totals['duplicate']} duplicate"
            rows = [
                ("documents", documents),
                ("people", f"{totals['people_new']} new, {totals['people_existing']} existing"),
                ("education", totals["education"]),
                ("jobs", totals["jobs"]),
                ("papers", f"{totals['papers_new']} new, {totals['papers_linked']} linked"),
            ]
        rows += [("warnings", totals["warnings"]), ("unparsed", f"{totals['unparsed']} lines")]
        self.stderr.write("Summary" + (" (dry run, nothing saved)" if dry_run else ""))
        for label, value in rows:
            self.stderr.write(f"  {label:<10} {value}")


def positive_int(text):
    """argparse type for --jobs: a whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (1 or more)")
    return int(text)


def parsed_documents(found, as_of, limit, jobs):
    """Yield (path, ParsedDocument or None, None or (one-line error, traceback or None)) for
    each of find_documents()'s results, in their order; with jobs > 1, parsed in that many
    processes while the caller saves the ones before."""
    work = [(path, as_of, limit) for path, error in found if error is None]
    if jobs > 1 and len(work) > 1:
        # Spawned, not forked: a child must not inherit this process's database connection
        # (closing a PostgreSQL one there would end the parent's session). They parse only.
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=django.setup)
        outcomes = pool.map(parse_one, work, chunksize=4)
    else:
        pool, outcomes = None, map(parse_one, work)
    try:
        for path, error in found:
            if error:
                yield None, None, (error, None)
            else:
                yield path, *next(outcomes)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def parse_one(work):
    """(ParsedDocument, None) or (None, error) for one document; runs in a worker process
    with --jobs, so it returns what went wrong rather than raising it."""
    path, as_of, limit = work
    try:
        data = read_document(path, limit)
        return parse_document(data, path.name, as_of=as_of, max_bytes=limit), None
    except DocumentError as exc:
        return None, (str(exc), None)
    except OSError as exc:
        return None, (f"{path.name}: cannot read the file ({exc.strerror or exc})", None)
    except Exception as exc:  # one broken document must not stop the batch
        return None, unexpected(path, exc)


def unexpected(path, exc):
    return f"{path.name}: unexpected error ({type(exc).__name__}: {exc})", traceback.format_exc()


def find_person(slug):
    """The Person --person names; a CommandError, before anything is imported, if none."""
    person = Person.objects.filter(slug=slug).first()
    if person is None:
        raise CommandError(f"--person {slug}: no such person (give the slug of an existing one)")
    return person


def preview(parsed, person):
    """The import preview; onto a person, with their authors marked and their slug given."""
    if person is None:
        return parsed.to_json()
    result = mark_owner(parsed, person).to_json()
    result["onto_person"] = person.slug
    return result


def find_documents(arguments):
    """Yield (path, None) per document, or (None, 'ARG: reason') for an argument naming none.

    A folder gives its regular, non-hidden files; a glob its matching files; both sorted.
    Documents are identified by file name, so two different files with one name are refused.
    """
    names = {}
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            if not found:
                yield None, f"{argument}: the folder holds no documents"
        elif path.is_file():
            found = [path]
        elif path.exists():
            yield None, f"{argument}: not a regular file"
            continue
        elif _GLOB_MAGIC.search(argument):
            found = sorted(Path(p) for p in glob(argument) if Path(p).is_file())
            if not found:
                yield None, f"{argument}: no files match this pattern"
        else:
            yield None, f"{argument}: no such file or directory"
            continue
        for document in found:
            key = os.path.realpath(document)
            if names.get(document.name, key) != key:
                yield (
                    None,
                    (
                        f"{document.name}: another file of this batch has the same name "
                        f"({names[document.name]}); documents are identified by file name"
                    ),
                )
            elif document.name not in names:
                names[document.name] = key
                yield document, None


def read_document(path, limit):
    """The file's bytes, refusing before reading a file over the size limit."""
    with path.open("rb") as file:
        size = os.fstat(file.fileno()).st_size
        if size > limit:
            raise DocumentError(path.name, f"too large ({size:,} bytes; the limit is {limit:,})")
        return file.read(limit + 1)
