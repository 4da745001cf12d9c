# The two commands a newcomer types: `make bench` and `make test`.
# Both set themselves up: a pinned uv builds .venv from uv.lock (nothing floats).

# Python 3.12 is the default (magic-html needs it); the slow tier also runs the fast
# tests on 3.11 and 3.13. scripts/find-python finds pyenv's interpreters too.
PYTHON     ?= $(shell scripts/find-python 3.12)
OTHER_PYTHONS ?= 3.11 3.13
UV_VERSION := 0.13.9
TOOLS      := .tools
UV         := $(TOOLS)/bin/uv
VENV       := .venv
SYNCED     := $(VENV)/.synced
BB         := $(VENV)/bin/boilerbench
WORKERS    ?= 2
# more `boilerbench run` options for `make bench`, e.g. BENCH_ARGS=--force
BENCH_ARGS ?=
# the real datasets (aeb/, wcxb-dev/dev/): never copied into the repository
BOILERBENCH_DATA ?= ../shared/datasets
export BOILERBENCH_DATA
export UV_PROJECT_ENVIRONMENT := $(VENV)
# precompile .pyc at install: with PYTHONDONTWRITEBYTECODE set, imports would recompile every run
export UV_COMPILE_BYTECODE := 1

.PHONY: setup engines bench bench-real test test-slow test-pythons browser java lint injection injection-real perf readme screenshot clean labels-report wheel

# engines outside the Python environment (Node servers' npm packages, the Java
# Boilerpipe class, readability-lxml 0.9's side environment), each from its lock file,
# into the project (never at run time); each one that cannot install is reported
# unavailable, not an error
ENGINE_FILES := $(wildcard node/*/package-lock.json node/*/server.* java/*/*.java envs/*/uv.lock)
ENGINES_DONE := .boilerbench-cache/engines.done

# the package's own modules compiled too (an editable install is not; with
# PYTHONDONTWRITEBYTECODE set, every process would compile ~150 modules from source)
setup: $(SYNCED) $(ENGINES_DONE)
	@$(VENV)/bin/python -m compileall -q benchmark

engines $(ENGINES_DONE): $(SYNCED) $(ENGINE_FILES)
	@if $(BB) setup-engines; then mkdir -p $(dir $(ENGINES_DONE)) && touch $(ENGINES_DONE); \
	else echo "some engines failed to install: they are reported unavailable (make engines retries)"; fi

