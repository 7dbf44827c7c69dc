# Two commands do all set-up on a fresh machine with python3:
#   make run   - create .venv, install, launch nkru-tui
#   make test  - the same set-up, then the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench build install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e ".[test]"
	$(BIN)/python -m pip install -q -e ".[ftm]" >/dev/null 2>&1 || echo "make: followthemoney \
	(a test-only library) did not install: PyICU needs the ICU headers (apt-get install \
	libicu-dev pkg-config g++); the FollowTheMoney checks will be skipped"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/nkru-tui $(ARGS)

test: $(STAMP)
	$(BIN)/ruff check src
	$(BIN)/ruff format --check src
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy src
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# data/curated/*.toml -> data/db.json (strict validation; docs/CURATION.md)
build: $(STAMP)
	$(BIN)/python -m nkru_tui.core.build $(BUILD_ARGS)

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist
