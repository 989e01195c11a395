"""Parse-only speed: python -m bench.parse FOLDER -> {"documents", "documents_per_second"}."""

import json
import sys
import time
from datetime import date
from pathlib import Path

import django

django.setup()

from profiles.importer.parse import parse_document  # noqa: E402


def main():
    files = sorted(p for p in Path(sys.argv[1]).iterdir() if p.is_file())
    documents = [(p.name, p.read_bytes()) for p in files]
    start = time.perf_counter()
    for name, data in documents:
        parse_document(data, name, as_of=date(2026, 11, 22))
    seconds = time.perf_counter() - start
    rate = round(len(documents) / seconds, 1)
    json.dump({"documents": len(documents), "documents_per_second": rate}, sys.stdout)


if __name__ == "__main__":
    main()
