"""Atomic file writes: a reader (or a killed run) never sees half a file."""

from __future__ import annotations

import math
import os
import tempfile
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


def write_atomic(path: Path, data: str | bytes) -> bool:
    """Write to a temporary file beside ``path``, fsync, then rename over it. A file
    that already holds these very bytes is left alone (its time stamp too), so an
    unchanged run writes nothing. Returns whether the file was written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode() if isinstance(data, str) else data
    try:
        if path.stat().st_size == len(raw) and path.read_bytes() == raw:
            return False
    except OSError:
        pass
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o644)  # mkstemp's 0600 would keep a published file from others
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
