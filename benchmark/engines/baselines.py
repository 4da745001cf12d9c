"""Keep-everything baselines: all visible text, no boilerplate removal at all.

They anchor every table: an engine scoring near these removes little.
"""

from __future__ import annotations

from benchmark.engines._base import Engine
from benchmark.engines._text import as_paragraphs


def html_text_all(html: str, url: str) -> str:
    import html_text

    return as_paragraphs(html_text.extract_text(html, guess_layout=True))


def inscriptis_all(html: str, url: str) -> str:
    import inscriptis

    return as_paragraphs(inscriptis.get_text(html))


ENGINES = [
    Engine(
        name="html-text",
        distribution="html-text",
        module="html_text",
        extract=html_text_all,
        description="baseline: all visible text (html-text)",
        options={"guess_layout": True},
    ),
    Engine(
        name="inscriptis",
        distribution="inscriptis",
        module="inscriptis",
        extract=inscriptis_all,
        description="baseline: all visible text with layout (inscriptis)",
    ),
]
