# Every developer task, used by people and CI alike. Needs only python3 (with pip and venv) and make.
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
CODE := src tests bench scripts
export UV_SYSTEM_CERTS := 1
# Install dependencies with their bytecode compiled: start-up time is part of the product.
export UV_COMPILE_BYTECODE := 1
export UV_PROJECT_ENVIRONMENT := $(VENV)

ARTIFACTS := test-artifacts

.PHONY: demo test test-sqlite test-postgres check lint typecheck layers format generated bench clean

demo: $(VENV)/.synced  ## Start the web app with the demo organisation; prints the demo logins.
	$(BIN)/eaism serve --demo

# The browser tests drive Debian's Chromium (apt-get install chromium); the PostgreSQL run starts
# a throwaway server of its own from /usr/lib/postgresql/15/bin (tests/postgres.py).
PYTEST_SQLITE := DATABASE_URL= EAISM_TEST_DATABASE=sqlite $(BIN)/pytest \
	--junitxml=$(ARTIFACTS)/junit-sqlite.xml
PYTEST_POSTGRES := EAISM_TEST_DATABASE=postgres $(BIN)/pytest \
	--junitxml=$(ARTIFACTS)/junit-postgres.xml tests/web tests/browser

# The sign-in tests start the npm package oidc-provider (tests/oidc_provider.py); installed once.
OIDC_PROVIDER := tests/oidc/node_modules/.package-lock.json

test: check $(OIDC_PROVIDER)  ## Lint, type-check, check the layers, then every test on SQLite, then on PostgreSQL.
	$(PYTEST_SQLITE)
	$(PYTEST_POSTGRES)

test-sqlite: $(VENV)/.synced $(OIDC_PROVIDER)  ## The whole test suite on SQLite.
	$(PYTEST_SQLITE)

test-postgres: $(VENV)/.synced $(OIDC_PROVIDER)  ## The web and browser tests on a PostgreSQL 15 server.
	$(PYTEST_POSTGRES)

check: lint typecheck layers

lint: $(VENV)/.synced
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)

typecheck: $(VENV)/.synced
	$(BIN)/mypy

layers: $(VENV)/.synced
	$(BIN)/lint-imports

format: $(VENV)/.synced
	$(BIN)/ruff check --fix $(CODE)
	$(BIN)/ruff format $(CODE)

generated: $(VENV)/.synced  ## Regenerate the JSON Schemas and docs/cli.md.
	$(BIN)/python scripts/generate.py

bench: $(VENV)/.synced  ## Run the benchmarks; each prints its ratio to a simple baseline.
	$(BIN)/python -m compileall -q src
	$(BIN)/python bench/scoring.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/bulk.py
	$(BIN)/python bench/people_table.py
	$(BIN)/python bench/org_analyze.py
	$(BIN)/python bench/readers.py
	$(BIN)/python bench/job_description.py
	$(BIN)/python bench/report_pdf.py
	$(BIN)/python bench/compliance.py
	$(BIN)/python bench/web_dashboard.py
	$(BIN)/python bench/roster.py
	$(BIN)/python bench/answer_saves.py
	$(BIN)/python bench/outbox.py
	$(BIN)/python bench/validity.py
	$(BIN)/python bench/validity_page.py
	$(BIN)/python bench/evidence_check.py
	$(BIN)/python bench/questionnaire_time.py

clean:
	rm -rf $(VENV) $(TOOLS) $(ARTIFACTS) .pytest_cache .mypy_cache .ruff_cache

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(OIDC_PROVIDER): tests/oidc/package.json tests/oidc/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/oidc --no-audit --no-fund --prefer-offline --loglevel=error; \
	else echo "make: npm is missing, so the single sign-on tests will be skipped (CI fails them)"; fi

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --locked --quiet
	touch $@
