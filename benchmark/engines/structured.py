"""Structured-output rows: the same engines asked for Markdown, XML or HTML instead of
text, so that headings, lists, tables, code and quotes can be scored
(``benchmark.structure``).

Each is a row of its own (``<engine>.<format>``): its cells are cached and isolated
like any other, and its timings never mix with the plain-text row's. They are not in
``--engines all`` (the plain-text rows); ``--engines structured`` runs them, and
``--engines all,structured`` both. The plain-text adapters are untouched: every
function here calls the engine itself and returns its output unconverted; the scorer
parses it according to ``Engine.output``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

from benchmark.engines import readability_js
from benchmark.engines._base import Engine
from benchmark.engines.protocol import ServerCommand


def trafilatura_structured(html: str, url: str, *, fmt: str) -> str:
    import trafilatura

    out = trafilatura.extract(
        html, url=url or None, include_comments=False, include_tables=True, output_format=fmt
    )
    return out or ""


def readability_html(html: str, url: str) -> str:
    from readability import Document

    return str(Document(html, url=url or None).summary(html_partial=True))


@dataclass(frozen=True)
class HtmlReply:
    """A protocol engine's reply as HTML, untouched (picklable: it carries the command)."""

    command: ServerCommand

    def __call__(self, html: str, url: str) -> str:
        reply = self.command.server().request(html, url)
        return str(reply.get("html") or reply.get("text") or "")


_READABILITY_JS = readability_js.ENGINES[0]
assert isinstance(_READABILITY_JS.extract, ServerCommand)


def html_text_html(html: str, url: str) -> str:
    """Baseline: the whole page as html-text cleans it (scripts, styles, forms
    dropped), every element kept: structure with no boilerplate removal."""
    import html_text
    import lxml.html

    tree = html_text.cleaner.clean_html(html_text.parse_html(html))
    return str(lxml.html.tostring(tree, encoding="unicode"))


def _trafilatura(fmt: str, output: str) -> Engine:
    return Engine(
        name=f"trafilatura.{output}",
        distribution="trafilatura",
        module="trafilatura",
        extract=partial(trafilatura_structured, fmt=fmt),
        description=f"trafilatura.extract(output_format={fmt!r}), default settings",
        options={"include_comments": False, "output_format": fmt},
        output=output,
    )


ENGINES = [
    _trafilatura("markdown", "markdown"),
    _trafilatura("xml", "xml"),
    Engine(
        name="readability.html",
        distribution="readability-lxml",
        module="readability",
        extract=readability_html,
        description="readability-lxml Document.summary() HTML",
        output="html",
    ),
    replace(
        _READABILITY_JS,
        name="readability-js.html",
        extract=HtmlReply(_READABILITY_JS.extract),
        description="Mozilla Readability.js article HTML (Node.js + jsdom)",
        output="html",
    ),
    Engine(
        name="html-text.html",
        distribution="html-text",
        module="html_text",
        extract=html_text_html,
        description="baseline: the whole cleaned page as HTML (html-text's cleaner)",
        output="html",
    ),
]
