"""Isolated parallel execution: pebble's process pool with a per-task time limit.

A task that raises is an ``error`` cell (caught in the worker); one that exceeds the
time limit is killed and becomes a ``timeout`` cell; one whose process dies (segfault,
``os._exit``, the memory limit's OOM) becomes a ``crash`` cell. pebble replaces the
dead worker and the run goes on. At most ``workers * 4`` tasks are in flight, so a
stream of millions of pages never piles up in memory.
"""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pebble import ProcessExpired, ProcessPool

from benchmark.corpus.model import PageSource
from benchmark.runner.worker import CRASH, ERROR, TIMEOUT, Extraction, extract, init_worker


@dataclass(frozen=True, slots=True)
class Task:
    """One (engine, page) cell to compute; ``key`` is the caller's handle for it."""

    key: str
    engine: str
    page: str
    source: PageSource
    url: str


def _failed(status: str, error: str, timeout: float) -> Extraction:
    return Extraction(status, None, error, timeout * 1000 if status == TIMEOUT else 0.0, 0.0)


def run_tasks(
    tasks: Iterable[Task],
    *,
    workers: int,
    timeout: float,
    memory_mb: int | None = None,
) -> Iterator[tuple[Task, Extraction]]:
    """Yield (task, extraction) as cells finish, in completion order."""
    pending: dict[cf.Future[Extraction], Task] = {}
    iterator = iter(tasks)
    window = max(1, workers) * 4
    with ProcessPool(
        max_workers=max(1, workers), initializer=init_worker, initargs=(memory_mb,)
    ) as pool:
        try:
            while True:
                while len(pending) < window:
                    task = next(iterator, None)
                    if task is None:
                        break
                    future = pool.schedule(
                        extract, args=(task.engine, task.source, task.url), timeout=timeout
                    )
                    pending[future] = task
                if not pending:
                    return
                done, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                for future in done:
                    task = pending.pop(future)
                    yield task, outcome_of(future, timeout)
        finally:
            for future in pending:
                future.cancel()


def outcome_of(future: Any, timeout: float) -> Extraction:
    """The cell's Extraction, or a failed one saying why the future has no result."""
    try:
        return future.result()
    except TimeoutError:
        return _failed(TIMEOUT, f"took longer than the {timeout:g} s limit", timeout)
    except ProcessExpired as exc:
        return _failed(CRASH, f"worker process died (exit code {exc.exitcode})", timeout)
    except Exception as exc:  # pickling, a lost Dask worker...: the cell fails, not the run
        return _failed(ERROR, f"{type(exc).__name__}: {exc}", timeout)
