"""readability-lxml (a Python port of Arc90's Readability): Document(...).summary()."""

from __future__ import annotations

from benchmark.engines._base import Engine
from benchmark.engines._text import html_fragment_to_text


def extract(html: str, url: str) -> str:
    from readability import Document

    summary = Document(html, url=url or None).summary(html_partial=True)
    return html_fragment_to_text(summary)


ENGINES = [
    Engine(
        name="readability",
        distribution="readability-lxml",
        module="readability",
        extract=extract,
        description="readability-lxml Document.summary(), block-aware text conversion",
    )
]
