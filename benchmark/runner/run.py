"""The benchmark run: outputs for every (engine, page) cell, then scores and summaries.

Cells already in the output cache are reused; the rest run in isolated worker
processes. Scoring happens after extraction, in the parent, from each page's gold
index built once. Everything a notebook needs comes back in a ``RunResult``.
"""

from __future__ import annotations

import multiprocessing
import platform
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pandas as pd

from benchmark.corpus.model import Corpus, Page
from benchmark.engines import Engine
from benchmark.results.summary import summaries
from benchmark.runner.cache import OutputCache, cell_key
from benchmark.runner.digest import run_digest
from benchmark.runner.pool import Task, WorkerPool, run_tasks
from benchmark.runner.settings import RunSettings
from benchmark.runner.stored import StoredOutputs
from benchmark.runner.worker import ERROR, OK, Extraction
from benchmark.scoring.page import GoldIndex, score_output
from benchmark.stats.bootstrap import draw_indices


@dataclass
class RunResult:
    corpus: Corpus
    engines: list[dict[str, Any]]  # metadata of each engine row, in table order
    pages: pd.DataFrame  # one row per (engine, page)
    outputs: dict[str, dict[str, str | None]]  # engine -> page id -> text (None: failed)
    summary: dict[str, dict[str, Any]]  # engine -> figures
    settings: RunSettings
    timings: dict[str, float] = field(default_factory=dict)
    created: str = ""
    digest: str = ""

    def summary_frame(self) -> pd.DataFrame:
        """One row per engine with the headline figures (for notebooks)."""
        rows = []
        for meta in self.engines:
            figures = self.summary[meta["name"]]
            rows.append(
                {
                    "engine": meta["name"],
                    "version": meta["version"],
                    **{k: v for k, v in figures.items() if not isinstance(v, dict)},
                }
            )
        return pd.DataFrame(rows)


def engine_meta(engine: Engine) -> dict[str, Any]:
    return {
        "name": engine.name,
        "kind": "live",
        "version": engine.version,
        "distribution": engine.distribution,
        "options": {k: engine.options[k] for k in sorted(engine.options)},
        "adapter_sha256": engine.adapter_sha256,
        "description": engine.description,
    }


def stored_meta(stored: StoredOutputs) -> dict[str, Any]:
    return {
        "name": stored.name,
        "kind": "stored",
        "version": stored.version,
        "distribution": None,
        "options": {},
        "adapter_sha256": None,
        "description": f"stored outputs from {stored.origin}",
    }


def machine_info() -> dict[str, Any]:
    import os

    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next(
                (ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), cpu
            )
    except OSError:
        pass
    return {
        "hostname": platform.node(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
    }


def _progress(total: int, enabled: bool) -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.description}"),
        disable=not enabled or total == 0,
        transient=False,
    )


def extract_all(
    corpus: Corpus, engines: list[Engine], settings: RunSettings, pool: WorkerPool | None = None
) -> tuple[dict[tuple[str, str], Extraction], set[tuple[str, str]]]:
    """Every live (engine, page) cell: from the cache, or computed and then cached."""
    cache = OutputCache(settings.cache_dir)
    try:
        identities = {e.name: e.identity for e in engines}
        keys = {
            (e.name, p.id): cell_key(identities[e.name], p) for p in corpus.pages for e in engines
        }
        found = cache.get_many(list(keys.values()))
        results = {cell: found[key] for cell, key in keys.items() if key in found}
        cached = set(results)

        def todo() -> Iterator[Task]:
            for page in corpus.pages:  # page-major: a worker's page cache serves every engine
                for engine in engines:
                    if (engine.name, page.id) not in results:
                        key = keys[engine.name, page.id]
                        yield Task(key, engine.name, page.id, page.source, page.url)

        missing = len(keys) - len(results)
        with _progress(missing, settings.progress) as bar:
            job = bar.add_task("", total=missing)
            for task, outcome in execute(todo(), settings, pool):
                results[task.engine, task.page] = outcome
                cache.put(task.key, task.engine, task.page, outcome)
                bar.update(job, advance=1, description=f"{task.engine} {task.page[:30]}")
        return results, cached
    finally:
        cache.close()


def execute(
    tasks: Iterator[Task], settings: RunSettings, pool: WorkerPool | None = None
) -> Iterator[tuple[Task, Extraction]]:
    """Local isolated processes (default) or a Dask cluster, per ``settings.executor``."""
    if settings.executor != "local":
        from benchmark.runner.dask_executor import run_tasks_dask

        return run_tasks_dask(
            tasks,
            executor=settings.executor,
            workers=settings.workers,
            timeout=settings.timeout,
            memory_mb=settings.memory_mb,
        )
    if pool is not None:
        return pool.run(tasks, settings.timeout)
    return run_tasks(
        tasks, workers=settings.workers, timeout=settings.timeout, memory_mb=settings.memory_mb
    )


