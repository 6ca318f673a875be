# StreetVoice: `make run` and `make test` do everything on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
ASSETS := portal/static/assets
export FLASK_APP := portal:create_app

.PHONY: install assets db demo run test test-sqlite test-postgres messages bench clean

$(BIN)/streetvoice: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,production]"
	touch $@

install: $(BIN)/streetvoice

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(ASSETS)/govuk-frontend.min.js: node_modules/.package-lock.json
	mkdir -p $(ASSETS)
	cp -R node_modules/govuk-frontend/dist/govuk/assets/. $(ASSETS)/
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(ASSETS)/
	cp node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.js node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.css $(ASSETS)/
	touch $@

assets: $(ASSETS)/govuk-frontend.min.js

db: install
	$(BIN)/streetvoice db upgrade

demo: db
	$(BIN)/streetvoice demo load
	$(BIN)/streetvoice analysis run --stale

run: install assets demo
	$(BIN)/streetvoice run --host 127.0.0.1 --port $(PORT)

# SQLite first; then the database-facing tests again on a throwaway PostgreSQL 15 cluster
# (pg_virtualenv; -t keeps it in a temporary directory, so runs side by side do not collide),
# with the deployment tests (tests/deploy: nginx, streetvoice serve, Redis), which need
# PostgreSQL. In CI (CI=true) PostgreSQL, Chromium, nginx and Redis are required, never skipped.
# STREETVOICE_LOAD_SECONDS sets how long the deployment load test runs (60 s; CI 25 s).
test: install assets test-sqlite test-postgres

test-sqlite: install assets
	$(BIN)/python -m pytest -m "not deploy"

test-postgres: install assets
	@if command -v pg_virtualenv >/dev/null 2>&1; then \
		pg_virtualenv -t -v 15 env STREETVOICE_TEST_DATABASE=postgresql $(BIN)/python -m pytest -m "not browser" tests --ignore=tests/analysis; \
	elif [ "$$CI" = "true" ]; then \
		echo "CI needs PostgreSQL 15 (pg_virtualenv); .ci/run installs it" >&2; exit 1; \
	else \
		echo "pg_virtualenv not found: skipping the PostgreSQL run (apt-get install postgresql-15)"; \
	fi

# Every user-facing string goes through Flask-Babel; this collects them for translators.
messages: install
	mkdir -p translations
	$(BIN)/pybabel extract -F babel.cfg -k _l -o translations/messages.pot .

bench: install
	$(BIN)/python benchmarks/tag_speed.py

clean:
	rm -rf $(VENV) node_modules $(ASSETS) instance
