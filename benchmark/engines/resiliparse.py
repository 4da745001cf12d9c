"""Resiliparse: extract_plain_text in main-content mode."""

from __future__ import annotations

from benchmark.engines._base import Engine
from benchmark.engines._text import as_paragraphs


def extract(html: str, url: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return as_paragraphs(extract_plain_text(html, main_content=True, alt_texts=False))


ENGINES = [
    Engine(
        name="resiliparse",
        distribution="resiliparse",
        module="resiliparse",
        extract=extract,
        description="Resiliparse extract_plain_text(main_content=True)",
        options={"main_content": True, "alt_texts": False},
    )
]
