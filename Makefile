# Two entry points: `make run` (set up and start the app) and `make test` (set up and run every test).
# `make lint` checks the code and its layout with ruff (settings in pyproject.toml); `make test-fast` leaves out the slow sweeps and
# the browser tests.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint setup build clean

$(STAMP): requirements.txt
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)

build: $(STAMP)
	$(BIN)/python -m lsc_phm build

# MALLOC_ARENA_MAX=2: glibc gives each of Streamlit's script threads its own malloc arena, and freed memory stays
# fragmented across them; with two arenas the server's memory after a soak of many sessions is markedly lower
# (benchmarks/bench_load.py).
run: $(STAMP)
	$(BIN)/python -m lsc_phm build --if-stale
	MALLOC_ARENA_MAX=2 $(BIN)/streamlit run app.py

# -n 2: two pytest-xdist workers (CI has 2 cores), tests handed out one by one, except that --dist loadgroup keeps
# the tests that read a built place profile on one worker (tests/conftest.py), which builds each profile once; browser
# tests start their servers on free ports with per-worker logs (tests/e2e/conftest.py), so the two workers never
# collide.
test: $(STAMP)
	$(BIN)/python -m lsc_phm build --if-stale
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

# Everything but the every-ICB sweep, simulated-SII reliability runs and the browser tests (markers in pyproject.toml).
test-fast: $(STAMP)
	$(BIN)/python -m lsc_phm build --if-stale
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup -m "not slow and not e2e"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -f data/lsc_phm.duckdb data/lsc_phm.duckdb.sha256
