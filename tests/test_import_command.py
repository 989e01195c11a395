"""manage.py import_portfolios: the five seed documents, previews, bad input, crashes."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q

from profiles.importer import save
from profiles.models import (
    Authorship,
    DataVersion,
    Education,
    Job,
    Organization,
    Paper,
    PaperSource,
    Person,
    SectionItem,
    SourceDocument,
)
from tests.database import natural_snapshot, snapshot

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_FILES = sorted(SEEDS.glob("[0-9][0-9][0-9]_*.txt"))
DU, MENG, ZHENG, ZENG, ZHOU = (path.name for path in SEED_FILES)
AS_OF = ["--as-of", "2026-11-22"]
SHARED_TITLES = [
    "ChatGLM: A Family of Large Language Models",
    "GLM-130B",
    "GLM-4.5",
    "Scaling Speech-Text Pre-training",
    "Understanding Emergent Abilities",
]
MODELS = (
    SourceDocument,
    Person,
    Organization,
    Education,
    Job,
    SectionItem,
    Paper,
    PaperSource,
    Authorship,
)


def run(*args):
    """call_command with captured output: (stdout, stderr, the CommandError or None)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_portfolios", *map(str, args), stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def seed(name):
    return SEEDS / name


def test_the_five_seed_documents_are_there():
    assert len(SEED_FILES) == 5


@pytest.mark.django_db
def test_the_seed_documents_import_as_five_people_and_64_papers():
    out, err, error = run(*AS_OF, "--json", *SEED_FILES)

    assert error is None, err
    reports = json.loads(out)
    assert [r["status"] for r in reports] == ["new"] * 5
    assert [r["source"] for r in reports] == [path.name for path in SEED_FILES]
    assert Person.objects.count() == 5
    assert Paper.objects.count() == 64
    assert sum(r["papers_new"] for r in reports) == 64
    assert sum(r["papers_linked"] for r in reports) == 5
    assert "imported 000_579174359712757b.txt: Zhengxiao Du (new)" in err
    assert "documents  5 new, 0 updated, 0 unchanged, 0 failed" in err

    shared = Paper.objects.annotate(listings=Count("sources")).filter(listings=2)
    titles = sorted(shared.values_list("title", flat=True))
    assert len(titles) == 5
    for title, start in zip(titles, SHARED_TITLES, strict=True):
        assert title.startswith(start)
    assert {source.source.name for paper in shared for source in paper.sources.all()} == {
        DU,
        ZENG,
    }
    both = Paper.objects.annotate(
        linked=Count(
            "authorships__person",
            filter=Q(authorships__person__name__in=["Zhengxiao Du", "Aohan Zeng"]),
            distinct=True,
        )
    ).filter(linked=2)
    # Aohan Zeng's profile also names Zhengxiao Du on papers his CV leaves out: those are
    # linked too, but each of the five listed by both documents must be among them.
    assert set(shared) <= set(both)
    assert all(
        set(p.sources.values_list("source__name", flat=True)) == {ZENG}
        for p in both
        if p not in shared
    )
    # The two group-authored reports name Zhengxiao Du only through his CV's listing.
    listed = Authorship.objects.filter(listed_by_owner=True, paper__in=shared)
    assert {a.person.name for a in listed} <= {"Zhengxiao Du"}
    assert Person.objects.get(name="Zhongzhu Zhou").documents.get().name == ZHOU


@pytest.mark.django_db
def test_importing_the_same_documents_again_changes_nothing():
    run(*AS_OF, *SEED_FILES)
    before = counts()
    linked = sorted(Authorship.objects.values_list("paper_id", "position", "person_id"))

    out, err, error = run(*AS_OF, "--json", *SEED_FILES)

    assert error is None, err
    assert [r["status"] for r in json.loads(out)] == ["unchanged"] * 5
    assert counts() == before
    assert sorted(Authorship.objects.values_list("paper_id", "position", "person_id")) == linked


