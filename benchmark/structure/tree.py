"""The one element tree every output and every structure gold is normalised to.

A ``Document`` is the sequence of a text's block elements in reading order, each of one
type: ``heading`` (with its level, 1–6), ``paragraph``, ``list_item``, ``table_cell``
(with its table, row and column), ``code`` (a code block, not inline code) and
``quote`` (a paragraph inside a block quote). Tables are also kept whole
(``Document.tables``: rows of cell texts, empty cells included) for the table-structure
metric.

Typing rule, the same for every parser: the innermost typed container wins. A
paragraph inside a list item is a ``list_item``, inside a block quote a ``quote``; a
code block, a heading or a table inside a list or a quote keeps its own type; a nested
list's items are list items of their own (the parent item's text stops where the
nested list starts).

Texts are whitespace-collapsed (code keeps its lines: trailing spaces and blank lines
dropped, indentation kept). Elements with no text are dropped, except empty table cells
inside ``tables``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

HEADING, PARAGRAPH, LIST_ITEM, TABLE_CELL, CODE, QUOTE = (
    "heading",
    "paragraph",
    "list_item",
    "table_cell",
    "code",
    "quote",
)
#: Element types, in the order every table lists them.
ELEMENT_TYPES: tuple[str, ...] = (HEADING, PARAGRAPH, LIST_ITEM, TABLE_CELL, CODE, QUOTE)

#: rows of cell texts (empty cells kept: they are part of a table's shape)
Table = tuple[tuple[str, ...], ...]


def squash(text: str) -> str:
    """Whitespace collapsed to single spaces, ends stripped. ``str.split`` splits where
    ``re``'s ``\\s`` matches (the same code points, checked over all of Unicode), at a
    third of the cost of ``re.sub``."""
    return " ".join(text.split())


def code_text(text: str) -> str:
    """A code block's text: lines kept, trailing spaces and blank lines dropped."""
    lines = (line.rstrip() for line in text.replace("\r\n", "\n").split("\n"))
    return "\n".join(line for line in lines if line.strip())


@dataclass(frozen=True, slots=True)
class Element:
    """One block. ``level``: a heading's level (0 for other types); ``table``, ``row``,
    ``column``: a table cell's position (0-based; -1 for other types)."""

    type: str
    text: str
    level: int = 0
    table: int = -1
    row: int = -1
    column: int = -1

    @property
    def key(self) -> tuple[str, int]:
        """What must agree for two elements to match: type and heading level."""
        return (self.type, self.level)


@dataclass(frozen=True)
class Document:
    """A text's elements in reading order. ``structured`` is False for plain text,
    whose blocks can only be paragraphs (scored so, and reported as such)."""

    elements: tuple[Element, ...] = ()
    tables: tuple[Table, ...] = ()
    structured: bool = True

    def of_type(self, type_: str) -> list[Element]:
        return [e for e in self.elements if e.type == type_]

    def code(self) -> str:
        """Every code block's text, in order, one after the other."""
        return "\n".join(e.text for e in self.elements if e.type == CODE)

    def text(self) -> str:
        """The plain text: one block per element, a table row's cells on one line."""
        blocks: list[str] = []
        row: tuple[int, int] | None = None
        for e in self.elements:
            if e.type == TABLE_CELL and row == (e.table, e.row):
                blocks[-1] += " " + e.text
                continue
            row = (e.table, e.row) if e.type == TABLE_CELL else None
            blocks.append(e.text)
        return "\n\n".join(blocks)

    def counts(self) -> dict[str, int]:
        return {t: sum(1 for e in self.elements if e.type == t) for t in ELEMENT_TYPES}


@dataclass
class Builder:
    """Collects elements and tables in order (used by every parser)."""

    elements: list[Element] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)
    _open: list[int] = field(default_factory=list)  # indexes of the tables being filled

    def block(self, type_: str, text: str, level: int = 0) -> None:
        text = code_text(text) if type_ == CODE else squash(text)
        if text:
            self.elements.append(Element(type_, text, level if type_ == HEADING else 0))

    def start_table(self) -> None:
        self._open.append(len(self.tables))
        self.tables.append([])

    def end_table(self) -> None:
        if self._open:
            self._open.pop()

    def start_row(self) -> None:
        if not self._open:
            self.start_table()
        self.tables[self._open[-1]].append([])

    def cell(self, text: str) -> None:
        if not self._open:
            self.start_table()
        table = self.tables[self._open[-1]]
        if not table:
            table.append([])
        text = squash(text)
        index = self._open[-1]
        table[-1].append(text)
        if text:
            row, column = len(table) - 1, len(table[-1]) - 1
            self.elements.append(Element(TABLE_CELL, text, 0, index, row, column))

    def document(self, structured: bool = True) -> Document:
        tables = tuple(tuple(tuple(r) for r in t if r) for t in self.tables)
        return Document(tuple(self.elements), tables, structured)


_BLANK_LINE = re.compile(r"\n\s*\n")


#: Blocks longer than this are not kept by ``_kept_paragraph`` (the cache stays small).
_KEPT_BLOCK_CHARS = 2_000


def _paragraph(block: str) -> Element | None:
    text = squash(block)
    return Element(PARAGRAPH, text) if text else None


_kept_paragraph = functools.lru_cache(maxsize=1 << 12)(_paragraph)


def _block_element(block: str) -> Element | None:
    """A plain-text block's element; short blocks are kept (a page's rows repeat most of
    their blocks, and elements are immutable), so the cache holds at most ~4,096 blocks
    of at most 2,000 characters, whatever the outputs."""
    return _kept_paragraph(block) if len(block) <= _KEPT_BLOCK_CHARS else _paragraph(block)


def from_text(text: str | None) -> Document:
    """Plain text: every block (lines up to a blank line) is a paragraph."""
    blocks = map(_block_element, _BLANK_LINE.split(text or ""))
    return Document(tuple(e for e in blocks if e is not None), (), structured=False)
