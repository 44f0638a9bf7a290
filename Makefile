# Two commands for teachers: `make lab` to teach, `make test` to check.
# Both create .venv on first use and are quick when nothing has changed.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
LAB_STAMP  := $(VENV)/.medialit-lab
TEST_STAMP := $(VENV)/.medialit-test

.PHONY: help lab test lint bench clean

help:
	@echo "make lab    - install the kit (first time only) and open JupyterLab"
	@echo "make test   - install the test tools (first time only) and run every test and notebook"
	@echo "make bench  - print speed and memory figures"
	@echo "make clean  - remove .venv and caches"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "medialit needs Python 3.11 or newer; this is " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(LAB_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

$(TEST_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@ $(LAB_STAMP)

lab: $(LAB_STAMP)
	$(BIN)/jupyter lab notebooks/00_start_here.ipynb

lint: $(TEST_STAMP)
	$(BIN)/ruff check medialit tests benchmarks
	$(BIN)/ruff format --check medialit tests benchmarks

test: lint
	$(PY) -m pytest

bench: $(LAB_STAMP)
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