@pytest.mark.django_db
def test_a_changed_version_keeps_the_person_and_replaces_the_records(tmp_path):
    run(*AS_OF, *SEED_FILES)
    person = Person.objects.get(documents__name=DU)
    before = counts()
    only_here = Paper.objects.get(title__startswith="Policy-Gradient Training")
    shared = Paper.objects.get(title__startswith="GLM-130B")
    lines = seed(DU).read_text(encoding="utf-8").splitlines(keepends=True)
    edited = [
        line for line in lines if "Policy-Gradient Training" not in line and "GLM-130B:" not in line
    ]
    assert len(edited) == len(lines) - 2
    (tmp_path / DU).write_text("".join(edited), encoding="utf-8")

    out, err, error = run(*AS_OF, "--json", tmp_path / DU)

    assert error is None, err
    [report] = json.loads(out)
    assert report["status"] == "updated"
    assert report["person"] == person.slug
    updated = Person.objects.get(documents__name=DU)
    assert (updated.pk, updated.slug) == (person.pk, person.slug)
    assert not Paper.objects.filter(pk=only_here.pk).exists()
    assert Paper.objects.count() == before["Paper"] - 1
    shared.refresh_from_db()
    assert list(shared.sources.values_list("source__name", flat=True)) == [ZENG]
    assert counts()["Person"] == before["Person"]
    assert counts()["SourceDocument"] == before["SourceDocument"]
    assert PaperSource.objects.filter(source__name=DU).count() == 8


@pytest.mark.django_db
def test_dry_run_json_previews_every_document_and_writes_nothing():
    out, err, error = run("--dry-run", "--json", *AS_OF, *SEED_FILES)

    assert error is None, err
    previews = json.loads(out)
    assert [p["source"] for p in previews] == [path.name for path in SEED_FILES]
    for preview in previews:
        assert_preview_shape(preview)
    assert sum(len(p["publications"]) for p in previews) == 69
    assert set(counts().values()) == {0}


def test_dry_run_uses_no_database():
    # Without the django_db mark, any query fails the test.
    out, _err, error = run("--dry-run", "--json", *AS_OF, seed(ZENG))

    assert error is None
    [preview] = json.loads(out)
    assert preview["person"]["name"] == "Aohan Zeng"
    assert {p["date"] for p in preview["publications"]} >= {"2026-06-01"}  # 'Jun 1', as of 2026


