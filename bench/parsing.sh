#!/usr/bin/env bash
# `make bench-parse`: parsing speed per format on the real CVs of ../shared/corpus and on 200
# generated CVs (the formats `make bench` imports), written to BENCHMARKS-PARSING.md.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DJANGO_SETTINGS_MODULE=portfolio.settings DJANGO_DEBUG=1 DATABASE_URL="sqlite:///$work/db.sqlite3"
mkdir "$work/generated"
.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py generate_portfolios --people 200 --seed 2 --documents "$work/generated" >/dev/null
.venv/bin/python -m bench.formats corpus=../shared/corpus/docs generated="$work/generated" >bench/parsing.json
.venv/bin/python -m bench.parsing_report bench/parsing.json >BENCHMARKS-PARSING.md
echo "wrote BENCHMARKS-PARSING.md"
