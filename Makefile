# The two commands a newcomer types: `make bench` and `make test`.
# Both set themselves up: a pinned uv builds .venv from uv.lock (nothing floats).

PYTHON     ?= python3.11
UV_VERSION := 0.13.8
TOOLS      := .tools
UV         := $(TOOLS)/bin/uv
VENV       := .venv
SYNCED     := $(VENV)/.synced
BB         := $(VENV)/bin/boilerbench
WORKERS    ?= 2
export UV_PROJECT_ENVIRONMENT := $(VENV)
# precompile .pyc at install: with PYTHONDONTWRITEBYTECODE set, imports would recompile every run
export UV_COMPILE_BYTECODE := 1

.PHONY: setup bench test lint perf clean

setup: $(SYNCED)

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

$(SYNCED): pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --python $(PYTHON)
	@touch $@

bench: $(SYNCED)
	$(BB) run --workers $(WORKERS) --out results

test: $(SYNCED)
	$(VENV)/bin/ruff check benchmark tests scripts
	$(BB) validate
	$(VENV)/bin/pytest

lint: $(SYNCED)
	$(VENV)/bin/ruff check benchmark tests scripts
	$(VENV)/bin/ruff format --check benchmark tests scripts

clean:
	rm -rf $(VENV) $(TOOLS) .boilerbench-cache

perf: $(SYNCED)
	$(VENV)/bin/python scripts/perf.py
