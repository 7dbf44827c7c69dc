# Two commands do all set-up on a fresh machine with python3:
#   make run   - create .venv, install, launch nkru-tui
#   make test  - the same set-up, then the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench bench-1m bench-peers build install clean

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

# The benchmark's peers (issue 13), never dependencies of nkru-tui: VisiData (GPL) in its own
# venv under .cache/, the sqlite3 command (SQLite FTS5) and ripgrep from apt when run as root.
# Whatever cannot be installed is reported n/a by the benchmark.
PEERS_VENV := .cache/bench-peers
$(PEERS_VENV)/bin/vd:
	$(PYTHON) -m venv $(PEERS_VENV)
	$(PEERS_VENV)/bin/python -m pip install -q visidata || echo "make: VisiData did not \
	install; its figures will be n/a"

bench-peers: $(PEERS_VENV)/bin/vd
	@for tool in sqlite3:sqlite3 rg:ripgrep; do cmd=$${tool%%:*}; pkg=$${tool##*:}; \
	  command -v $$cmd >/dev/null 2>&1 && continue; \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get install -y -q $$pkg >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && \
	      apt-get install -y -q $$pkg >/dev/null 2>&1; } || echo "make: $$pkg not installed: n/a"; \
	  else echo "make: $$cmd missing (apt-get install $$pkg as root): its figures will be n/a"; fi; \
	done

bench: $(STAMP) bench-peers
	$(BIN)/python benchmarks/run.py --peers-venv $(PEERS_VENV) $(BENCH_ARGS)

# 1,000,000 events too (generated once, ~1.5 GB; the first start and the peers' files take
# long and several GB of memory): a separate target, not part of `make bench`.
bench-1m: $(STAMP) bench-peers
	$(BIN)/python benchmarks/run.py --peers-venv $(PEERS_VENV) --with-1m $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist
