"""boilerbench: an open benchmark for web-page boilerplate removal.

The public API a notebook imports::

    from benchmark import load_corpus, run_benchmark, available_engines
    corpus = load_corpus("gold")
    result = run_benchmark(corpus, engines=["trafilatura", "readability"])
    result.summary_frame()  # a pandas DataFrame, one row per engine

``run_benchmark(..., out=Path("results"))`` writes the same results folder as
``boilerbench run --out results``; ``load_results`` reads one back, and
``compare_results`` compares two.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

#: public name -> module that defines it (imported on first use: ``import benchmark``
#: stays cheap, so ``boilerbench --help`` does not load pandas)
_EXPORTS = {
    "__version__": "benchmark.version",
    "load_corpus": "benchmark.corpus",
    "Corpus": "benchmark.corpus.model",
    "Page": "benchmark.corpus.model",
    "available_engines": "benchmark.engines",
    "get_engine": "benchmark.engines",
    "Engine": "benchmark.engines",
    "run_benchmark": "benchmark.pipeline",
    "RunSettings": "benchmark.settings",
    "RunResult": "benchmark.results.model",
    "EngineResult": "benchmark.results.model",
    "load_results": "benchmark.results.io",
    "write_results": "benchmark.results.io",
    "compare_results": "benchmark.compare",
    "METRICS": "benchmark.scoring.metrics",
    "UserError": "benchmark.errors",
}
__all__ = [
    "METRICS",
    "Corpus",
    "Engine",
    "EngineResult",
    "Page",
    "RunResult",
    "RunSettings",
    "UserError",
    "__version__",
    "available_engines",
    "compare_results",
    "get_engine",
    "load_corpus",
    "load_results",
    "run_benchmark",
    "write_results",
]

if TYPE_CHECKING:
    from benchmark.compare import compare_results
    from benchmark.corpus import load_corpus
    from benchmark.corpus.model import Corpus, Page
    from benchmark.engines import Engine, available_engines, get_engine
    from benchmark.errors import UserError
    from benchmark.pipeline import run_benchmark
    from benchmark.results.io import load_results, write_results
    from benchmark.results.model import EngineResult, RunResult
    from benchmark.scoring.metrics import METRICS
    from benchmark.settings import RunSettings
    from benchmark.version import __version__


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'benchmark' has no attribute {name!r}")
