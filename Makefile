# make run     local server on 127.0.0.1:$(PORT) with the demo documents imported
# make test    what CI runs (.ci/test.sh): lint, checks, tests on PostgreSQL and SQLite
# make bench    pages, throughput and importer speed at two sizes -> BENCHMARKS.md
# make bench-parse  parsing speed per format, corpus and generated CVs -> BENCHMARKS-PARSING.md
# make loadtest  60 s of mixed browsing under gunicorn while 200 documents import
# make lint | fmt | clean

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DELETE_ON_ERROR:

PORT ?= 8000
DOCS ?= samples/
VENV := .venv
BIN := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# Django 6.1 needs Python >= 3.12, and Debian 12's python3 is 3.11, on which pip quietly installs
# Django 5.2. pyenv's interpreters are called by full path: its shims fail without PYENV_VERSION.
PYENV_DIR := $(or $(PYENV_ROOT),$(HOME)/.pyenv)
PY_CANDIDATES := $(wildcard $(PYENV_DIR)/versions/3.13*/bin/python3.13) \
	$(wildcard $(PYENV_DIR)/versions/3.12*/bin/python3.12) python3.13 python3.12 python3
PY_OK := import sys, sqlite3, ssl, venv; sys.version_info >= (3, 12) or sys.exit(1)
PYTHON := $(shell for py in $(PY_CANDIDATES); do \
	"$$py" -c '$(PY_OK); print(sys.executable)' 2>/dev/null && break; done)

# pip's config here names extra local indexes, and every run warns "... is ignored" about them.
# Filtered on stderr, not with `| grep -v`, which fails under pipefail when nothing is left.
PIP := $(BIN)/python -m pip install -q
QUIET_PIP := 2> >(grep -v 'is ignored' >&2)

# (Re)create the venv when it is missing, broken (say, copied from another machine) or too old.
define ensure_venv
$(BIN)/python -c '$(PY_OK)' 2>/dev/null || { \
	test -n "$(PYTHON)" || { echo "Django 6.1 needs Python >= 3.12; none found" >&2; exit 1; }; \
	echo "creating $(VENV) with $(PYTHON)"; rm -rf $(VENV); "$(PYTHON)" -m venv $(VENV); }
endef

.PHONY: run venv venv-dev test bench bench-parse loadtest lint fmt clean

# import_portfolios skips documents already imported, so a second run imports nothing twice.
run: export DJANGO_DEBUG := 1
run: venv
	$(BIN)/python manage.py migrate
	$(BIN)/python manage.py import_portfolios $(DOCS)
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

venv: $(VENV)/.installed-run
venv-dev: $(VENV)/.installed-dev

$(VENV)/.installed-run: pyproject.toml
	@$(ensure_venv)
	$(PIP) -e . $(QUIET_PIP)
	touch $@

# The dev extra includes the run dependencies, so it stamps both.
$(VENV)/.installed-dev: pyproject.toml
	@$(ensure_venv)
	$(PIP) -e '.[dev]' $(QUIET_PIP)
	touch $@ $(VENV)/.installed-run

test:
	bash .ci/test.sh

# Builds 100- and 10,000-people databases on a throwaway PostgreSQL and writes BENCHMARKS.md.
bench: venv
	bash bench/run.sh

bench-parse: venv
	bash bench/parsing.sh

# Fails unless every request succeeded and every document was imported; adds to BENCHMARKS.md.
loadtest: venv
	bash bench/loadtest.sh

lint: venv-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: venv-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Keeps .venv and data/ (the local database): remove those by hand.
clean:
	rm -rf staticfiles test-output .ruff_cache .hypothesis *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
