"""Parsing speed per format: python -m bench.formats LABEL=FOLDER... (make bench-parse)

Every file of each folder is parsed (read, tree, interpretation) REPEAT times after one
warm-up parse; documents/s and lines/s are per format, as the readers' registry tells the
format. Prints the numbers as JSON; bench/parsing.sh writes them into BENCHMARKS-PARSING.md.
"""

import json
import platform
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

import django

django.setup()

from profiles.importer import readers  # noqa: E402
from profiles.importer.parse import parse_document  # noqa: E402
from profiles.importer.read import DocumentError, read  # noqa: E402

REPEAT = 5


def format_of(name, data):
    return readers.sniff_binary(data, name) or readers.sniff_text(read(data, name).text, name)


def main():
    result = {"python": platform.python_version(), "sets": {}}
    for argument in sys.argv[1:]:
        label, _, folder = argument.rpartition("=")
        result["sets"][label or folder] = measure(Path(folder))
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")


def measure(folder):
    files = sorted(p for p in folder.iterdir() if p.is_file())
    by_format = defaultdict(lambda: {"documents": 0, "lines": 0, "seconds": 0.0})
    for path in files:
        data = path.read_bytes()
        try:
            fmt = format_of(path.name, data)
            parsed = parse_document(data, path.name, as_of=date(2026, 11, 22))
        except DocumentError:
            continue
        start = time.perf_counter()
        for _ in range(REPEAT):
            parse_document(data, path.name, as_of=date(2026, 11, 22))
        row = by_format[fmt]
        row["seconds"] += (time.perf_counter() - start) / REPEAT
        row["documents"] += 1
        row["lines"] += parsed.text.count("\n") + 1
    keys = ("documents", "lines", "seconds")
    total = {key: sum(row[key] for row in by_format.values()) for key in keys}
    return {fmt: _rates(row) for fmt, row in sorted(by_format.items())} | {"all": _rates(total)}


def _rates(row):
    return {
        "documents": row["documents"],
        "documents_per_second": round(row["documents"] / row["seconds"], 1),
        "ms_per_document": round(1000 * row["seconds"] / row["documents"], 1),
        "lines_per_second": round(row["lines"] / row["seconds"]),
    }


if __name__ == "__main__":
    main()
