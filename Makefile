# Jumelage — the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
export JUMELAGE_DATA_DIR ?= $(CURDIR)/var
PYTEST_ARGS ?=

.PHONY: demo test install lint fmt typecheck messages check-translations pytest bench bench-smoke serve clean

$(BIN)/jumelage: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

install: $(BIN)/jumelage

## Install, migrate, load the demo ecosystem and serve it on http://127.0.0.1:$(PORT)
demo: install
	$(BIN)/jumelage migrate --noinput
	$(BIN)/jumelage load-demo
	@echo "Jumelage is at http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/jumelage runserver --insecure 127.0.0.1:$(PORT)

## Lint, type check of the engines, migrations check, translations check, then the whole test suite
test: install lint typecheck
	$(BIN)/jumelage makemigrations --check --dry-run
	$(BIN)/python scripts/check_translations.py
	$(MAKE) pytest

pytest: install
	$(BIN)/pytest -p no:cacheprovider -n 2 $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: install
	$(BIN)/mypy src/jumelage/engines

## Extract the strings to translate (needs GNU gettext) and compile the catalogues
messages: install
	cd src/jumelage && ../../$(BIN)/jumelage makemessages -l fr -l ru --no-location --no-obsolete --ignore 'engines/*'
	cd src/jumelage && ../../$(BIN)/jumelage compilemessages

bench: install
	$(BIN)/python bench/scheduling/run.py
	$(BIN)/python bench/matching/run.py
	$(BIN)/python bench/screening/run.py
	$(BIN)/python bench/directory.py
	$(BIN)/python bench/dashboard.py
	$(BIN)/python bench/uploads.py
	$(BIN)/python bench/web.py

bench-smoke: install
	$(BIN)/python bench/scheduling/run.py --smoke
	$(BIN)/python bench/matching/run.py --smoke --skip-scale
	$(BIN)/python bench/directory.py --smoke
	$(BIN)/python bench/dashboard.py --smoke
	$(BIN)/python bench/screening/run.py --smoke
	$(BIN)/python bench/web.py --smoke

serve: install
	$(BIN)/jumelage runserver --insecure 127.0.0.1:$(PORT)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
