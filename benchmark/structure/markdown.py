"""Markdown to the element tree, with markdown-it-py (CommonMark plus GFM tables).

The token stream is walked with the typing rule of ``benchmark.structure.tree``:
headings (ATX and setext) keep their level, fenced and indented code blocks are code,
GFM table cells are cells, paragraphs take the type of their innermost container (list
item or block quote). Inline markup is dropped to its text (links to their text,
images to nothing, inline code to its content). Raw HTML blocks are parsed as HTML
(``benchmark.structure.html``), so a ``<table>`` inside Markdown is a table.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from markdown_it import MarkdownIt

from benchmark.structure.html import parse_html
from benchmark.structure.tree import (
    CODE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    Builder,
    Document,
    Element,
)


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def _inline(token: Any) -> str:
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def parse_markdown(text: str | None) -> Document:
    if not text or not text.strip():
        return Document()
    out = Builder()
    containers: list[str] = []
    heading = 0
    in_cell = False
    for token in _parser().parse(text):
        kind = token.type
        if kind == "heading_open":
            heading = int(token.tag[1:])
        elif kind == "heading_close":
            heading = 0
        elif kind in ("list_item_open", "blockquote_open"):
            containers.append(kind)
        elif kind in ("list_item_close", "blockquote_close"):
            if containers:
                containers.pop()
        elif kind == "table_open":
            out.start_table()
        elif kind == "table_close":
            out.end_table()
        elif kind == "tr_open":
            out.start_row()
        elif kind in ("th_open", "td_open"):
            in_cell = True
        elif kind in ("th_close", "td_close"):
            in_cell = False
        elif kind == "inline":
            text_ = _inline(token)
            if in_cell:
                out.cell(text_)
            elif heading:
                out.block(HEADING, text_, heading)
            elif containers:
                out.block(LIST_ITEM if containers[-1] == "list_item_open" else QUOTE, text_)
            else:
                out.block(PARAGRAPH, text_)
        elif kind in ("fence", "code_block"):
            out.block(CODE, token.content)
        elif kind == "html_block":
            _splice(out, parse_html(token.content))
    return out.document()


def _splice(out: Builder, inner: Document) -> None:
    """Add an HTML block's elements, its tables renumbered after those already seen."""
    offset = len(out.tables)
    out.tables.extend([list(r) for r in t] for t in inner.tables)
    for e in inner.elements:
        if e.table >= 0:
            e = Element(e.type, e.text, e.level, e.table + offset, e.row, e.column)
        out.elements.append(e)
