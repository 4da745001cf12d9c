"""Stand-off boilerplate labels for real pages (AEB, WCXB dev), and the tools to make them.

We may never copy a real page's text into the repository, so a label is an XPath into
the page plus a kind, pinned to the page's bytes by their SHA-256; text is recomputed
from the dataset's own files whenever it is needed. Modules, one job each:

- ``pagetext``: the page's text nodes and tokens (the notion ``validate.page_text`` uses);
- ``align``: which page tokens are the dataset's article gold;
- ``store``: the YAML file format (``gold/real/<dataset>/<page>.yaml``);
- ``datasets``: finding the datasets and reading one page;
- ``view``: a page parsed and aligned, the input of every command;
- ``regions``: regions -> per-token labels (innermost wins), article runs, coverage;
- ``apply``: reviewed labels -> ``Gold.segments`` for a loaded corpus;
- ``signals`` / ``prelabel``: the pre-labeller;
- ``review``, ``render``, ``check``, ``agreement``, ``status``: the reviewer commands.

Public surface::

    from benchmark.annotations import annotate_corpus, annotation_version
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

__all__ = ["ApplyStats", "annotate_corpus", "annotation_version"]
#: imported on first use, so the CLI's argument parsing does not load lxml and friends
_EXPORTS = {
    "ApplyStats": "benchmark.annotations.apply",
    "annotate_corpus": "benchmark.annotations.apply",
    "annotation_version": "benchmark.annotations.store",
}

if TYPE_CHECKING:
    from benchmark.annotations.apply import ApplyStats, annotate_corpus
    from benchmark.annotations.store import annotation_version


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'benchmark.annotations' has no attribute {name!r}")
