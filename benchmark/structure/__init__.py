"""Structure: the element tree (``tree``), its parsers (``markdown``, ``html``) and the
output formats engines declare.

``parse_output(text, fmt)`` turns one engine output into a ``Document``: ``text``
(plain-text engines: blank-line blocks as paragraphs only), ``markdown``, ``html`` or
``xml`` (trafilatura's XML).
"""

from __future__ import annotations

from benchmark.structure.tree import ELEMENT_TYPES, Document, Element, from_text

TEXT, MARKDOWN, HTML, XML = "text", "markdown", "html", "xml"
#: Output formats an engine row may declare (``Engine.output``).
FORMATS: tuple[str, ...] = (TEXT, MARKDOWN, HTML, XML)

__all__ = ["ELEMENT_TYPES", "FORMATS", "Document", "Element", "parse_output"]


def parse_output(text: str | None, fmt: str = TEXT) -> Document:
    """One output as elements, read as its format says."""
    if fmt == MARKDOWN:
        from benchmark.structure.markdown import parse_markdown

        return parse_markdown(text)
    if fmt == HTML:
        from benchmark.structure.html import parse_html

        return parse_html(text)
    if fmt == XML:
        from benchmark.structure.html import parse_xml

        return parse_xml(text)
    if fmt != TEXT:
        raise ValueError(f"unknown output format {fmt!r} (one of {', '.join(FORMATS)})")
    return from_text(text)
