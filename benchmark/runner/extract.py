"""Compute cells: run tasks on local isolated workers or a Dask cluster, committing
each finished cell to the cache as it arrives (a killed run loses only cells in flight).

This layer only extracts: it knows tasks, workers and the cache, not scores or results.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from benchmark.runner.cache import OutputCache
from benchmark.runner.isolation import order_for
from benchmark.runner.task import Task
from benchmark.runner.worker import CRASH, TIMEOUT, Extraction
from benchmark.settings import RunSettings

if TYPE_CHECKING:  # the pool (and pebble) load only for a run with cells to extract
    from benchmark.runner.pool import WorkerPool


class _Silent:
    """No progress shown (``-q``): nothing imported, nothing done per cell."""

    def __enter__(self) -> _Silent:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def add_task(self, *args: object, **kwargs: object) -> int:
        return 0

    def update(self, *args: object, **kwargs: object) -> None:
        return None


def _progress(total: int, enabled: bool) -> Any:
    if not enabled or total == 0:
        return _Silent()
    if not sys.stderr.isatty():  # a log: a line every few seconds
        from benchmark.progress import LogLines

        return LogLines("extracting", total)
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
        transient=False,
    )


def execute(
    tasks: Sequence[Task], settings: RunSettings, pool: WorkerPool | None = None
) -> Iterator[tuple[Task, Extraction]]:
    """Local isolated processes (default) or a Dask cluster, per ``settings.executor``."""
    isolation = order_for(settings.isolation)
    if settings.executor != "local":
        from benchmark.runner.dask_executor import run_tasks_dask

        return run_tasks_dask(
            tasks,
            executor=settings.executor,
            workers=settings.workers,
            timeout=settings.timeout,
            memory_mb=settings.memory_mb,
            isolation=isolation,
        )
    if pool is not None:
        return pool.run(tasks, settings.timeout)
    from benchmark.runner.pool import run_tasks

    return run_tasks(
        tasks,
        workers=settings.workers,
        timeout=settings.timeout,
        memory_mb=settings.memory_mb,
        isolation=isolation,
    )


def extract_cells(
    tasks: Sequence[Task],
    settings: RunSettings,
    cache: OutputCache,
    pool: WorkerPool | None = None,
) -> dict[tuple[str, str], Extraction]:
    """Every task's outcome by (engine name, page id), each cached as it finishes. A
    cached outcome is kept without its text, which the cache holds (memory stays flat
    however many cells a run has; ``benchmark.runner.texts`` reads texts back)."""
    results: dict[tuple[str, str], Extraction] = {}
    with _progress(len(tasks), settings.progress) as bar:
        job = bar.add_task("", total=len(tasks))
        for task, outcome in execute(tasks, settings, pool):
            cache.put(task.key, task.engine.name, task.page, outcome)
            kept = cache.path is not None and outcome.status not in (TIMEOUT, CRASH)
            results[task.engine.name, task.page] = replace(outcome, text=None) if kept else outcome
            bar.update(job, advance=1, description=f"{task.engine.name} {task.page[:30]}")
    return results
