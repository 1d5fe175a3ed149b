# Better Together: the developer's entry point. `make help` lists the targets.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
BT_LMIA_DIR ?= data/lmia
export BT_LMIA_DIR
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed

.PHONY: help install run serve migrate demo messages test test-sqlite test-postgres bench lint format clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/pip || sh scripts/mkvenv.sh $(PYTHON) $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the dependencies

messages: $(STAMP) ## Compile the translation catalogues
	$(MANAGE) compile_translations -v 0

migrate: $(STAMP) messages ## Apply database migrations
	mkdir -p data
	$(MANAGE) migrate --noinput -v 0

demo: migrate ## Load the demo directory and import LMIA files from $(BT_LMIA_DIR)
	$(MANAGE) load_demo
	@if [ -n "$$($(MANAGE) help --commands | grep -x import_lmia)" ]; then $(MANAGE) import_lmia --startup "$(BT_LMIA_DIR)"; fi

run: demo ## Install, migrate, load the demo data and serve on http://$(HOST):$(PORT)
	@echo "Serving on http://$(HOST):$(PORT)/"
	$(MANAGE) runserver --insecure $(HOST):$(PORT)

test: $(STAMP) messages ## Run the whole suite (SQLite; PostgreSQL too when TEST_DATABASE_URL is set)
	$(BIN)/pytest -q
	@if [ -n "$$TEST_DATABASE_URL" ]; then echo "== again on PostgreSQL"; DATABASE_URL="$$TEST_DATABASE_URL" BT_REQUIRE_POSTGRES=1 $(BIN)/pytest -q -m "not browser"; \
	else echo "PostgreSQL run skipped: set TEST_DATABASE_URL=postgres://… to run the suite on PostgreSQL"; fi

bench: $(STAMP) messages ## Run the benchmarks (one JSON object per line)
	$(BIN)/python -m bench

lint: $(STAMP) ## ruff, import contracts (lint-imports), mypy, manage.py check, makemigrations --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy bettertogether
	DJANGO_SETTINGS_MODULE=bettertogether.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=bettertogether.settings.test $(MANAGE) makemigrations --check --dry-run

format: $(STAMP) ## Format the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean: ## Remove the virtualenv and collected static files
	rm -rf $(VENV) staticfiles
