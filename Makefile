# Develop your career in child and family social work: everyday commands.
# Run `make help` to list them.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
GOVUK_DIST := node_modules/govuk-frontend/dist/govuk
GOVUK_STATIC := static/govuk-frontend
# Local development runs with DEBUG on unless told otherwise; tests never do.
DEV := DEBUG=$${DEBUG-true} LOG_FORMAT=$${LOG_FORMAT-text}
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help setup lock run test test-fast lint format migrate content clean bench

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup: $(VENV)/.installed $(GOVUK_STATIC)/.built ## Install Python and front-end packages (idempotent)

$(VENV)/.installed: requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

# The lock files pin every package with the sha256 hashes of its published files, for every
# platform and Python 3.11 onwards, and installs refuse a file whose hash is not listed.
# `make lock` keeps the versions already pinned; to move a package on, name it:
# `make lock LOCK_ARGS="--upgrade-package django"` (or LOCK_ARGS=--upgrade for all).
# requirements.lock is held to the versions in requirements-dev.lock, so production runs
# what the tests ran. uv is installed once outside the project (UV=uv uses one on PATH).
UV_VERSION := 0.13.9
UV_VENV := $${TMPDIR:-/tmp}/uv-$(UV_VERSION)
UV ?= $(UV_VENV)/bin/uv
LOCK_ARGS ?=
LOCK := --universal --python-version 3.11 --generate-hashes --no-emit-index-url \
	--custom-compile-command "make lock" --quiet

lock: ## Regenerate requirements*.lock from pyproject.toml, with hashes
	command -v $(UV) >/dev/null \
		|| { $(PYTHON) -m venv $(UV_VENV) && $(UV_VENV)/bin/python -m pip install --quiet uv==$(UV_VERSION); }
	$(UV) pip compile pyproject.toml --extra dev $(LOCK) $(LOCK_ARGS) -o requirements-dev.lock
	$(UV) pip compile pyproject.toml $(LOCK) -c requirements-dev.lock -o requirements.lock

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# GOV.UK Frontend's CSS asks for /assets/...: make those addresses relative so whitenoise
# can give every font and image a hashed, cacheable name.
$(GOVUK_STATIC)/.built: node_modules/.package-lock.json
	rm -rf $(GOVUK_STATIC)
	mkdir -p $(GOVUK_STATIC)
	cp -R $(GOVUK_DIST)/assets $(GOVUK_STATIC)/assets
	cp $(GOVUK_DIST)/govuk-frontend.min.js $(GOVUK_DIST)/govuk-frontend.min.js.map $(GOVUK_STATIC)/
	cp $(GOVUK_DIST)/govuk-frontend.min.css.map $(GOVUK_STATIC)/
	sed 's#url(/assets/#url(assets/#g' $(GOVUK_DIST)/govuk-frontend.min.css > $(GOVUK_STATIC)/govuk-frontend.min.css
	touch $@

migrate: setup ## Bring the database up to date
	$(DEV) $(BIN)/python manage.py migrate --noinput

content: migrate ## Load the bundled content (safe to repeat)
	$(DEV) $(BIN)/python manage.py load_content

run: content ## Start the site at http://127.0.0.1:8000 with the embedded database
	$(DEV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(DEV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The tests run in one process per core (pytest-xdist), each with its own test database and
# Redis database (tests/conftest.py); TEST_WORKERS=0 runs them in this process.
TEST_WORKERS ?= auto
PYTEST := SECRET_KEY=$${SECRET_KEY-test-only-not-secret} $(BIN)/python -m pytest \
	--numprocesses=$(TEST_WORKERS) --maxprocesses=8 --dist=loadgroup

test: setup ## Run every test, browser tests included
	$(PYTEST) $(PYTEST_ARGS)

test-fast: setup ## Run the quick tests: no browser, other processes or faults
	$(PYTEST) -m "not slow" $(PYTEST_ARGS)

lint: setup ## Check code style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup ## Fix code style with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs PostgreSQL on 127.0.0.1:5432, wrk and Chromium (Debian's packages, installed here when
# missing and run as root).
bench: setup $(GOVUK_STATIC)/.built ## Load-test the site as production runs it; writes docs/performance.md
	@{ command -v wrk && command -v chromium; } >/dev/null \
		|| { test "$$(id -u)" = 0 && apt-get update -qq && apt-get install -y -qq wrk chromium >/dev/null; } \
		|| { echo "Install wrk and Chromium first: sudo apt-get install wrk chromium"; exit 1; }
	$(BIN)/python bench/run.py

clean: ## Remove installed packages, built assets and the local database
	rm -rf $(VENV) node_modules $(GOVUK_STATIC) staticfiles db.sqlite3
