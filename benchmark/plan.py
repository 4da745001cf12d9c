"""Planning a run: its rows, the cache key of every cell, what is left to compute, and
the digest that says whether a results folder already holds this run.

The one place where cache keys and the run digest are computed:

- a cell's key hashes everything that determines its output: the engine's identity
  (name, package version, options, adapter source hash, and the hash of the contents of
  the code that runs: ``benchmark.engines.fingerprint``) and the page's URL, content
  digest and declared charset;
- the run digest hashes everything the written figures depend on: harness version and
  result schema, corpus fingerprint, every row's identity or stored file digests, and
  the settings that change figures. Equal digests, same figures. A folder is up to date
  when it holds this digest and this machine's cache recorded writing it with this very
  harness code (``Plan.writer``).
"""

from __future__ import annotations

import hashlib
import json
import platform
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from benchmark.corpus.model import Corpus, Page
from benchmark.engines import Engine
from benchmark.engines.fingerprint import FileHashes
from benchmark.errors import UserError
from benchmark.results.schema_version import SCHEMA_VERSION
from benchmark.runner.cache import OutputCache
from benchmark.runner.task import Task
from benchmark.runner.worker import ERROR, OK, Extraction
from benchmark.settings import RunSettings
from benchmark.stored import StoredOutputs
from benchmark.version import __version__

#: (row name, page id)
CellId = tuple[str, str]


def cell_key(engine_identity: str, page: Page) -> str:
    raw = f"{engine_identity}\0{page.url}\0{page.digest}\0{page.source.charset or ''}"
    return hashlib.sha256(raw.encode()).hexdigest()


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def run_digest(
    corpus_fingerprint: str,
    engine_identities: Sequence[str],
    stored_files: Sequence[Path],
    settings: dict[str, Any],
) -> str:
    parts = {
        "harness": __version__,
        "schema": SCHEMA_VERSION,
        "corpus": corpus_fingerprint,
        "engines": list(engine_identities),
        "stored": sorted(file_digest(p) for p in stored_files),
        "settings": settings,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Plan:
    corpus: Corpus
    engines: tuple[Engine, ...]
    stored: tuple[StoredOutputs, ...]
    settings: RunSettings
    digest: str
    codes: dict[str, str]  # engine name -> code_sha256
    force: bool = False  # recompute every cell (the cache is written, not read)
    harness_code: str = ""  # hash of the harness's own code (``harness_code_hash``)

    @property
    def writer(self) -> str:
        """The run digest and the code that writes its results: a results folder is up
        to date only if this very harness code wrote it (a change in how figures or
        files are written rewrites them, while every cell still comes from the cache)."""
        return f"{self.digest}:{self.harness_code}"

    @property
    def names(self) -> list[str]:
        """Row names in table order: live engines, then stored outputs."""
        return [e.name for e in self.engines] + [s.name for s in self.stored]

    def keys(self) -> dict[CellId, str]:
        """Every cell's cache key (computed once per plan: a key is a sha256 per cell)."""
        return self._keys

    @cached_property
    def _keys(self) -> dict[CellId, str]:
        identities = {e.name: e.identity(self.codes[e.name]) for e in self.engines}
        return {
            (e.name, p.id): cell_key(identities[e.name], p)
            for p in self.corpus.pages
            for e in self.engines
        }

    def lookup(self, cache: OutputCache) -> tuple[dict[CellId, Extraction], list[Task]]:
        """Cells the cache already holds (status and timings: their texts stay in the
        cache, ``benchmark.runner.texts``), and the tasks left, page-major (a worker's
        page cache then serves every engine of a page)."""
        keys = self.keys()
        found = {} if self.force else cache.get_many(list(keys.values()), texts=False)
        cached = {cell: found[key] for cell, key in keys.items() if key in found}
        specs = {e.name: e.spec for e in self.engines}
        todo = [
            Task(keys[name, page.id], specs[name], page.id, page.source, page.url)
            for page in self.corpus.pages
            for name in specs
            if (name, page.id) not in cached
        ]
        return cached, todo

    def stored_cells(self) -> dict[CellId, Extraction]:
        """Stored outputs as cells; a page missing from a stored set is an error cell."""
        cells = {}
        for item in self.stored:
            for page in self.corpus.pages:
                text = item.outputs.get(page.id)
                cells[item.name, page.id] = (
                    Extraction(ERROR, None, f"no output for page in {item.origin}", 0.0, 0.0)
                    if text is None
                    else Extraction(OK, text, None, 0.0, 0.0)
                )
        return cells

    def up_to_date(self, out: Path, cache: OutputCache) -> bool:
        """True when ``out`` holds complete results of this very run written by this very
        harness code (its manifest names both, and every file matches it) that this
        machine's cache produced (committed results from elsewhere do not count)."""
        from benchmark.results.files import manifest_digest, manifest_writer, verify_set

        if manifest_digest(out) != self.digest or manifest_writer(out) != self.writer:
            return False
        if not cache.has_run(self.writer):
            return False
        return verify_set(out, full=False) is None


def harness_code_hash(hashes: FileHashes) -> str:
    """sha256 over the path and content hash of every module of the harness itself."""
    package = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        hashes.see_folder(str(path.parent))  # (a module added changes its folder)
        h.update(f"{path.relative_to(package).as_posix()}\0{hashes.of(path)}\n".encode())
    return h.hexdigest()[:16]


def code_hashes(engines: Sequence[Engine], cache_dir: Path | None) -> tuple[dict[str, str], str]:
    """Each engine's code fingerprint and the harness's, file hashes memoised in the
    cache folder. When every file and folder the same fingerprints read last time is
    unchanged (stat only), the fingerprints kept then are used: a cached re-run does not
    walk the installed distributions and their metadata again."""
    hashes = FileHashes(cache_dir, one_run=True)
    what: list[list[Any]] = [
        [e.name, e.distribution, list(e.extras), str(e.options.get("command"))]
        + [str(p) for p in (e.code_paths() if e.code_paths else [])]
        for e in engines
    ]
    what.append([sys.executable, platform.python_version(), list(sys.path), __file__])
    key = hashlib.sha256(json.dumps(what, sort_keys=True).encode()).hexdigest()
    try:
        for folder in sys.path:  # (a distribution installed or removed changes its folder)
            if folder and Path(folder).is_dir():
                hashes.see_folder(folder)
        kept = hashes.stamped(key)
        if isinstance(kept, list) and len(kept) == 2:
            return dict(kept[0]), str(kept[1])
        codes = {e.name: e.code_sha256(hashes) for e in engines}
        harness = harness_code_hash(hashes)
        hashes.stamp(key, [codes, harness])
        return codes, harness
    finally:
        hashes.close()


def make_plan(
    corpus: Corpus,
    engines: Sequence[Engine],
    stored: Sequence[StoredOutputs],
    settings: RunSettings,
    force: bool = False,
) -> Plan:
    names = [e.name for e in engines] + [s.name for s in stored]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise UserError(f"engine row name(s) used twice: {', '.join(duplicates)}")
    if not names:
        raise UserError("nothing to run: no live engine available and no --stored outputs")
    codes, harness = code_hashes(engines, settings.cache_dir)
    digest = run_digest(
        corpus.fingerprint,
        [e.identity(codes[e.name]) for e in engines],
        [f for s in stored for f in s.files],
        settings.affecting_figures(),
    )
    return Plan(corpus, tuple(engines), tuple(stored), settings, digest, codes, force, harness)
