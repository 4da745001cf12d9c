"""What produced an engine's output: a hash of the *contents* of its code.

A version number is not enough: a maintainer testing a patched trafilatura (same
version) must not get the old outputs back from the cache, and an edited stoplist,
lxml or htmldate changes output too. So an engine's code fingerprint hashes:

- for a package engine, every file its installed distribution lists (RECORD), and the
  files of its runtime requirements, transitively (markers evaluated, with the extras
  the adapter uses); for an editable install, its source tree instead;
- the engine's extra code paths (a Node engine's ``server.js`` and ``node_modules``);
- for an external command, the program file and every argument that is a file;
- the Python version (a new interpreter can change output).

Hashing ~100 MB of installed files takes a few tenths of a second, so file hashes are
memoised on (path, size, mtime_ns) in the cache folder: a cached re-run only stats
the files. Hashing the RECORD file alone would not do: it does not change when a file
is edited in place.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata as md
import json
import os
import platform
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

_SKIP_DIRS = {".git", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".venv"}


class FileHashes:
    """sha256 of files, memoised on (path, size, mtime_ns); ``FileHashes(None)`` keeps
    nothing between runs."""

    def __init__(self, folder: Path | None, one_run: bool = False) -> None:
        self._memo: dict[str, tuple[int, int, str]] = {}
        self._db: sqlite3.Connection | None = None
        self._dirty: list[tuple[str, int, int, str]] = []
        # ``one_run``: the object serves one run's fingerprints, during which installed
        # files are taken not to change; then what a distribution's files feed into a
        # fingerprint is computed once (engine rows share most of their closures: lxml,
        # trafilatura's five rows, ...), by its dist-info path, and so is each closure
        self.one_run = one_run
        self.distribution_bytes: dict[str, bytes] = {}
        self.closures: dict[tuple[str, tuple[str, ...]], list[tuple[bytes, md.Distribution]]] = {}
        # what the fingerprints read, for ``stamp``: file -> (size, mtime_ns), or
        # (-1, -1) for a file that was missing; folder -> mtime_ns (a file added or removed)
        self.files_seen: dict[str, tuple[int, int]] = {}
        self.folders_seen: dict[str, int] = {}
        if folder is None:
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(folder / "file-hashes.sqlite", isolation_level=None)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS files"
                " (path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, sha256 TEXT)"
            )
            self._db.execute("CREATE TABLE IF NOT EXISTS stamps (key TEXT PRIMARY KEY, doc TEXT)")
            for path, size, mtime, digest in self._db.execute("SELECT * FROM files"):
                self._memo[path] = (size, mtime, digest)
        except sqlite3.DatabaseError:
            self._db = None  # a damaged memo only costs time: hash everything again

    def of(self, path: Path) -> str:
        """The file's sha256, or a marker when it cannot be read (a missing file must
        change the fingerprint, not crash the run)."""
        key = str(path)
        try:
            stat = path.stat()
        except OSError:
            self.files_seen[key] = (-1, -1)
            return "missing"
        self.files_seen[key] = (stat.st_size, stat.st_mtime_ns)
        known = self._memo.get(key)
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return known[2]
        h = hashlib.sha256()
        try:
            with path.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    h.update(block)
        except OSError:
            return "unreadable"
        digest = h.hexdigest()
        self._memo[key] = (stat.st_size, stat.st_mtime_ns, digest)
        self._dirty.append((key, stat.st_size, stat.st_mtime_ns, digest))
        return digest

    def see_folder(self, folder: str) -> None:
        with contextlib.suppress(OSError):
            self.folders_seen[folder] = os.stat(folder).st_mtime_ns

    def stamped(self, key: str) -> object | None:
        """What ``stamp`` kept under ``key``, if no file or folder it read has changed
        since (a stat of each: milliseconds, where enumerating distributions and reading
        their metadata again takes about a second)."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT doc FROM stamps WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError:
            return None
        if row is None:
            return None
        doc = json.loads(row[0])
        for path, (size, mtime) in doc["files"].items():
            try:
                stat = os.stat(path)
            except OSError:
                if size != -1:
                    return None
                continue
            if stat.st_size != size or stat.st_mtime_ns != mtime:
                return None
        for folder, mtime in doc["folders"].items():
            try:
                if os.stat(folder).st_mtime_ns != mtime:
                    return None
            except OSError:
                return None
        value: object = doc["value"]
        return value

    def stamp(self, key: str, value: object) -> None:
        """Keep ``value`` with the state of every file and folder read since this
        object was made."""
        if self._db is None:
            return
        doc = {"files": self.files_seen, "folders": self.folders_seen, "value": value}
        with contextlib.suppress(sqlite3.DatabaseError):
            self._db.execute("INSERT OR REPLACE INTO stamps VALUES (?, ?)", (key, json.dumps(doc)))

    def save(self) -> None:
        if self._db is not None and self._dirty:
            with contextlib.suppress(sqlite3.DatabaseError):
                # one transaction: in autocommit mode every row would be its own
                # (one fsync per file: tens of seconds for a large closure on a slow disk)
                self._db.execute("BEGIN")
                self._db.executemany(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)", self._dirty
                )
                self._db.execute("COMMIT")
            self._dirty.clear()

    def close(self) -> None:
        self.save()
        if self._db is not None:
            self._db.close()
            self._db = None