def stored_extractions(corpus: Corpus, stored: StoredOutputs) -> dict[tuple[str, str], Extraction]:
    cells = {}
    for page in corpus.pages:
        text = stored.outputs.get(page.id)
        if text is None:
            cells[stored.name, page.id] = Extraction(
                ERROR, None, f"no output for page in {stored.origin}", 0.0, 0.0
            )
        else:
            cells[stored.name, page.id] = Extraction(OK, text, None, 0.0, 0.0)
    return cells


#: What forked scoring processes read (inherited copy-on-write, never pickled).
_SCORING: tuple[Any, ...] | None = None
#: Below this many cells, scoring in the parent is faster than forking helpers.
PARALLEL_SCORING_MIN_CELLS = 400


def _score_rows(
    pages: tuple[Page, ...],
    names: list[str],
    cells: dict[tuple[str, str], Extraction],
    cached: set[tuple[str, str]],
) -> list[dict[str, Any]]:
    rows = []
    for page in pages:
        index = GoldIndex.build(page.gold)
        for name in names:
            cell = cells[name, page.id]
            rows.append(
                {
                    "engine": name,
                    "page": page.id,
                    "status": cell.status,
                    "error": cell.error,
                    "cached": (name, page.id) in cached,
                    "wall_ms": cell.wall_ms,
                    "cpu_ms": cell.cpu_ms,
                    "output_chars": len(cell.text or ""),
                    **score_output(index, cell.text if cell.status == OK else None),
                }
            )
    return rows


def _score_chunk(bounds: tuple[int, int]) -> list[dict[str, Any]]:
    assert _SCORING is not None
    pages, names, cells, cached = _SCORING
    return _score_rows(pages[bounds[0] : bounds[1]], names, cells, cached)


def score_cells(
    corpus: Corpus,
    names: list[str],
    cells: dict[tuple[str, str], Extraction],
    cached: set[tuple[str, str]],
    workers: int = 1,
) -> pd.DataFrame:
    """One row per (engine, page); on several cores, pages are split among forked
    processes that read the outputs from memory they share with this one."""
    global _SCORING
    pages = corpus.pages
    if workers < 2 or len(pages) * len(names) < PARALLEL_SCORING_MIN_CELLS:
        return pd.DataFrame(_score_rows(pages, names, cells, cached))
    step = -(-len(pages) // (workers * 4))
    chunks = [(i, i + step) for i in range(0, len(pages), step)]
    _SCORING = (pages, names, cells, cached)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_score_chunk, chunks)
    finally:
        _SCORING = None
    return pd.DataFrame([row for part in parts for row in part])


def run_benchmark(
    corpus: Corpus,
    engines: list[Engine],
    stored: list[StoredOutputs] = (),  # type: ignore[assignment]
    settings: RunSettings | None = None,
    pool: WorkerPool | None = None,
) -> RunResult:
    """Run ``engines`` (and score ``stored`` outputs) over ``corpus``. ``pool``: workers
    already started by ``start_pool`` (closed here); by default a pool is made."""
    settings = settings or RunSettings()
    digest = run_digest(
        corpus.fingerprint,
        [e.identity for e in engines],
        [f for s in stored for f in s.files],
        settings.affecting_figures(),
    )
    names = [e.name for e in engines] + [s.name for s in stored]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        from benchmark.errors import UserError

        raise UserError(f"engine row name(s) used twice: {', '.join(sorted(duplicates))}")
    started = time.perf_counter()
    try:
        cells, cached = extract_all(corpus, engines, settings, pool) if engines else ({}, set())
    finally:
        if pool is not None:
            pool.close()
    extracted = time.perf_counter()
    for item in stored:
        cells |= stored_extractions(corpus, item)
    pages = score_cells(corpus, names, cells, cached, settings.workers)
    indices = draw_indices(len(corpus.pages), settings.resamples, settings.seed)
    summary = summaries(pages, names, [p.id for p in corpus.pages], indices)
    scored = time.perf_counter()
    outputs: dict[str, dict[str, str | None]] = {n: {} for n in names}
    for (name, page_id), cell in cells.items():
        outputs[name][page_id] = cell.text
    return RunResult(
        corpus=corpus,
        engines=[engine_meta(e) for e in engines] + [stored_meta(s) for s in stored],
        pages=pages,
        outputs=outputs,
        summary=summary,
        settings=settings,
        timings={"extract_s": extracted - started, "score_s": scored - extracted},
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        digest=digest,
    )
