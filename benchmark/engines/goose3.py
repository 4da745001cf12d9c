"""goose3: cleaned_text of an article parsed from raw HTML, image fetching off."""

from __future__ import annotations

from functools import cache
from typing import Any

from benchmark.engines._base import Engine
from benchmark.engines._text import as_paragraphs


@cache
def _goose() -> Any:
    from goose3 import Goose

    return Goose({"enable_image_fetching": False, "use_meta_language": True})


def extract(html: str, url: str) -> str:
    return as_paragraphs(_goose().extract(raw_html=html, url=url or None).cleaned_text)


ENGINES = [
    Engine(
        name="goose3",
        distribution="goose3",
        module="goose3",
        extract=extract,
        description="goose3 Goose().extract(raw_html=...).cleaned_text",
        options={"enable_image_fetching": False},
    )
]
