"""A digest of everything a run's results depend on, to skip a run that changed nothing.

Inputs: harness version and result schema, the corpus fingerprint (pages and gold), each
engine row's identity (name, package version, options, adapter source hash) or stored
file's digest, and the settings that change figures. Equal digests mean the written
results would be the same figures, so ``boilerbench run`` just shows them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from benchmark import __version__
from benchmark.results.files import SCHEMA_VERSION

RESULT_FILES = ("summary.json", "summary.md", "pages.csv", "summary.csv")


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def run_digest(
    corpus_fingerprint: str,
    engine_identities: list[str],
    stored_files: list[Path],
    settings: dict[str, Any],
) -> str:
    parts = {
        "harness": __version__,
        "schema": SCHEMA_VERSION,
        "corpus": corpus_fingerprint,
        "engines": engine_identities,
        "stored": sorted(file_digest(p) for p in stored_files),
        "settings": settings,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


def up_to_date(out: Path, digest: str, cache_dir: Path | None) -> bool:
    """True when ``out`` holds complete results of a run with this digest that this
    machine's cache produced (committed results from elsewhere do not count)."""
    if cache_dir is None or not (cache_dir / "outputs.sqlite").is_file():
        return False
    if not all((out / name).is_file() for name in RESULT_FILES):
        return False
    from benchmark.runner.cache import OutputCache

    cache = OutputCache(cache_dir)
    try:
        if not cache.has_run(digest):
            return False
    finally:
        cache.close()
    try:
        document = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return False
    return document.get("run_digest") == digest
