"""magic-html (OpenDataLab): ``GeneralExtractor().extract(html, base_url=url)``.

As its README shows: the general extractor (article layout; it picks its WeChat
extractor by URL itself), no site rules. It returns the main region's HTML, turned into
text by the block-aware conversion every HTML-returning engine shares. magic-html
supports Python 3.12 and later only: under 3.11 the row is reported not installed.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from benchmark.engines._base import Engine
from benchmark.engines._text import html_fragment_to_text


@cache
def _extractor() -> Any:
    from magic_html import GeneralExtractor

    return GeneralExtractor()


def extract(html: str, url: str) -> str:
    result = _extractor().extract(html, base_url=url or "")
    return html_fragment_to_text(result.get("html") or "")


ENGINES = [
    Engine(
        name="magic-html",
        distribution="magic-html",
        module="magic_html",
        extract=extract,
        description="magic-html GeneralExtractor().extract(html, base_url), block-aware text",
    )
]
