"""Is each Python engine's output a function of the page alone?

    .venv/bin/python scripts/order_dependence.py [ENGINE ...]

A worker process extracts many pages one after another, and which pages a worker gets
depends on scheduling. An engine whose output on a page depends on what it processed
before (module state, or ties broken by memory address) then gives run-to-run different
figures even though nothing changed. For each engine this extracts the bundled gold's
80 pages in one process five times (page order, reverse order, three seeded shuffles)
and prints the pages whose output is not the same in every pass.
"""

from __future__ import annotations

import random
import sys
import warnings

from benchmark.corpus import load_corpus
from benchmark.corpus.model import Page
from benchmark.engines import available_engines
from benchmark.engines._base import Extractor


def outputs(extract: Extractor, pages: list[Page]) -> dict[str, str]:
    found = {}
    for page in pages:
        try:
            found[page.id] = extract(page.source.read_html(), page.url)
        except Exception as exc:  # a failure is an output too: its type
            found[page.id] = f"<{type(exc).__name__}>"
    return found


def main(names: list[str]) -> int:
    warnings.simplefilter("ignore")
    pages = list(load_corpus("gold").pages)
    engines = [e for e in available_engines() if e.sidecar is None]  # in-process ones
    if names:
        engines = [e for e in engines if e.name in names]
    for engine in engines:
        orders = [pages, pages[::-1]]
        orders += [random.Random(seed).sample(pages, len(pages)) for seed in (1, 2, 3)]
        passes = [outputs(engine.extract, order) for order in orders]
        differ = [p.id for p in pages if len({run[p.id] for run in passes}) > 1]
        detail = ": " + ", ".join(differ[:5]) if differ else ""
        print(f"{engine.name:24} {len(differ):3} of {len(pages)} pages differ{detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
