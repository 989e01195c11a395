"""bench/parsing.json -> BENCHMARKS-PARSING.md (make bench-parse)."""

import json
import platform
import sys
from datetime import UTC, datetime


def main():
    with open(sys.argv[1], encoding="utf-8") as file:
        result = json.load(file)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print("# Parsing speed per format\n")
    print("Made by `make bench-parse` (bench/parsing.sh); the raw numbers are in")
    print("`bench/parsing.json`. Each document is parsed five times after a warm-up parse, in one")
    print("process: reading, the document tree and interpretation, no database.\n")
    print(f"- date: {now}; machine: {platform.machine()}, {platform.platform()}")
    print(f"- python {result['python']}\n")
    for label, formats in result["sets"].items():
        print(f"## {label}\n")
        print("| format | documents | documents/s | ms/document | lines/s |")
        print("|---|---|---|---|---|")
        for fmt, row in formats.items():
            print(
                f"| {fmt} | {row['documents']} | {row['documents_per_second']} "
                f"| {row['ms_per_document']} | {row['lines_per_second']:,} |"
            )
        print()


if __name__ == "__main__":
    main()
