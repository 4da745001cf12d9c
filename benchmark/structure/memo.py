"""Structure gold parsed from Markdown, kept between runs.

WCXB ships its structure gold as Markdown: parsing one page's with markdown-it takes
~7 ms, ~10 s of CPU for the dev split's 1,497 pages, paid again by every run (the
scoring processes parse each page they score). A tree is a pure function of the
Markdown, the harness code that walks markdown-it's tokens and markdown-it-py's version,
so it is kept under a hash of exactly those, as JSON, in ``trees.sqlite`` in the cache
folder; reading one back costs a twentieth of parsing it. Two scoring processes may
write at once (SQLite's write-ahead log; each waits for the other). A damaged, locked or
missing memo only costs time: the tree is parsed, the figures are the same.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from pathlib import Path

import orjson

from benchmark.corpus.model import Gold
from benchmark.structure.tree import Document, Element

FILE = "trees.sqlite"


def _encode(tree: Document) -> bytes:
    elements = [[e.type, e.text, e.level, e.table, e.row, e.column] for e in tree.elements]
    return orjson.dumps({"e": elements, "t": tree.tables, "s": tree.structured})


def _decode(data: bytes) -> Document:
    value = orjson.loads(data)
    elements = tuple(Element(*e) for e in value["e"])
    tables = tuple(tuple(tuple(row) for row in table) for table in value["t"])
    return Document(elements, tables, bool(value["s"]))


class TreeMemo:
    """A gold's structure tree, read from ``folder``'s memo when it was parsed before;
    ``TreeMemo(None)`` parses every time. ``close`` writes what was parsed."""

    def __init__(self, folder: Path | None) -> None:
        self._folder = folder
        self._db: sqlite3.Connection | None = None
        self._prefix: bytes | None = None
        self._new: list[tuple[str, bytes]] = []

    def _open(self) -> sqlite3.Connection | None:
        if self._prefix is None:
            import markdown_it

            from benchmark.annotations.memo import harness_code

            self._prefix = f"tree\0{harness_code()}\0{markdown_it.__version__}\0".encode()
            if self._folder is not None:
                db: sqlite3.Connection | None = None
                try:
                    self._folder.mkdir(parents=True, exist_ok=True)
                    db = sqlite3.connect(self._folder / FILE, timeout=30, isolation_level=None)
                    db.execute("PRAGMA journal_mode=WAL")
                    db.execute("CREATE TABLE IF NOT EXISTS trees (key TEXT PRIMARY KEY, tree BLOB)")
                    self._db = db
                except (OSError, sqlite3.DatabaseError):
                    if db is not None:  # (a damaged file: nothing kept, parsed every time)
                        db.close()
        return self._db

    def tree(self, gold: Gold) -> Document | None:
        """``gold.structure_tree()``, from the memo when it holds it."""
        markdown = gold.structure_markdown
        if gold.structure is not None or not markdown:
            return gold.structure_tree()
        db = self._open()
        if db is None:
            return gold.structure_tree()
        assert self._prefix is not None
        key = hashlib.sha256(self._prefix + markdown.encode("utf-8", "surrogatepass")).hexdigest()
        with contextlib.suppress(
            sqlite3.DatabaseError, orjson.JSONDecodeError, TypeError, KeyError
        ):
            row = db.execute("SELECT tree FROM trees WHERE key = ?", (key,)).fetchone()
            if row is not None:
                return _decode(row[0])
        tree = gold.structure_tree()
        if tree is not None:
            self._new.append((key, _encode(tree)))
        return tree

    def close(self) -> None:
        """Write the trees parsed since the last ``close`` (one transaction)."""
        if self._db is None:
            return
        if self._new:
            with contextlib.suppress(sqlite3.DatabaseError):
                self._db.execute("BEGIN IMMEDIATE")
                self._db.executemany("INSERT OR IGNORE INTO trees VALUES (?, ?)", self._new)
                self._db.execute("COMMIT")
        self._new = []
        self._db.close()
        self._db = None
        self._prefix = None
