"""trafilatura: default, precision-leaning and recall-leaning configurations.

``include_comments=False`` because trafilatura keeps comments by default, and comments
are boilerplate here. Its text output has one paragraph per line.
"""

from __future__ import annotations

from functools import partial

from benchmark.engines._base import Engine
from benchmark.engines._text import as_paragraphs


def extract(html: str, url: str, *, favor: str | None = None) -> str:
    import trafilatura

    text = trafilatura.extract(
        html,
        url=url or None,
        include_comments=False,
        favor_precision=favor == "precision",
        favor_recall=favor == "recall",
    )
    return as_paragraphs(text)


def _engine(name: str, favor: str | None, what: str) -> Engine:
    return Engine(
        name=name,
        distribution="trafilatura",
        module="trafilatura",
        extract=partial(extract, favor=favor),
        description=f"trafilatura.extract, {what}",
        options={"include_comments": False, "favor": favor or "balanced"},
    )


ENGINES = [
    _engine("trafilatura", None, "default settings"),
    _engine("trafilatura-precision", "precision", "favor_precision=True"),
    _engine("trafilatura-recall", "recall", "favor_recall=True"),
]
