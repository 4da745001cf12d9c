"""Finished (engine, page) outputs, kept in SQLite so re-runs and interrupted runs resume.

Keys are computed by the plan (``benchmark.plan.cell_key``): a hash of everything that
determines an output. Each result is committed as it arrives, so a killed run
loses at most the cells that were still running. Timeouts and crashes are not kept:
they may depend on the machine's load, so the next run tries them again.
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

from benchmark.errors import UserError
from benchmark.runner.worker import CRASH, TIMEOUT, Extraction

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outputs (
    key TEXT PRIMARY KEY,
    engine TEXT NOT NULL,
    page TEXT NOT NULL,
    status TEXT NOT NULL,
    text TEXT,
    error TEXT,
    wall_ms REAL NOT NULL,
    cpu_ms REAL NOT NULL,
    created REAL NOT NULL
)
"""


#: how long to wait for another process's lock on the cache
BUSY_TIMEOUT_S = 60.0


def _damaged(exc: sqlite3.DatabaseError) -> bool:
    """Whether the error says the file is damaged ("file is not a database", "database
    disk image is malformed"). An OperationalError (locked, busy, disk I/O, read-only)
    says nothing about the file: a busy cache must never be set aside as damaged."""
    return not isinstance(exc, sqlite3.OperationalError)


def _unusable(exc: sqlite3.OperationalError, path: Path) -> UserError:
    return UserError(f"the cell cache cannot be used now ({exc}): try again, or --cache DIR", path)


def _open(path: Path) -> sqlite3.Connection:
    # another run may be writing to the same cache: wait for its lock (up to a minute)
    db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(_SCHEMA)
        db.execute("CREATE TABLE IF NOT EXISTS runs (digest TEXT PRIMARY KEY, created REAL)")
        # (no PRAGMA quick_check: it reads the whole file, 1.4 s on a 2 GB cache; damage
        # deeper in the file surfaces as a DatabaseError on use and is handled there)
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


class OutputCache:
    """A tiny key -> Extraction store; ``OutputCache(None)`` keeps nothing."""

    def __init__(self, folder: Path | None) -> None:
        self._db: sqlite3.Connection | None = None
        if folder is None:
            return
        folder.mkdir(parents=True, exist_ok=True)
        self._path = folder / "outputs.sqlite"
        try:
            self._db = _open(self._path)
        except sqlite3.DatabaseError as exc:  # a damaged cache costs time, never the run
            self._set_aside(exc)

    def _set_aside(self, exc: sqlite3.DatabaseError) -> None:
        """Move a damaged cache file out of the way and start an empty one (any other
        database error is raised as a one-line error: the file is left alone)."""
        if not _damaged(exc):
            raise _unusable(exc, self._path) from None  # type: ignore[arg-type]
        if self._db is not None:
            self._db.close()
        path = self._path
        aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        for suffix in ("", "-wal", "-shm"):
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                companion.rename(aside.with_name(aside.name + suffix))
        print(
            f"boilerbench: warning: {path}: unreadable cache ({exc}); set aside as"
            f" {aside.name}, starting a new one",
            file=sys.stderr,
        )
        self._db = _open(path)

    @property
    def path(self) -> Path | None:
        """The SQLite file, when there is one (``benchmark.runner.texts`` reads it)."""
        return self._path if self._db is not None else None

    def get_many(self, keys: list[str], texts: bool = True) -> dict[str, Extraction]:
        """The cached cells among ``keys`` (none, after setting a damaged file aside);
        ``texts=False``: status and timings only (the texts stay in the file)."""
        try:
            return self._get_many(keys, texts)
        except sqlite3.DatabaseError as exc:
            self._set_aside(exc)
            return {}

    def _get_many(self, keys: list[str], texts: bool = True) -> dict[str, Extraction]:
        if self._db is None or not keys:
            return {}
        found: dict[str, Extraction] = {}
        column = "text" if texts else "NULL"
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, status, {column}, error, wall_ms, cpu_ms FROM outputs"
                f" WHERE key IN ({marks})",
                chunk,
            )
            for key, status, text, error, wall_ms, cpu_ms in rows:
                found[key] = Extraction(status, text, error, wall_ms, cpu_ms)
        return found

    def put(self, key: str, engine: str, page: str, result: Extraction) -> None:
        try:
            self._put(key, engine, page, result)
        except sqlite3.DatabaseError as exc:
            self._set_aside(exc)
            self._put(key, engine, page, result)

    def _put(self, key: str, engine: str, page: str, result: Extraction) -> None:
        if self._db is None or result.status in (TIMEOUT, CRASH):
            return
        self._db.execute(
            "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                engine,
                page,
                result.status,
                result.text,
                result.error,
                result.wall_ms,
                result.cpu_ms,
                time.time(),
            ),
        )

    def record_run(self, digest: str) -> None:
        """Remember that results with this run digest were written from this cache."""
        if self._db is None:
            return
        try:
            self._db.execute("INSERT OR REPLACE INTO runs VALUES (?, ?)", (digest, time.time()))
        except sqlite3.DatabaseError as exc:
            self._set_aside(exc)

    def has_run(self, digest: str) -> bool:
        if self._db is None:
            return False
        try:
            row = self._db.execute("SELECT 1 FROM runs WHERE digest = ?", (digest,)).fetchone()
        except sqlite3.DatabaseError as exc:
            self._set_aside(exc)
            return False
        return row is not None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> OutputCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
