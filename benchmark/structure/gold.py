"""Hand-written structure gold of a bundled case (``structure:`` in ``gold.yaml``).

The article's elements in reading order, one one-key mapping each::

    structure:
      - p: The council approved the budget at 2 a.m. on Tuesday.
      - h2: What changes
      - li: Road repairs start in June
      - li: Two schools open in September
      - table:
          - [Item, Cost]
          - [Roads, "12"]
      - code: |
          pip install tidequeue
      - quote: We did what we promised.

Keys: ``p`` (paragraph), ``h1``–``h6`` (heading and level), ``li`` (list item; a
definition list's terms and definitions too), ``code`` (a code block), ``quote`` (a
paragraph of a block quote), ``table`` (a list of rows, each a list of cell texts;
``""`` for an empty cell). ``boilerbench validate`` checks every element's text against
the article's gold segments, in order, and that the elements cover the article.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmark.errors import UserError
from benchmark.structure.tree import CODE, HEADING, LIST_ITEM, PARAGRAPH, QUOTE, Builder, Document

KEYS = {"p": PARAGRAPH, "li": LIST_ITEM, "code": CODE, "quote": QUOTE}
KEYS |= {f"h{n}": HEADING for n in range(1, 7)}


def parse_structure(raw: Any, where: Path) -> Document:
    """The ``structure:`` list as a ``Document``; errors name the element."""
    if not isinstance(raw, list) or not raw:
        raise UserError("'structure' must be a non-empty list of {type: text} items", where)
    out = Builder()
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or len(item) != 1:
            raise UserError(f"structure element {number} must be one 'type: text' pair", where)
        ((key, value),) = item.items()
        if key == "table":
            rows = value if isinstance(value, list) else None
            if not rows or not all(isinstance(r, list) and r for r in rows):
                raise UserError(f"structure element {number}: a table is a list of rows", where)
            out.start_table()
            for row in rows:
                out.start_row()
                for cell in row:
                    if not isinstance(cell, str | int | float):
                        raise UserError(f"structure element {number}: a cell is text", where)
                    out.cell(str(cell))
            out.end_table()
            continue
        if key not in KEYS:
            allowed = ", ".join([*KEYS, "table"])
            raise UserError(
                f"structure element {number} has unknown type {key!r} (allowed: {allowed})", where
            )
        if not isinstance(value, str | int | float) or not str(value).strip():
            raise UserError(f"structure element {number} ({key}) has no text", where)
        out.block(KEYS[key], str(value), int(key[1]) if KEYS[key] == HEADING else 0)
    return out.document()
