"""Atomic files and result sets: a reader (or a killed run) never sees half a file, nor a
folder that mixes files of two runs.

A results folder is one unit: ``write_set`` first removes ``MANIFEST.json`` (the folder
is then visibly incomplete), writes every file atomically, then writes the manifest
with the sha256 and size of every file. ``verify_set`` checks a folder against it, so
a kill between two renames can never pass for complete results.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import math
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: What a complete results folder holds (besides outputs/ and the report). All but
#: ``VOLATILE_FILES`` are the same bytes when a run computes the same figures.
RESULT_FILES = (
    "summary.json",
    "summary.md",
    "summary.csv",
    "pages.csv",
    "kinds.csv",
    "figures.csv",
)
#: What varies from run to run (date, timings, cache hits): git-ignored.
VOLATILE_FILES = ("run.json", "timings.csv")


def json_safe(value: Any) -> Any:
    """NaN becomes None (JSON null), recursively through dicts and lists."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value


MANIFEST = "MANIFEST.json"
#: What varies from run to run (date, timings, cache hits): git-ignored, outside the
#: manifest, so an unchanged run rewrites no tracked byte.
VOLATILE_FILES = ("run.json", "timings.csv")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: str | bytes) -> bool:
    """Write to a temporary file beside ``path``, fsync, then rename over it. A file
    that already holds these very bytes is left alone (its time stamp too), so an
    unchanged run writes nothing. The file gets the usual permissions (0644 under
    umask 022), not mkstemp's 0600. Returns whether the file was written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode() if isinstance(data, str) else data
    try:
        if path.stat().st_size == len(raw) and path.read_bytes() == raw:
            return False
    except OSError:
        pass
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


#: content written piece by piece: called with ``write``, it calls ``write(chunk)``
#: until done (a large file never has to be in memory whole)
Producer = Callable[[Callable[[bytes], None]], None]


@dataclass(frozen=True)
class Staged:
    """A file's content written and fsynced to a temporary file beside ``path`` but not
    moved in yet: ``write_set`` moves it in with the rest of its set; ``discard`` drops
    it. Large files can so be written ahead, e.g. while the scores are still coming."""

    path: Path
    temporary: Path
    sha256: str
    size: int

    def discard(self) -> None:
        self.temporary.unlink(missing_ok=True)


def stage(path: Path, produce: Producer) -> Staged:
    """Content made piece by piece, written to a temporary file beside ``path`` while
    hashed, and fsynced."""
    path.parent.mkdir(parents=True, exist_ok=True)
    h, size = hashlib.sha256(), 0
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:

            def write(chunk: bytes) -> None:
                nonlocal size
                h.update(chunk)
                size += len(chunk)
                fh.write(chunk)

            produce(write)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Staged(path, Path(tmp), h.hexdigest(), size)


def commit(staged: Staged) -> tuple[str, int]:
    """Move a staged file in, unless its place already holds these very bytes (that
    file, and its time stamp, are then left alone). Returns its sha256 and size."""
    path = staged.path
    try:
        # (compared byte for byte: reading both is cheaper than hashing the old one)
        if (
            path.is_file()
            and path.stat().st_size == staged.size
            and filecmp.cmp(path, staged.temporary, shallow=False)
        ):
            staged.discard()
        else:
            os.chmod(staged.temporary, 0o666 & ~_umask())
            os.replace(staged.temporary, path)
    except BaseException:
        staged.discard()
        raise
    return staged.sha256, staged.size


def write_atomic_stream(path: Path, produce: Producer) -> tuple[str, int]:
    """``write_atomic`` for content made piece by piece (``stage`` then ``commit``).
    Returns the sha256 and size of the content."""
    return commit(stage(path, produce))


def write_set(
    folder: Path,
    files: Mapping[str, str | bytes | Producer | Staged],
    digest: str,
    writer: str | None = None,
) -> list[Path]:
    """Write ``files`` (relative name -> content, a producer of it, or the file already
    ``stage``d in its place) as one unit, the manifest last; ``writer`` (the run digest
    and the harness code that wrote it) lets the next run tell whether this very code
    wrote the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MANIFEST).unlink(missing_ok=True)
    entries = {}
    for name, data in files.items():
        if isinstance(data, Staged):
            if data.path != folder / name:
                raise ValueError(f"{name} was staged for {data.path}")
            sha, size = commit(data)
            if name not in VOLATILE_FILES:
                entries[name] = {"sha256": sha, "bytes": size}
            continue
        if callable(data):
            sha, size = write_atomic_stream(folder / name, data)
            if name not in VOLATILE_FILES:
                entries[name] = {"sha256": sha, "bytes": size}
            continue
        if name in VOLATILE_FILES:
            write_atomic(folder / name, data)
            continue
        raw = data.encode() if isinstance(data, str) else data
        write_atomic(folder / name, raw)
        entries[name] = {"sha256": hashlib.sha256(raw).hexdigest(), "bytes": len(raw)}
    manifest: dict[str, object] = {"run_digest": digest, "files": entries}
    if writer is not None:
        manifest["writer"] = writer
    write_atomic(folder / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return [folder / name for name in files] + [folder / MANIFEST]


def verify_set(folder: Path, full: bool = True) -> str | None:
    """None when ``folder`` holds exactly the files its manifest lists, else the first
    problem. ``full=False`` checks sizes only for the large ``outputs/`` texts."""
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        entries = manifest["files"]
    except FileNotFoundError:
        return "no MANIFEST.json: the results were never completely written"
    except (OSError, ValueError, KeyError, TypeError):
        return "MANIFEST.json is unreadable"
    for name, entry in sorted(entries.items()):
        file = folder / name
        try:
            if file.stat().st_size != entry["bytes"]:
                return f"{name} is not the file its manifest lists (size differs)"
            checked = full or not name.startswith("outputs/")
            if checked and hashlib.sha256(file.read_bytes()).hexdigest() != entry["sha256"]:
                return f"{name} is not the file its manifest lists (content differs)"
        except FileNotFoundError:
            return f"{name} is missing"
        except (OSError, KeyError, TypeError):
            return f"{name} cannot be checked"
    return None


def manifest_writer(folder: Path) -> str | None:
    try:
        found = json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("writer")
    except (OSError, ValueError, AttributeError):
        return None
    return str(found) if found is not None else None


def manifest_digest(folder: Path) -> str | None:
    try:
        return str(json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["run_digest"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