def preview_from_the_command_line(env):
    """The process of `manage.py import_portfolios --dry-run --json` on a seed, run with env."""
    return subprocess.run(
        [sys.executable, "manage.py", "import_portfolios", "--dry-run", "--json", seed(MENG)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_dry_run_from_the_command_line_needs_no_database(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(PORTFOLIO_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="portfolio.settings_test")
    result = preview_from_the_command_line(env)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["person"]["name"] == "Zisheng Meng"
    assert list(tmp_path.iterdir()) == []  # no SQLite file was even created


def test_the_preview_runs_with_no_configuration_at_all(tmp_path):
    # As ../shared/IMPORT_JSON.md runs it: the production settings, nothing in the environment.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env["PORTFOLIO_DATA_DIR"] = str(tmp_path)
    result = preview_from_the_command_line(env)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["person"]["name"] == "Zisheng Meng"
    assert list(tmp_path.iterdir()) == []


def assert_preview_shape(preview):
    """Every key of IMPORT_JSON.md is present."""
    top = {"source", "sha256", "person", "education", "jobs", "publications", "sections"}
    assert top | {"unparsed"} <= preview.keys()
    person = {"name", "emails", "phones", "homepage", "links", "headline", "metrics"}
    assert person <= preview["person"].keys()
    education = {"institution", "degree", "field", "start", "end", "current", "expected"}
    education |= {"advisor", "gpa", "location", "details", "line"}
    for record in preview["education"]:
        assert education <= record.keys()
    job = {"organization", "title", "location", "start", "end", "current", "details", "line"}
    for record in preview["jobs"]:
        assert job <= record.keys()
    publication = {"title", "authors", "authors_truncated", "venue", "year", "date", "kind"}
    publication |= {"status", "awards", "links", "abstract", "line"}
    for record in preview["publications"]:
        assert publication <= record.keys()
        for author in record["authors"]:
            assert {"name", "equal_contribution", "is_owner"} <= author.keys()
    for record in preview["sections"]:
        assert {"title", "items", "line"} <= record.keys()
    for record in preview["unparsed"]:
        assert {"line", "text"} <= record.keys()


def test_an_invalid_as_of_is_a_clear_error():
    with pytest.raises(CommandError, match="not a date; write it as YYYY-MM-DD"):
        call_command("import_portfolios", "--dry-run", "--as-of", "22/11/2026", seed(MENG))


@pytest.mark.django_db
def test_bad_documents_fail_one_line_each_and_the_rest_import(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    legacy = "Jos\xe9 Garc\xeda\njose@example.org\n\n## Skills\n\n- Espa\xf1ol, caf\xe9\n"
    (tmp_path / "legacy.txt").write_bytes(legacy.encode("cp1252"))
    missing = tmp_path / "missing.txt"
    run(*AS_OF, seed(ZHENG))
    before = counts()

    out, err, error = run(
        *AS_OF,
        "--json",
        tmp_path / "empty.txt",
        seed(MENG),
        tmp_path / "photo.png",
        missing,
        tmp_path / "legacy.txt",
        tmp_path / "nothing-*.txt",
    )

    assert error is not None
    assert str(error) == "4 of 6 documents failed"
    lines = err.splitlines()
    for name, reason in [
        ("empty.txt", "empty"),
        ("photo.png", "PNG"),
        ("missing.txt", "no such file"),
        ("nothing-*.txt", "no files match"),
    ]:
        [line] = [line for line in lines if name in line]
        assert reason in line
        assert line.startswith(name) or line.startswith(str(tmp_path))
    assert "Traceback" not in err
    reports = json.loads(out)
    assert [r["source"] for r in reports] == [MENG, "legacy.txt"]
    assert set(SourceDocument.objects.values_list("name", flat=True)) == {
        ZHENG,
        MENG,
        "legacy.txt",
    }
    legacy_doc = SourceDocument.objects.get(name="legacy.txt")
    assert "José García" in legacy_doc.text
    assert any("cp1252" in warning for warning in legacy_doc.report["warnings"])
    assert "  warning: not UTF-8; decoded as cp1252" in err
    assert counts()["SourceDocument"] == before["SourceDocument"] + 2


@pytest.mark.django_db
def test_parsing_in_processes_imports_the_same_in_the_same_order(tmp_path):
    """--jobs 2 parses in two processes and saves here, in the documents' order: the same
    reports, the same failure lines and the same database as one process."""
    (tmp_path / "empty.txt").write_bytes(b"")
    documents = [seed(MENG), tmp_path / "empty.txt", seed(ZHENG), seed(ZENG)]

    alone = run(*AS_OF, "--json", *documents)
    before = natural_snapshot()
    del before["DataVersion"]  # which counts the changes, the deletions below too
    for model in reversed(MODELS):
        model.objects.all().delete()
    together = run(*AS_OF, "--json", "--jobs", "2", *documents)

    assert together[1] == alone[1] and str(together[2]) == str(alone[2])
    assert [r["source"] for r in json.loads(together[0])] == [MENG, ZHENG, ZENG]
    after = natural_snapshot()
    del after["DataVersion"]
    assert after == before


@pytest.mark.django_db
def test_a_batch_empties_the_page_cache_once(tmp_path):
    """Each document is saved in its own transaction, but the data version, which keys the
    page cache, moves once for the whole batch, failures or not."""
    (tmp_path / "empty.txt").write_bytes(b"")
    start = DataVersion.current().version

    run(*AS_OF, seed(MENG), tmp_path / "empty.txt", seed(ZHENG), seed(ZENG))

    assert DataVersion.current().version == start + 1
    assert SourceDocument.objects.count() == 3
    with DataVersion.batched():
        DataVersion.bump()
        with DataVersion.batched():
            DataVersion.bump()
        assert DataVersion.current().version == start + 1  # not yet: the outer batch is open
    assert DataVersion.current().version == start + 2
    DataVersion.bump()
    assert DataVersion.current().version == start + 3  # outside a batch, at once


class Terminal(StringIO):
    def isatty(self):
        return True


def test_in_a_terminal_a_progress_bar_stands_for_the_per_document_lines(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    err = Terminal()

    with pytest.raises(CommandError):
        call_command(
            "import_portfolios", "--dry-run", seed(MENG), tmp_path / "empty.txt", seed(ZHENG),
            stderr=err,
        )  # fmt: skip

    shown = err.getvalue()
    assert "3/3" in shown and "doc/s" in shown  # tqdm's count and rate
    assert "empty.txt: empty document (no text)" in shown
    assert "parsed " + MENG not in shown
    assert "Summary (dry run, nothing saved)" in shown


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_must_be_a_number_of_processes(jobs):
    with pytest.raises(CommandError, match="is not a number of processes"):
        call_command("import_portfolios", "--dry-run", "--jobs", jobs, seed(MENG))


def test_folders_and_globs_expand_to_sorted_documents(tmp_path):
    for name in ("b.txt", "a.txt", ".hidden.txt"):
        (tmp_path / name).write_bytes(seed(MENG).read_bytes() + name.encode())
    (tmp_path / "sub").mkdir()

    out, _err, error = run("--dry-run", "--json", *AS_OF, tmp_path, SEEDS / "00[34]_*.txt")

    assert error is None
    assert [p["source"] for p in json.loads(out)] == ["a.txt", "b.txt", ZENG, ZHOU]


def test_two_files_with_one_name_are_refused(tmp_path):
    (tmp_path / MENG).write_bytes(seed(MENG).read_bytes())

    out, err, error = run("--dry-run", "--json", *AS_OF, seed(MENG), tmp_path / MENG, seed(MENG))

    assert error is not None
    assert len(json.loads(out)) == 1
    assert err.count("identified by file name") == 1


@pytest.mark.django_db
def test_a_crash_mid_save_rolls_back_that_document_and_the_batch_goes_on(monkeypatch):
    run(*AS_OF, seed(ZENG))  # shares five papers with the document that will crash
    before, rows = counts(), snapshot()
    real_rebuild = save.rebuild_paper
    calls = []

    def crash_halfway(paper):
        calls.append(paper.pk)
        if len(calls) == 5:  # after every row is written and half the papers rebuilt
            raise RuntimeError("injected")
        real_rebuild(paper)

    monkeypatch.setattr(save, "rebuild_paper", crash_halfway)

    out, err, error = run(*AS_OF, seed(DU))

    assert error is not None
    assert len(calls) == 5
    [line] = [line for line in err.splitlines() if DU in line]
    assert line == f"{DU}: unexpected error (RuntimeError: injected)"
    assert snapshot() == rows  # every row of every table, ids and timestamps included

    calls.clear()
    out, err, error = run(*AS_OF, "--json", seed(DU), seed(ZHENG))

    assert error is not None
    assert [r["source"] for r in json.loads(out)] == [ZHENG]
    assert not SourceDocument.objects.filter(name=DU).exists()
    assert Person.objects.filter(name="Zangwei Zheng").exists()
    assert counts()["Paper"] == before["Paper"] + 10


OWNER_DOCUMENTS = {
    "ada.txt": """\
        # Ada Example

        ada@example.org

        ## Publications

        1. Example Team. “Example Toolkit: A Shared Library for Testing.” arXiv:2401.00001.
        2. **Ada Example**, Ben Sample. “A Paper by Two Owners.” ICML 2024.
        """,
    "ben.txt": """\
        # Ben Sample

        ben@example.org

        ## Publications

        1. Example Team. “Example Toolkit: A Shared Library for Testing.” arXiv:2401.00001.
        """,
}


@pytest.mark.django_db
def test_a_group_authored_paper_links_every_owner_who_lists_it(tmp_path):
    for name, text in OWNER_DOCUMENTS.items():
        (tmp_path / name).write_text(
            "\n".join(line.strip() for line in text.splitlines()), encoding="utf-8"
        )

    _out, err, error = run(*AS_OF, tmp_path)

    assert error is None, err
    toolkit = Paper.objects.get(title__startswith="Example Toolkit")
    rows = toolkit.authorships.order_by("position")
    assert [(a.name, a.listed_by_owner) for a in rows][0] == ("Example Team", False)
    listed = {a.person.name for a in rows if a.listed_by_owner}
    assert listed == {"Ada Example", "Ben Sample"}
    both = Paper.objects.get(title__startswith="A Paper by Two Owners")
    assert {a.person.name for a in both.authorships.all()} == {"Ada Example", "Ben Sample"}
    assert not both.authorships.filter(listed_by_owner=True).exists()
