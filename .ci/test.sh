#!/usr/bin/env bash
# What `make test` runs: lint, Django checks, the suite on PostgreSQL with Chromium, then on SQLite.
# With CI=true a missing browser or database fails the run; it is never skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
unset DJANGO_SETTINGS_MODULE  # one left in the caller's shell would beat pyproject.toml's
T0=$SECONDS
step() { echo "=== [$((SECONDS - T0))s] $*"; }

make --no-print-directory venv-dev
PY=.venv/bin/python
step "python: $($PY -c 'import django, sys; print(sys.version.split()[0], "Django", django.get_version())')"

# Browser. Debian's package, because `playwright install` downloads a build of its own.
export CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
MARKERS=(-m "not e2e")  # until a browser is found
if [ -x "$CHROMIUM_PATH" ]; then
  MARKERS=()
elif [ "$(id -u)" = 0 ]; then
  step "installing chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  MARKERS=()
elif [ "${CI:-}" = true ]; then
  echo "test.sh: no Chromium at $CHROMIUM_PATH and not root to install it" >&2
  exit 1
else
  echo "WARNING: no Chromium at $CHROMIUM_PATH; skipping browser tests (as root: apt-get install chromium)" >&2
fi
if [ ${#MARKERS[@]} = 0 ] && [ ! -x "$CHROMIUM_PATH" ]; then
  echo "test.sh: chromium was installed, but $CHROMIUM_PATH still does not exist" >&2
  exit 1
fi

SQLITE_DIR=$(mktemp -d)
# shellcheck source=.ci/pg.sh
source .ci/pg.sh
cleanup() { pg_down; rm -rf "$SQLITE_DIR"; }
pg_up
trap cleanup EXIT  # after pg_up, which sets its own EXIT trap
trap 'exit 130' INT TERM  # so that the EXIT trap runs on Ctrl-C and kill too
step "postgresql on 127.0.0.1:$PGPORT ($PG_ROOT)"

# From here on a failed step is recorded and the rest still run, so one run reports everything.
FAILED=()
run() {
  local name=$1 rc=0
  shift
  step "$name"
  "$@" || rc=$?
  if [ "$rc" = 5 ]; then
    echo "$name: no tests were collected" >&2
  fi
  if [ "$rc" != 0 ]; then
    FAILED+=("$name (exit $rc)")
  fi
}

run "ruff check" .venv/bin/ruff check .
run "ruff format" .venv/bin/ruff format --check --output-format concise .  # the diff is `make fmt`'s job
run "migrations are up to date" env DJANGO_SETTINGS_MODULE=portfolio.settings_test \
  "$PY" manage.py makemigrations --check --dry-run
run "check --deploy" env DJANGO_SETTINGS_MODULE=portfolio.settings DJANGO_DEBUG=0 \
  DJANGO_SECRET_KEY="$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')" \
  DJANGO_ALLOWED_HOSTS=example.org PORTFOLIO_SITE_URL=https://example.org \
  DJANGO_SECURE_SSL_REDIRECT=1 DJANGO_SECURE_COOKIES=1 \
  DJANGO_HSTS_SECONDS=31536000 DJANGO_HSTS_INCLUDE_SUBDOMAINS=1 DJANGO_HSTS_PRELOAD=1 \
  "$PY" manage.py check --deploy --fail-level WARNING

export DJANGO_ALLOW_ASYNC_UNSAFE=true  # Playwright's sync API runs an event loop in this thread
export E2E_ARTIFACTS=test-output/screenshots
mkdir -p "$E2E_ARTIFACTS"
run "pytest on PostgreSQL" "$PY" -m pytest "${MARKERS[@]}"
run "pytest on SQLite" env -u DATABASE_URL PORTFOLIO_DATA_DIR="$SQLITE_DIR" \
  "$PY" -m pytest -m "not e2e and not postgres_only"

if [ ${#FAILED[@]} != 0 ]; then
  step "FAILED: ${FAILED[*]}"
  exit 1
fi
step "all passed"
