# RevOps Warehouse. `make run` builds everything from nothing; `make test` proves it.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Sample data: small enough to build in seconds, large enough for every metric.
ACCOUNTS ?= 400
MONTHS ?= 24
SEED ?= 7

export REVOPS_RAW_PATH ?= data/raw.duckdb
export REVOPS_TRUTH_PATH ?= data/truth.duckdb
export REVOPS_WAREHOUSE_PATH ?= warehouse/revops.duckdb
# What BI tools read: the public marts, republished atomically after each good build.
export REVOPS_SERVING_PATH ?= warehouse/serving.duckdb
# Headless browser the docs-site test renders the static docs with (`make browser`).
export CHROMIUM ?= chromium
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DO_NOT_TRACK := 1

.PHONY: help setup browser data build docs run test pytest lint format bench lock clean

help:  ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)  ## Create .venv with the pinned dependencies

browser:  ## Install Chromium (apt) if missing: the docs-site test renders the static docs with it
	@if command -v "$(CHROMIUM)" >/dev/null 2>&1; then exit 0; fi; \
	cannot() { echo "Chromium: $$1. Install Chromium and put it on PATH (or set CHROMIUM=/path/to/it):" \
		"python_tests/test_docs_site.py is skipped without it, and fails when CI is set." >&2; \
		if [ -n "$${CI:-}" ]; then exit 1; fi; exit 0; }; \
	command -v apt-get >/dev/null 2>&1 || cannot "no '$(CHROMIUM)' on PATH and no apt-get to install it"; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else cannot "not on PATH, and installing it needs root (no sudo)"; fi; \
	echo "Installing Chromium (apt-get install chromium) for the docs-site test"; \
	{ $$sudo apt-get update -qq && \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } || \
		cannot "apt-get install chromium failed (see above)"

data: $(STAMP)  ## Generate the sample raw data and its ground truth into data/
	$(BIN)/revops-synth --accounts $(ACCOUNTS) --months $(MONTHS) --seed $(SEED) \
		--out $(REVOPS_RAW_PATH) --truth $(REVOPS_TRUTH_PATH)

build: $(STAMP)  ## dbt build (seeds, models, tests) into the warehouse file, then publish the serving file
	@test -f "$(REVOPS_RAW_PATH)" || { echo "No raw data at $(REVOPS_RAW_PATH): run 'make data' or set REVOPS_RAW_PATH to your raw DuckDB file." >&2; exit 1; }
	@mkdir -p "$$(dirname "$(REVOPS_WAREHOUSE_PATH)")"
	$(BIN)/dbt build
	@# Only after a build that passed: BI tools never see a half-built or failing warehouse.
	$(BIN)/revops-publish --warehouse "$(REVOPS_WAREHOUSE_PATH)" --serving "$(REVOPS_SERVING_PATH)"

docs: $(STAMP)  ## Generate the dbt docs site into target/ (index.html, and static_index.html: one file)
	$(BIN)/dbt docs generate --static

run: setup data build docs  ## From nothing: venv, sample data, dbt build, serving file, docs
	@echo
	@echo "Warehouse built: $(REVOPS_WAREHOUSE_PATH) (raw data: $(REVOPS_RAW_PATH), ground truth: $(REVOPS_TRUTH_PATH))"
	@echo "Serving file for BI tools and queries: $(REVOPS_SERVING_PATH) (schema marts; open it read-only)"
	@echo "Query it:   $(BIN)/python -c \"import duckdb; print(duckdb.connect('$(REVOPS_SERVING_PATH)', read_only=True).sql('select * from marts.metrics_revenue_monthly order by date_month'))\""
	@echo "Metrics:    $(BIN)/mf query --metrics mrr,win_rate --group-by metric_time__quarter --order metric_time__quarter"
	@echo "Read docs:  open $${DBT_TARGET_PATH:-target}/static_index.html (one file), or $(BIN)/dbt docs serve"

test: setup browser  ## Every test: lint, then pytest (which generates data and runs dbt build in a temp folder)
	$(MAKE) --no-print-directory lint
	$(BIN)/pytest

pytest: setup browser  ## Only the Python test suite
	$(BIN)/pytest

lint: setup  ## sqlfluff and ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@# sqlfluff's dbt templater opens the profile's connection: give it an empty raw schema.
	@mkdir -p .lint && $(BIN)/python -c "from revops.synth.schema import create_empty; create_empty('.lint/raw.duckdb')"
	REVOPS_RAW_PATH=.lint/raw.duckdb REVOPS_WAREHOUSE_PATH=.lint/warehouse.duckdb DBT_TARGET_PATH=.lint/target \
		DBT_LOG_PATH=.lint/logs $(BIN)/sqlfluff lint models tests analyses

format: setup  ## Apply ruff format and sqlfluff fix
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	@mkdir -p .lint && $(BIN)/python -c "from revops.synth.schema import create_empty; create_empty('.lint/raw.duckdb')"
	REVOPS_RAW_PATH=.lint/raw.duckdb REVOPS_WAREHOUSE_PATH=.lint/warehouse.duckdb DBT_TARGET_PATH=.lint/target \
		DBT_LOG_PATH=.lint/logs $(BIN)/sqlfluff fix models tests analyses

bench: setup  ## Benchmark the generator and the build at larger scales; prints timings
	$(BIN)/python scripts/benchmark.py

lock: setup  ## Re-pin requirements.lock from the current venv
	{ echo "# Pinned, tested versions of every Python dependency. Regenerate with 'make lock'."; \
	  $(BIN)/pip freeze --all --exclude-editable | grep -viE '^(revops|pip==)'; } > requirements.lock

clean:  ## Remove build output (keeps .venv)
	rm -rf target logs dbt_packages warehouse data artifacts .lint
