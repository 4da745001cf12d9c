"""Applied labels kept between runs: a page's segments, by what they are made from.

Applying a page's stand-off labels parses its HTML, resolves every region's XPath and
aligns the dataset's gold to the page text: ~20-40 ms a page, seconds for AEB's 181 and
WCXB's 413 labelled pages, paid again by every run and every report. The result is a
pure function of the annotation file's bytes, the page's bytes (its sha256, which the
annotation must match anyway), the gold article text and the harness code that applies
them, so it is memoised on a hash of exactly those, in ``labels.sqlite`` in the cache
folder. A damaged memo only costs time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import sqlite3
from pathlib import Path

from benchmark.corpus.model import Segment


@functools.cache
def harness_code() -> str:
    """sha256 of the harness's own modules (any change can change how labels apply)."""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def corpus_label_key(
    dataset: str,
    version: str,
    annotations: list[tuple[str, bytes]],
    pages: list[tuple[str, str, str]],
) -> str:
    """The key of a whole corpus's applied labels: the harness code, the dataset and
    annotation version, every annotation file (name and bytes) and every page (id,
    digest of its stored bytes, gold article text). Equal keys, equal labelled pages."""
    h = hashlib.sha256(f"corpus\0{harness_code()}\0{dataset}\0{version}".encode())
    for name, data in annotations:
        h.update(f"\0a\0{name}\0{hashlib.sha256(data).hexdigest()}".encode())
    for page, digest, gold in pages:
        h.update(f"\0p\0{page}\0{digest}\0".encode() + hashlib.sha256(gold.encode()).digest())
    return h.hexdigest()


def label_key(annotation_bytes: bytes, html_sha256: str, gold: str) -> str:
    h = hashlib.sha256(harness_code().encode())
    for part in (hashlib.sha256(annotation_bytes).hexdigest(), html_sha256, gold):
        h.update(b"\0" + part.encode())
    return h.hexdigest()


class LabelMemo:
    """key -> segments; ``LabelMemo(None)`` remembers nothing."""

    def __init__(self, folder: Path | None) -> None:
        self._db: sqlite3.Connection | None = None
        self._new: list[tuple[str, str]] = []
        if folder is None:
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(folder / "labels.sqlite", isolation_level=None)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS labels (key TEXT PRIMARY KEY, segments TEXT)"
            )
        except (OSError, sqlite3.DatabaseError):
            self._db = None

    def get(self, key: str) -> tuple[Segment, ...] | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT segments FROM labels WHERE key = ?", (key,)).fetchone()
            return None if row is None else tuple(Segment(k, t) for k, t in json.loads(row[0]))
        except (sqlite3.DatabaseError, ValueError, TypeError):
            return None

    def get_json(self, key: str) -> object | None:
        """A JSON value kept under ``key`` (a corpus's labels as a whole), or None."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT segments FROM labels WHERE key = ?", (key,)).fetchone()
            return None if row is None else json.loads(row[0])
        except (sqlite3.DatabaseError, ValueError):
            return None

    def put_json(self, key: str, value: object) -> None:
        if self._db is not None:
            self._new.append((key, json.dumps(value, ensure_ascii=False)))

    def put(self, key: str, segments: tuple[Segment, ...]) -> None:
        if self._db is not None:
            text = json.dumps([[s.kind, s.text] for s in segments], ensure_ascii=False)
            self._new.append((key, text))

    def close(self) -> None:
        if self._db is None:
            return
        if self._new:
            with contextlib.suppress(sqlite3.DatabaseError):
                self._db.execute("BEGIN")  # one transaction, not one fsync per page
                self._db.executemany("INSERT OR REPLACE INTO labels VALUES (?, ?)", self._new)
                self._db.execute("COMMIT")
        self._db.close()
        self._db = None
