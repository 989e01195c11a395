"""Imports as transactions: importing a document again changes nothing, and two imports at once
give what one after the other gives."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profiles.importer.parse import parse_text
from profiles.importer.save import save_document
from profiles.models import DataVersion, Organization, Paper, Person, SourceDocument
from tests.database import natural_snapshot, snapshot
from tests.importer.test_properties import FRAGMENTS
from tests.test_search import on_postgresql

ROOT = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 11, 22)

# A CV with a name, so that it is imported rather than refused: its lines are drawn from the
# fragments the parser property tests use.
cv_texts = st.lists(
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6).map("".join),
    min_size=1,
    max_size=30,
).map(lambda lines: "\n".join(["# Ada Example", "", *lines]))


def two_documents(first, second):
    """Two documents of one person, so that the second meets the first's rows."""
    return [
        parse_text(text, source=name, as_of=AS_OF)
        for name, text in (("first.md", first), ("second.md", second))
    ]


examples = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.django_db
@examples
@given(first=cv_texts, second=cv_texts)
def test_importing_documents_again_writes_nothing(first, second):
    delete_portfolios()  # what an earlier example left
    documents = two_documents(first, second)
    for parsed in documents:
        save_document(parsed, as_of=AS_OF)
    before = snapshot()

    for parsed in documents:
        assert save_document(parsed, as_of=AS_OF)["status"] in ("unchanged", "duplicate")

    assert snapshot() == before  # ids, timestamps and the data version included


@pytest.mark.django_db
@examples
@given(first=cv_texts, second=cv_texts)
def test_storing_documents_again_gives_the_same_records(first, second):
    # What a new parser version does to documents it reads as the old one did.
    delete_portfolios()
    documents = two_documents(first, second)
    for parsed in documents:
        save_document(parsed, as_of=AS_OF)
    before, ids = natural_snapshot(), kept_ids()

    for parsed in documents:
        save_document(parsed, as_of=AS_OF, parser_version="next")

    assert kept_ids() == ids
    assert without_versions(natural_snapshot()) == without_versions(before)


def kept_ids():
    """The rows whose URLs must survive a re-import."""
    return {
        model: list(model.objects.order_by("pk").values_list("pk", flat=True))
        for model in (Person, Organization, Paper)
    }


def without_versions(tables):
    documents = [{**row, "parser_version": None} for row in tables["SourceDocument"]]
    return {**tables, "SourceDocument": documents, "DataVersion": []}


TOPICS = ["Graphs", "Proteins", "Glaciers", "Markets", "Languages", "Sensors", "Rivers"]
TOPICS += ["Robots", "Vaccines", "Galaxies", "Forests", "Networks", "Compilers", "Oceans"]
ORGANIZATIONS = [
    "University of Examples",
    "Sample Institute of Technology",
    "Example Research Laboratory",
    "Fictional Academy of Sciences",
    "Placeholder State University",
    "Imaginary Polytechnic University",
]


def coauthor_cv(name, email, coauthor, own_topic):
    """Fictional CVs that name the same organisations and list the same co-authored papers."""
    lines = [f"# {name}", "", email, "", "## Education", ""]
    for year, organization in zip(range(2000, 2030, 4), ORGANIZATIONS[:3], strict=False):
        lines += [f"**{organization}** {year} – {year + 3}", "Ph.D. in Physics", ""]
    lines += ["## Experience", ""]
    for year, organization in zip(range(2012, 2030, 3), ORGANIZATIONS[3:], strict=False):
        lines += [f"**Research Scientist**, {organization}, {year} – {year + 2}", ""]
    lines += ["## Publications", ""]
    for number, topic in enumerate(TOPICS, 1):
        lines.append(
            f"{number}. {name}, {coauthor}. “A Shared Study of {topic} and Their Examples.” "
            f"NeurIPS {2000 + number}."
        )
    lines.append(f"{len(TOPICS) + 1}. {name}. “A Lone Study of {own_topic}.” ICML 2024.")
    return "\n".join(lines) + "\n"


@on_postgresql
@pytest.mark.django_db(transaction=True)  # committed, for the other processes to see
def test_two_imports_at_once_give_what_one_after_the_other_gives(tmp_path):
    ada, ben = tmp_path / "ada.md", tmp_path / "ben.md"
    ada.write_text(coauthor_cv("Ada Example", "ada@example.org", "Ben Sample", "Kites"))
    ben.write_text(coauthor_cv("Ben Sample", "ben@example.org", "Ada Example", "Lanterns"))
    in_turn = []
    for order in ([ada, ben], [ben, ada]):
        for path in order:
            finish(start_import(path))
        in_turn.append(natural_snapshot())
        delete_portfolios()

    for _attempt in range(2):  # the two transactions overlap on most runs, not on all
        finish(start_import(ada), start_import(ben))
        at_once = natural_snapshot()

        assert at_once in in_turn
        assert Person.objects.count() == 2
        assert Paper.objects.filter(sources__isnull=False).distinct().count() == len(TOPICS) + 2
        delete_portfolios()


def start_import(path):
    """import_portfolios in a process of its own, on the test database."""
    database = connection.settings_dict
    url = (
        f"postgres://{quote(database['USER'])}:{quote(database['PASSWORD'])}"
        f"@{database['HOST']}:{database['PORT']}/{database['NAME']}"
    )
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "portfolio.settings_test"}
    return subprocess.Popen(
        [sys.executable, "manage.py", "import_portfolios", "--as-of", AS_OF.isoformat(), path],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(*processes):
    errors = [process.communicate(timeout=120)[1] for process in processes]
    for process, err in zip(processes, errors, strict=True):
        assert process.returncode == 0, err


def delete_portfolios():
    # Documents first: every education, job, listing and authorship row goes with its document.
    for model in (SourceDocument, Paper, Person, Organization, DataVersion):
        model.objects.all().delete()
