"""HTML (and trafilatura's XML) to the element tree, with lxml.

Block elements end the text gathered so far; what that text becomes depends on the
innermost typed container (``benchmark.structure.tree``): ``h1``–``h6`` headings,
``pre`` code blocks, ``td``/``th`` table cells (nested tables are tables of their own),
``li``/``dt``/``dd`` list items, ``blockquote`` quotes; any other block (``p``, ``div``,
``section``, ``figcaption``, ...) a paragraph. ``br`` is a space inside a block.
Invisible elements (``script``, ``style``, ``template``, ``head``, ...) are skipped.

Trafilatura's XML is read by mapping its tags to HTML first: ``head rend="hN"`` → hN,
``list``/``item`` → ul/li, ``table``/``row``/``cell`` → table/tr/td, a block-level
``code`` → pre, ``quote`` → blockquote, ``lb`` → br.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import lxml.etree
import lxml.html

from benchmark.structure.tree import (
    CODE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    Builder,
    Document,
)

_SKIP = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "math"}
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_ITEMS = frozenset({"li", "dt", "dd"})
_CELLS = frozenset({"td", "th"})
_TABLE_INNER = frozenset({"thead", "tbody", "tfoot", "colgroup", "caption"})
_BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "main", "aside", "header", "footer", "nav",
        "figure", "figcaption", "address", "ul", "ol", "dl", "menu", "hr", "form",
        "fieldset", "details", "summary", "center", "body", "html", "doc", "caption",
        "tr", "thead", "tbody", "tfoot", "picture", "video", "audio", "iframe", "output",
    }
)  # fmt: skip
_XML_TAGS = {"list": "ul", "item": "li", "row": "tr", "cell": "td", "quote": "blockquote"}


class _Walker:
    def __init__(self) -> None:
        self.out = Builder()
        self.buffer: list[str] = []
        self.containers: list[str] = []  # li / blockquote, innermost last

    def flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer.clear()
        if not text.strip():
            return
        kind = PARAGRAPH
        if self.containers:
            kind = LIST_ITEM if self.containers[-1] == "li" else QUOTE
        self.out.block(kind, text)

    def inline_text(self, element: Any) -> str:
        """All text below ``element`` (``br`` as a space), skipping invisible parts."""
        parts: list[str] = []
        for node in _iter_text(element):
            parts.append(node)
        return "".join(parts)

    def walk(self, element: Any) -> None:
        tag = _tag(element)
        if tag in _SKIP:
            return
        if tag in _HEADINGS:
            self.flush()
            self.out.block(HEADING, self.inline_text(element), _HEADINGS[tag])
            return
        if tag == "pre":
            self.flush()
            self.out.block(CODE, "".join(element.itertext()))
            return
        if tag == "table":
            self.flush()
            self.out.start_table()
            self.table(element)
            self.out.end_table()
            return
        if tag == "br":
            self.buffer.append(" ")
        elif tag in _ITEMS or tag == "blockquote":
            self.flush()
            self.containers.append("li" if tag in _ITEMS else "blockquote")
        elif tag in _BLOCKS:
            self.flush()
        if element.text and tag != "br":
            self.buffer.append(element.text)
        for child in element:
            self.walk(child)
            if child.tail:
                self.buffer.append(child.tail)
        if tag in _ITEMS or tag == "blockquote":
            self.flush()
            self.containers.pop()
        elif tag in _BLOCKS:
            self.flush()

    def table(self, table: Any) -> None:
        for child in table:
            tag = _tag(child)
            if tag in _TABLE_INNER:
                self.table(child)
            elif tag == "tr":
                self.out.start_row()
                for cell in child:
                    if _tag(cell) in _CELLS:
                        self.cell(cell)
            elif tag in _CELLS:  # a cell outside any row
                self.cell(child)

    def cell(self, cell: Any) -> None:
        nested = [t for t in cell.iter("table") if t is not cell]
        if not nested:
            self.out.cell(self.inline_text(cell))
            return
        # the cell's own text stops where a nested table starts; that table is its own
        text = []
        for node in _iter_text(cell, stop=frozenset({"table"})):
            text.append(node)
        self.out.cell("".join(text))
        outer = self.containers
        self.containers = []
        for table in nested:
            if not any(a in nested for a in table.iterancestors("table")):
                self.out.start_table()
                self.table(table)
                self.out.end_table()
        self.containers = outer


def _tag(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _iter_text(element: Any, stop: frozenset[str] = frozenset()) -> Iterator[str]:
    if element.text:
        yield element.text
    for child in element:
        tag = _tag(child)
        if tag == "br":
            yield " "
        elif tag and tag not in _SKIP and tag not in stop:
            yield from _iter_text(child, stop)
        if child.tail:
            yield child.tail


def _from_root(root: Any) -> Document:
    walker = _Walker()
    walker.walk(root)
    walker.flush()
    return walker.out.document()


def parse_html(html: str | None) -> Document:
    """An HTML document or fragment as elements (an unparsable one as no element)."""
    if not html or not html.strip():
        return Document()
    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return Document()
    return _from_root(root)


def parse_xml(xml: str | None) -> Document:
    """Trafilatura's XML output (``<doc><main>...``) as elements; comments excluded."""
    if not xml or not xml.strip():
        return Document()
    parser = lxml.etree.XMLParser(recover=True, huge_tree=False, resolve_entities=False)
    try:
        root = lxml.etree.fromstring(xml.encode("utf-8"), parser)
    except lxml.etree.XMLSyntaxError:
        return Document()
    if root is None:
        return Document()
    for element in list(root.iter()):
        tag = _tag(element)
        if tag == "comments" and element.getparent() is not None:
            element.getparent().remove(element)
        elif tag == "head":
            rend = str(element.get("rend") or "h2").lower()
            element.tag = rend if rend in _HEADINGS else "h2"
        elif tag == "code":
            parent = element.getparent()
            block = parent is None or _tag(parent) in {"main", "doc", "item", "quote", "cell"}
            element.tag = "pre" if block else "span"
        elif tag == "lb":
            element.tag = "br"
        elif tag in ("hi", "ref", "del"):
            element.tag = "span"
        elif tag in _XML_TAGS:
            element.tag = _XML_TAGS[tag]
    return _from_root(root)
