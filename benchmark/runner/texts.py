"""Where a run's output texts wait between extraction and the result files.

A run over real pages holds tens of thousands of outputs (WCXB dev: 1,497 pages x 23
rows, ~1.4 GB when they were all kept in memory). Every finished cell is already in
the cell cache (SQLite), so the run keeps only each cell's status and timings and reads
texts back when it needs them: a page's outputs to score the page, an engine's outputs
to write ``outputs/<engine>.json``. Memory then stays flat as pages are added.
Texts the cache does not hold (stored outputs given with ``--stored``, runs with
``--no-cache``, time-outs and crashes, which are never cached) are kept in memory.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

#: (row name, page id)
CellId = tuple[str, str]
#: texts read from the cache per query (SQLite's default limit of bound variables is
#: 32,766; far fewer keeps each read small)
_CHUNK = 500


class CellTexts:
    """Output texts by cell: read from the cache file (``keys``: cell -> cache key) or
    kept here (``held``). Each process opens its own read connection, so forked scoring
    processes read in parallel."""

    def __init__(
        self,
        store: Path | None = None,
        keys: Mapping[CellId, str] | None = None,
        held: Mapping[CellId, str | None] | None = None,
    ) -> None:
        self.store = store
        self.keys: dict[CellId, str] = dict(keys or {})
        self.held: dict[CellId, str | None] = dict(held or {})
        self._db: sqlite3.Connection | None = None
        self._pid = 0

    def __contains__(self, cell: object) -> bool:
        return cell in self.held or cell in self.keys

    def _connection(self) -> sqlite3.Connection:
        import os

        if self._db is None or self._pid != os.getpid():  # (a forked child: its own)
            assert self.store is not None
            self._db = sqlite3.connect(self.store, timeout=60.0)  # (reads only)
            self._pid = os.getpid()
        return self._db

    def close(self) -> None:
        """Close this process's read connection (the next read opens another): an open
        connection would keep the cache's write-ahead log from being folded in."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def fetch(self, cells: Iterable[CellId]) -> dict[CellId, str | None]:
        """The texts of ``cells`` (None for a cell without text)."""
        found: dict[CellId, str | None] = {}
        wanted: dict[str, CellId] = {}
        for cell in cells:
            if cell in self.held:
                found[cell] = self.held[cell]
            elif cell in self.keys:
                wanted[self.keys[cell]] = cell
        keys = list(wanted)  # (read from a copy: found keys leave ``wanted``)
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self._connection().execute(
                f"SELECT key, text FROM outputs WHERE key IN ({marks})", chunk
            )
            for key, text in rows:
                found[wanted.pop(key)] = text
        if wanted:  # (the cache was replaced or pruned while the run was going on)
            from benchmark.errors import UserError

            raise UserError(
                f"the cell cache no longer holds {len(wanted)} output(s) of this run (was it"
                " set aside or cleared meanwhile?): run again",
                self.store,
            )
        return found

    def stream(self, engine: str, pages: Sequence[str]) -> Iterator[tuple[str, str | None]]:
        """``(page, text)`` of one row in ``pages`` order, read a chunk at a time."""
        for start in range(0, len(pages), _CHUNK):
            chunk = [(engine, p) for p in pages[start : start + _CHUNK] if (engine, p) in self]
            texts = self.fetch(chunk)
            for cell in chunk:
                yield cell[1], texts.get(cell)


class OutputTexts(Mapping[str, Mapping[str, str | None]]):
    """``result.outputs`` of a run that kept its texts in the cache: row name -> page id
    -> text, each row read on first use (and then kept); ``stream`` writes a row out
    without keeping it."""

    def __init__(self, texts: CellTexts, names: Sequence[str], pages: Sequence[str]) -> None:
        self._texts = texts
        self._names = [n for n in names if any((n, p) in texts for p in pages)]
        self._pages = list(pages)
        self._loaded: dict[str, dict[str, str | None]] = {}

    def __getitem__(self, name: str) -> Mapping[str, str | None]:
        if name not in self._names:
            raise KeyError(name)
        if name not in self._loaded:
            self._loaded[name] = dict(self.stream(name))
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def close(self) -> None:
        self._texts.close()

    def stream(self, name: str) -> Iterator[tuple[str, str | None]]:
        if name in self._loaded:
            yield from self._loaded[name].items()
        else:
            yield from self._texts.stream(name, self._pages)
