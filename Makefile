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
# the real datasets (aeb/, wcxb-dev/dev/): never copied into the repository
BOILERBENCH_DATA ?= ../shared/datasets
export BOILERBENCH_DATA
export UV_PROJECT_ENVIRONMENT := $(VENV)
# precompile .pyc at install: with PYTHONDONTWRITEBYTECODE set, imports would recompile every run
export UV_COMPILE_BYTECODE := 1

.PHONY: setup bench bench-real test test-slow browser lint injection perf readme clean labels-report

NODE_DIR   := node/readability-js
NODE_DEPS  := $(NODE_DIR)/node_modules/.installed

setup: $(SYNCED) $(NODE_DEPS)

# Readability.js: npm packages from the lock file, into the project (never at run time)
$(NODE_DEPS): $(NODE_DIR)/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix $(NODE_DIR) --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the readability-js engine will be reported unavailable"; fi

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

$(SYNCED): pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --python $(PYTHON)
	@touch $@

bench: $(SYNCED) $(NODE_DEPS)
	$(BB) run --engines all,structured --workers $(WORKERS) --out results
	@$(MAKE) --no-print-directory results/report.html

# the report is redrawn only when the run's results changed
results/report.html: results/summary.json results/pages.csv $(wildcard benchmark/report/*.py)
	$(BB) report results > /dev/null

# the fast tier (the README's command): lint, types, gold validation, unit tests
test: lint $(NODE_DEPS)
	$(BB) validate
	$(BB) validate --real
	$(VENV)/bin/pytest -m "not slow"

# the slow tier: end-to-end runs with every engine, the browser, Dask, ../shared samples
test-slow: $(SYNCED) $(NODE_DEPS) browser
	$(VENV)/bin/pytest -m slow

# Debian's chromium, for the report's browser test (installed only where we may)
browser:
	@if command -v chromium >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing chromium for the report's browser test"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; \
	else echo "chromium not installed: the report's browser test will be skipped"; fi

lint: $(SYNCED)
	$(VENV)/bin/ruff check benchmark tests scripts
	$(VENV)/bin/ruff format --check benchmark tests scripts
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) $(TOOLS) .boilerbench-cache

# spam/sidebar injection curves: variants of clean cases, every engine, plot + table
injection: $(SYNCED)
	$(BB) inject --out results/injection/gold
	$(BB) run --corpus gold:results/injection/gold --workers $(WORKERS) --out results/injection -q
	$(BB) inject --curves results/injection

perf: $(SYNCED)
	$(VENV)/bin/python scripts/perf.py

# real pages, the headline: every engine on AEB (181 pages) and WCXB's dev split (1,497),
# with the reviewed per-kind labels of gold/real/ applied by page digest; WCXB also with
# the structured-output rows (its main_content_markdown is structure gold; AEB has none)
WCXB_DEV = $(firstword $(wildcard $(BOILERBENCH_DATA)/wcxb-dev/dev $(BOILERBENCH_DATA)/wcxb/dev))
bench-real: $(SYNCED) $(NODE_DEPS)
	@test -d "$(BOILERBENCH_DATA)/aeb" -a -n "$(WCXB_DEV)" || { echo "bench-real: no datasets under BOILERBENCH_DATA=$(BOILERBENCH_DATA) (boilerbench fetch aeb; boilerbench fetch wcxb)"; exit 2; }
	$(BB) run --corpus aeb:$(BOILERBENCH_DATA)/aeb --workers $(WORKERS) --out results/real/aeb
	$(BB) report results/real/aeb > /dev/null
	$(BB) run --corpus wcxb:$(WCXB_DEV) --engines all,structured --workers $(WORKERS) --out results/real/wcxb-dev
	$(BB) report results/real/wcxb-dev > /dev/null

# the review record of the real-page labels (gold/real/REVIEW.md), from the annotate commands
labels-report: $(SYNCED)
	$(VENV)/bin/python scripts/label_report.py

readme: $(SYNCED)
	$(VENV)/bin/python scripts/update_readme.py
