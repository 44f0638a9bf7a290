# Two commands for teachers: `make lab` to teach, `make test` to check.
# Both create .venv on first use and are quick when nothing has changed.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
LAB_STAMP  := $(VENV)/.medialit-lab
TEST_STAMP := $(VENV)/.medialit-test

.PHONY: help lab test test-browser fuzz lint bench clean

help:
	@echo "make lab    - install the kit (first time only) and open JupyterLab"
	@echo "make test   - install the test tools (first time only) and run every test and notebook"
	@echo "make test-browser - run only the real-browser tests (needs Chromium: apt-get install -y chromium)"
	@echo "make fuzz   - long robustness run: 10,000 hostile texts per analyzer, and 10 MB inputs (about 1.5 hours)"
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

# Jupyter refuses to start as root (containers, some lab machines) unless told it may.
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)

lab: $(LAB_STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/00_start_here.ipynb

lint: $(TEST_STAMP)
	$(BIN)/ruff check medialit tests benchmarks conftest.py
	$(BIN)/ruff format --check medialit tests benchmarks conftest.py

# `pytest` includes tests/browser (testpaths); they skip, and say so, without Chromium.
test: lint
	@test -x "$${MEDIALIT_CHROMIUM:-/usr/bin/chromium}" || echo "NOTE: Chromium is not installed, so the browser tests will be SKIPPED (install it with: apt-get install -y chromium)."
	$(PY) -m pytest

# Only the browser tests; here a missing Chromium is an error, not a skip.
test-browser: $(TEST_STAMP)
	MEDIALIT_REQUIRE_BROWSER=1 $(PY) -m pytest tests/browser

# Long fuzzing run for developers (issue 10); `make test` runs the same tests with a few examples each.
fuzz: $(TEST_STAMP)
	HYPOTHESIS_PROFILE=long $(PY) -m pytest tests/test_fuzz.py tests/test_bad_input.py --hypothesis-show-statistics -q

# Every notebook against every bundled article and an article with no key (about 3 minutes).
# `make test` runs only the quick part: every notebook against the contrast article and the no-key article.
.PHONY: test-articles
test-articles: $(TEST_STAMP)
	MEDIALIT_ALL_ARTICLES=1 $(PY) -m pytest -m articles tests/test_notebooks_articles.py

# One table of every speed and memory figure. Options: make bench BENCH_ARGS="--quick --notebooks"
# (--quick skips the 10 MB text; --notebooks also times each notebook headless). The per-analyzer
# scripts (benchmarks/bench_*.py) still run on their own.
bench: $(LAB_STAMP)
	$(PY) benchmarks/run_all.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
