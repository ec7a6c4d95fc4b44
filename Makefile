# Set-up, run and test. `make run` and `make test` work from a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# As a module, not the `flask` script: a PDF's render process then does not load the script (and Flask's CLI) again.
FLASK := $(BIN)/python -m flask --app reporting
CSS := reporting/static/css/app.css
MO_FILES := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))

.PHONY: run test lint install assets translations system-deps bench bench-quick loadtest scale-test clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CSS): node_modules/.installed scss/app.scss $(wildcard scss/*.scss)
	bash scripts/build-assets.sh

assets: $(CSS)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po | $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -d translations -l $*

translations: $(MO_FILES)

# Debian packages the browser and PDF tests need; installed only when missing (needs root).
system-deps:
	bash scripts/system-deps.sh

run: install assets translations
	$(FLASK) db upgrade
	$(FLASK) demo-data
	$(FLASK) run --host 127.0.0.1 --port 5000

lint: install
	$(BIN)/ruff check .

# The suite runs on every core (pytest-xdist); each worker has its own PostgreSQL cluster and live servers.
PYTEST_WORKERS ?= auto

test: install system-deps assets translations lint
	$(BIN)/pytest -n $(PYTEST_WORKERS)
	$(BIN)/python -m bench.scale

bench: install system-deps assets translations
	$(BIN)/python -m bench

bench-quick: install system-deps assets translations
	BENCH_REPORTS=50000 $(BIN)/python -m bench

# Concurrent self-reports and staff page views against gunicorn on a throwaway PostgreSQL (loopback, bounded).
loadtest: install system-deps assets translations
	$(BIN)/python -m bench.loadtest

# The shipped deployment (deploy/) end to end on loopback: PostgreSQL, Redis, two app servers and nginx, with one
# server killed under load; prints its figures and fails on any failed check (under 3 minutes).
scale-test: install system-deps assets translations
	$(BIN)/python -m bench.scale

clean:
	rm -rf $(VENV) node_modules reporting/static/css reporting/static/govuk
