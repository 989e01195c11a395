#!/usr/bin/env bash
# `make loadtest`: wrk, a throwaway PostgreSQL, then bench/loadtest.py against it.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/wrk.sh
# shellcheck source=.ci/pg.sh
source .ci/pg.sh
pg_up
.venv/bin/python -m bench.loadtest
