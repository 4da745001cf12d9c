"""boilerpy3 (a Python port of Boilerpipe): ArticleExtractor."""

from __future__ import annotations

from benchmark.engines._base import Engine
from benchmark.engines._text import as_paragraphs


def extract(html: str, url: str) -> str:
    from boilerpy3 import extractors

    return as_paragraphs(extractors.ArticleExtractor(raise_on_failure=True).get_content(html))


ENGINES = [
    Engine(
        name="boilerpy3",
        distribution="boilerpy3",
        module="boilerpy3",
        extract=extract,
        description="boilerpy3 ArticleExtractor",
        options={"extractor": "ArticleExtractor"},
    )
]