def _normal(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def distribution_closure(name: str, extras: Iterable[str] = ()) -> list[md.Distribution]:
    """The installed distribution ``name`` and its runtime requirements, transitively
    (requirements whose environment marker holds for one of ``extras`` or none)."""
    # imported here: an engine served from a side environment imports this package
    # without its dependencies (benchmark.engines.serve)
    from packaging.requirements import InvalidRequirement, Requirement

    seen: dict[str, md.Distribution] = {}
    todo: list[tuple[str, tuple[str, ...]]] = [(name, tuple(extras))]
    while todo:
        current, wanted = todo.pop()
        key = _normal(current)
        if key in seen:
            continue
        try:
            dist = md.distribution(current)
        except md.PackageNotFoundError:
            continue
        seen[key] = dist
        for text in dist.requires or []:
            try:
                requirement = Requirement(text)
            except InvalidRequirement:
                continue
            marker = requirement.marker
            if marker is None or any(marker.evaluate({"extra": e}) for e in ("", *wanted)):
                todo.append((requirement.name, tuple(requirement.extras)))
    return [seen[k] for k in sorted(seen)]


def _editable_root(dist: md.Distribution) -> Path | None:
    """The source folder of an editable install (PEP 610 ``direct_url.json``)."""
    text = dist.read_text("direct_url.json")
    if not text:
        return None
    try:
        info = json.loads(text)
    except json.JSONDecodeError:
        return None
    if not (info.get("dir_info") or {}).get("editable"):
        return None
    url = urlparse(str(info.get("url", "")))
    return Path(unquote(url.path)) if url.scheme == "file" else None


def tree_files(root: Path, hashes: FileHashes | None = None) -> Iterator[Path]:
    """Every file under ``root`` (sorted; caches and VCS folders left out); the folders
    walked are noted in ``hashes`` (a file added changes its folder's mtime)."""
    for folder, dirs, files in os.walk(root):
        if hashes is not None:
            hashes.see_folder(folder)
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        for name in sorted(files):
            if not name.endswith((".pyc", ".pyo")):
                yield Path(folder) / name


def distribution_files(dist: md.Distribution, hashes: FileHashes | None = None) -> Iterator[Path]:
    editable = _editable_root(dist)
    if editable is not None:
        yield from tree_files(editable, hashes)
        return
    for file in sorted(dist.files or [], key=str):
        if _runs(str(file)):
            yield Path(str(file.locate()))


def _runs(record_path: str) -> bool:
    """Whether an installed file can change what the engine outputs. Left out: compiled
    caches; files installed outside site-packages (``../../../bin/...`` console scripts,
    whose first line names this environment's interpreter by absolute path); and
    RECORD, which lists those scripts' hashes. Both differ between two checkouts of the
    same environment, and the files that run are hashed themselves."""
    name = record_path.replace("\\", "/")
    return not (
        name.endswith((".pyc", ".pyo"))
        or "__pycache__" in name
        or name.startswith("../")
        or name.endswith(".dist-info/RECORD")
    )


def _named_files(path: Path, hashes: FileHashes | None = None) -> Iterator[tuple[str, Path]]:
    """A code path's files, each named relative to the path's own folder, so that the
    same code checked out in another place has the same fingerprint."""
    if not path.is_dir():
        yield path.name, path
        return
    root = str(path)
    for file in tree_files(path, hashes):  # (str slicing: Path.relative_to is slow)
        yield f"{path.name}/{str(file)[len(root) + 1 :].replace(os.sep, '/')}", file


def _distribution_bytes(hashes: FileHashes, dist: md.Distribution) -> bytes:
    """What the distribution's files add to a fingerprint (each file's name and hash),
    computed once per run however many engine rows share the distribution."""
    key = str(getattr(dist, "_path", "")) or f"{dist.metadata['Name']} {dist.version}"
    # (a dist-info folder's path names one installed distribution)
    found = hashes.distribution_bytes.get(key)
    if found is None:
        found = b"".join(
            f"{path.name}\0{hashes.of(path)}\0".encode()
            for path in distribution_files(dist, hashes)
        )
        if hashes.one_run:
            hashes.distribution_bytes[key] = found
    return found


def code_fingerprint(
    hashes: FileHashes,
    distribution: str | None = None,
    extras: Iterable[str] = (),
    paths: Iterable[Path] = (),
    command: str | None = None,
) -> str:
    """sha256 over the Python version, the distribution closure's files, the extra
    code paths (files or folders) and the command line (first 16 hex digits)."""
    h = hashlib.sha256(
        f"python {platform.python_implementation()} {platform.python_version()}\0".encode()
    )
    if distribution:
        key = (distribution, tuple(extras))
        closure = hashes.closures.get(key)
        if closure is None:  # metadata parsing is slow: once per run
            closure = [
                (f"dist {_normal(dist.metadata['Name'])} {dist.version}\0".encode(), dist)
                for dist in distribution_closure(distribution, extras)
            ]
            if hashes.one_run:
                hashes.closures[key] = closure
        for header, dist in closure:
            h.update(header)
            h.update(_distribution_bytes(hashes, dist))
    for path in paths:
        for name, file in _named_files(path, hashes):
            h.update(f"file {name}\0{hashes.of(file)}\0".encode())
    if command is not None:
        h.update(f"command {command}\0".encode())
    return h.hexdigest()[:16]
