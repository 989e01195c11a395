"""Whole documents: the five seeds against their expected records, and our own samples."""

import importlib.util
import json
import sys

import pytest

from profiles.importer.parse import parse_document
from tests.importer.conftest import AS_OF, EXPECTED, SAMPLES, load_expected
from tests.importer.expectations import FIELDS, differences


def preview(path):
    return parse_document(path.read_bytes(), path.name, as_of=AS_OF).to_json()


@pytest.fixture(scope="module")
def scorer(seeds_dir):
    path = seeds_dir.parent / "tools" / "score_import.py"
    spec = importlib.util.spec_from_file_location("score_import", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_previews_match_the_expected_records(seeds_dir, scorer, tmp_path, capsys):
    predicted = tmp_path / "predicted.json"
    predicted.write_text(json.dumps([preview(p) for p in sorted(seeds_dir.glob("*.txt"))]))
    sys.argv = ["score_import.py", str(predicted), str(seeds_dir / "expected")]
    scorer.main()
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert summary.startswith("macro F1 1.000"), summary
    assert summary.count("fields=1.00") == 3, summary


def test_seed_unparsed_lines_carry_no_fact(seeds_dir):
    unparsed = {
        path.name: [u["text"] for u in preview(path)["unparsed"]]
        for path in sorted(seeds_dir.glob("*.txt"))
    }
    # The only line no record claims is the equal-contribution legend, which states the
    # notation rather than a fact about the person.
    assert unparsed == {
        "000_579174359712757b.txt": ["\\* indicates equal contribution."],
        "001_c104b39fa1cf6005.txt": [],
        "002_c4556da3aa89a8bb.txt": [],
        "003_a20fb5ff32c78490.txt": [],
        "004_924a23f64a2718d7.txt": [],
    }


def test_every_seed_line_is_accounted_for(seeds_dir):
    for path in seeds_dir.glob("*.txt"):
        document = parse_document(path.read_bytes(), path.name, as_of=AS_OF)
        non_blank = {n for n, line in enumerate(document.text.split("\n"), 1) if line.strip()}
        assert non_blank <= document.accounted(), path.name


SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.is_file())


def test_every_sample_has_an_expected_preview():
    assert len(SAMPLE_FILES) >= 8
    assert {p.stem for p in SAMPLE_FILES} == {p.stem for p in EXPECTED.glob("*.json")}


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_preview(path):
    # The truth is hand-written; known_misses is what the parser gets wrong today, so a
    # regression adds a line and a fix removes one. Refresh the lists with
    # `python -m tests.importer.known_misses` after changing the parser.
    expected = load_expected(path.stem)
    assert differences(preview(path), expected) == expected["known_misses"]


@pytest.mark.parametrize("stem", sorted(p.stem for p in EXPECTED.glob("*.json")))
def test_expected_previews_state_every_field(stem):
    # An expected record that leaves a field out cannot show the parser getting it wrong.
    expected = load_expected(stem)
    assert set(expected["person"]) == set(FIELDS["person"])
    for section in ("education", "jobs", "publications"):
        for record in expected[section]:
            assert set(record) == set(FIELDS[section]), (section, record)
    assert isinstance(expected["known_misses"], list)


def test_title_only_publication_lists_are_left_for_a_curator():
    # A LinkedIn export lists bare titles: no authors, venue or year to tell them from
    # other text, so they stay in `unparsed` where the admin preview highlights them.
    parsed = preview(SAMPLES / "nikhil-varma.txt")
    assert parsed["publications"] == []
    assert "Learning Tactile Slip Detection from Simulated Contact Forces" in [
        u["text"] for u in parsed["unparsed"]
    ]
