#!/usr/bin/env bash
# `make bench`: wrk, a throwaway PostgreSQL, then bench/run.py against it.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/wrk.sh
# shellcheck source=.ci/pg.sh
source .ci/pg.sh
pg_up
.venv/bin/python -m bench.run