$(UV):
	@test -n "$(PYTHON)" || { echo "Python 3.12 not found (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

$(SYNCED): pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --python $(PYTHON)
	@touch $@

# run every engine on the bundled gold; the report is redrawn when what it shows changed
# (an unchanged re-run rewrites nothing under results/: timings go to ignored files)
bench: setup
	$(BB) run --engines all,structured --workers $(WORKERS) --out results $(BENCH_ARGS)
	@echo "The report: $(CURDIR)/results/report.html"

# the README's pictures of the report, taken in headless chromium (make browser)
screenshot: $(SYNCED) browser
	$(VENV)/bin/python scripts/screenshot.py results/report.html docs

# the fast tier (the README's command): lint, types, gold validation, unit tests
test: lint setup
	$(BB) validate
	$(BB) validate --real
	$(VENV)/bin/pytest -m "not slow"

# the slow tier: end-to-end runs with every engine, the browser, Dask, ../shared
# samples, the built wheel in a fresh venv, the gate; then the fast tests on the other
# supported Pythons
test-slow: java browser setup
	$(VENV)/bin/pytest -m slow
	@$(MAKE) --no-print-directory test-pythons

# the fast tests on each of OTHER_PYTHONS, in its own venv from the same lock
test-pythons: $(UV)
	@for v in $(OTHER_PYTHONS); do \
		py=$$(scripts/find-python $$v) || { echo "python$$v not found: skipped"; continue; }; \
		echo "fast tests on Python $$v ($$py)"; \
		UV_PROJECT_ENVIRONMENT=.venv-$$v $(UV) sync --locked --python $$py --quiet && \
		.venv-$$v/bin/pytest -m "not slow" -p no:cacheprovider || exit 1; \
	done

# Debian's JDK and Boilerpipe, for the Java Boilerpipe engine (installed only where we
# may; elsewhere its row is reported unavailable), then its class compiled
java:
	@if [ -f /usr/share/java/boilerpipe.jar ] && command -v javac >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing libboilerpipe-java and a JDK for the Java Boilerpipe engine"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			libboilerpipe-java default-jdk-headless) >/dev/null; \
	else echo "libboilerpipe-java or javac missing: the boilerpipe engine will be unavailable"; fi
	@rm -f $(ENGINES_DONE)

# Debian's chromium, for the report's browser test (installed only where we may)
browser:
	@if command -v chromium >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing chromium for the report's browser test"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; \
	else echo "chromium not installed: the report's browser test will be skipped"; fi

lint: $(SYNCED)
	$(VENV)/bin/ruff check benchmark tests scripts examples
	$(VENV)/bin/ruff format --check benchmark tests scripts examples
	$(VENV)/bin/mypy
	$(VENV)/bin/actionlint -shellcheck $(VENV)/bin/shellcheck -pyflakes= .github/workflows/*.yml examples/workflows/*.yml
	$(VENV)/bin/python scripts/lint_action.py action.yml

# the wheel a user installs (dist/), with the gold, labels and engine files inside
wheel: $(UV)
	$(UV) build --wheel --out-dir dist

clean:
	rm -rf $(VENV) $(VENV)-3.* $(TOOLS) .boilerbench-cache dist

# spam/sidebar injection curves: variants of clean cases, every engine, plot + table
injection: $(SYNCED)
	$(BB) inject --out results/injection/gold
	$(BB) run --corpus gold:results/injection/gold --workers $(WORKERS) --out results/injection -q
	$(BB) inject --curves results/injection

# spam attacks on real pages (AEB, WCXB dev from $(BOILERBENCH_DATA)): every attack x level x
# engine on INJECTION_PAGES labelled pages; pages and the run stay in .boilerbench-cache/,
# figures, tables and plots go to results/injection-real/
INJECTION_PAGES ?= 240
injection-real: setup
	$(BB) injection-real --pages $(INJECTION_PAGES) --workers $(WORKERS) --out results/injection-real
	$(VENV)/bin/python scripts/update_readme.py

perf: $(SYNCED)
	$(VENV)/bin/python scripts/perf.py

# real pages, the headline: every engine on AEB (181 pages) and WCXB's dev split (1,497),
# with the reviewed per-kind labels of gold/real/ applied by page digest; WCXB also with
# the structured-output rows (its main_content_markdown is structure gold; AEB has none)
WCXB_DEV = $(firstword $(wildcard $(BOILERBENCH_DATA)/wcxb-dev/dev $(BOILERBENCH_DATA)/wcxb/dev))
bench-real: setup
	@test -d "$(BOILERBENCH_DATA)/aeb" -a -n "$(WCXB_DEV)" || { echo "bench-real: no datasets under BOILERBENCH_DATA=$(BOILERBENCH_DATA) (boilerbench fetch aeb; boilerbench fetch wcxb)"; exit 2; }
	$(BB) run --corpus aeb:$(BOILERBENCH_DATA)/aeb --engines all,structured --workers $(WORKERS) --out results/real/aeb
	$(BB) run --corpus wcxb:$(WCXB_DEV) --engines all,structured --workers $(WORKERS) --out results/real/wcxb-dev

# the review record of the real-page labels (gold/real/REVIEW.md), from the annotate commands
labels-report: $(SYNCED)
	$(VENV)/bin/python scripts/label_report.py

readme: $(SYNCED)
	$(VENV)/bin/python scripts/update_readme.py
