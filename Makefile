# Every target sets up .venv first, so a fresh clone needs only `make serve` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build offline watch check stats export schema test lint typecheck pytest golden bench lock clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## Serve the site at http://127.0.0.1:8000 with live reload (sidecar edits show in about a second).
serve: setup
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

## Build the HTML site into site/ (fails on any warning).
build: setup
	$(BIN)/mkdocs build --strict

## Build a site that works from disk into site-offline/ (open site-offline/index.html; no server).
offline: setup
	$(BIN)/mkdocs build --strict -f mkdocs.offline.yml

## Export to export/ and again after every change (Ctrl-C stops); serve it with `zensical serve` in export/.
watch: setup
	$(BIN)/python -m builder watch --out export

## Validate source_texts/ without writing anything (warnings count as errors).
check: setup
	$(BIN)/python -m builder check --strict

## Coverage and sourcing figures per text and for the site (--format json for tools).
stats: setup
	$(BIN)/python -m builder stats

## Export the site to export/ as a project (docs/, mkdocs.yml, overrides/) that builds with no hook.
export: setup
	$(BIN)/python -m builder build --out export

## Regenerate the JSON Schemas in builder/schemas/ (for editors and check-jsonschema).
schema: setup
	$(BIN)/python -m builder schema

lint: setup
	$(BIN)/ruff check builder tests scripts
	$(BIN)/ruff format --check builder tests scripts

typecheck: setup
	$(BIN)/mypy builder

pytest: setup
	$(BIN)/python -m pytest -q

## Lint, type checks, the repository's own content check, then every test (on fixture projects).
test: lint typecheck
	$(BIN)/python -m builder check --strict
	$(BIN)/python -m pytest -q

## Regenerate the golden Markdown files in tests/golden/ after an intended change.
golden: setup
	$(BIN)/python -m tests.regenerate_golden

## Benchmark the builder against MkDocs at 10, 100 and 1000 texts; rewrites docs/performance.md.
bench: setup
	$(BIN)/python -m scripts.bench

## Re-pin requirements.lock from the current .venv.
lock: setup
	$(BIN)/python -m pip freeze --all --exclude-editable | grep -viE '^(pip|explainer-builder)==' > requirements.lock.tmp
	(echo '# Exact versions used by `make` (set-up for serve, test and CI). Regenerate with `make lock`.'; cat requirements.lock.tmp) > requirements.lock
	rm requirements.lock.tmp

clean:
	rm -rf $(VENV) site export .mypy_cache .ruff_cache .pytest_cache
