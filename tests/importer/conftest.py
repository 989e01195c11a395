import json
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
SAMPLES = ROOT / "samples"
EXPECTED = ROOT / "tests" / "fixtures" / "expected"
AS_OF = date(2026, 11, 22)


@pytest.fixture(scope="session")
def seeds_dir():
    if not SEEDS.is_dir():
        pytest.fail(f"the seed documents are missing: {SEEDS} (../shared must sit beside the repo)")
    return SEEDS


def load_expected(stem):
    return json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))
