"""Refresh each sample's `known_misses` from what the parser reads today.

    .venv/bin/python -m tests.importer.known_misses          # rewrite the lists, print changes
    .venv/bin/python -m tests.importer.known_misses --check  # only print; exit 1 if any changed

Each tests/fixtures/expected/<stem>.json holds the truth about samples/<stem>.*, written by
hand from the document, and `known_misses`: the differences() lines for what the parser gets
wrong today. test_sample_preview asserts the parse gives exactly those lines, so a regression
(a line added) and a fix (a line gone) both fail until the list is updated. Run this after
changing the parser and read what it prints: every `new` line is a regression to fix or a miss
to accept, every `fixed` line a field the parser now reads right. It rewrites only the
`known_misses` lists, never the truth; when the truth itself is wrong, edit it by hand.
"""

import argparse
import json
import sys

from tests.importer.conftest import EXPECTED
from tests.importer.expectations import differences
from tests.importer.test_documents import SAMPLE_FILES, preview


def refresh_known_misses(*, write=True, out=sys.stdout):
    """Compare every sample's parse with its expected file; returns how many lists changed."""
    changed = 0
    for path in SAMPLE_FILES:
        expected_path = EXPECTED / f"{path.stem}.json"
        if not expected_path.exists():
            print(f"{path.name}: no {expected_path.name}; write its truth by hand first", file=out)
            changed += 1
            continue
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        old = expected.get("known_misses")
        misses = differences(preview(path), expected)
        if misses == old:
            continue
        changed += 1
        if old is None:
            print(f"{path.name}: {len(misses)} known misses (no list yet)", file=out)
            old = []
        else:
            print(f"{path.name}: {len(old)} -> {len(misses)} known misses", file=out)
        for line in old:
            if line not in misses:
                print(f"  fixed: {line}", file=out)
        for line in misses:
            if line not in old:
                print(f"  new:   {line}", file=out)
        if old and sorted(old) == sorted(misses):
            print("  (same lines, new order)", file=out)
        if write:
            expected["known_misses"] = misses
            text = json.dumps(expected, indent=1, ensure_ascii=False) + "\n"
            expected_path.write_text(text, encoding="utf-8")
    return changed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="print changes, write nothing")
    args = parser.parse_args(argv)
    changed = refresh_known_misses(write=not args.check)
    if not changed:
        print("known misses are up to date")
    return 1 if changed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
