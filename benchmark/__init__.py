"""boilerbench: an open benchmark for web-page boilerplate removal.

The public API a notebook imports::

    from benchmark import load_corpus, run_benchmark, available_engines
    corpus = load_corpus("gold")
    result = run_benchmark(corpus, engines=["trafilatura", "readability"])
    result.summary  # a pandas DataFrame, one row per engine
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("boilerbench")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
