"""Isolated parallel execution: pebble's process pool with a per-task time limit.

A task that raises is an ``error`` cell (caught in the worker); one that exceeds the
time limit is killed and becomes a ``timeout`` cell; one whose process dies (segfault,
``os._exit``, the memory limit's OOM) becomes a ``crash`` cell. pebble replaces the
dead worker and the run goes on. At most ``workers * 4`` tasks are in flight, so a
stream of millions of pages never piles up in memory.

A ``WorkerPool`` has the engines' libraries imported before a worker takes its first
cell (``preload``), so the first page's timing is of extraction alone: once, in a fork
server that every worker is forked from (``runner.forkserver``), where the engines
allow it, else in each worker as it starts.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from pebble import ProcessExpired, ProcessPool

from benchmark.engines._base import EngineSpec
from benchmark.runner import forkserver
from benchmark.runner.isolation import MECHANISMS
from benchmark.runner.task import Task
from benchmark.runner.worker import CRASH, ERROR, TIMEOUT, Extraction, extract, init_worker


def _ready() -> None:
    """A no-op task: scheduling it makes a worker start (and run the initializer)."""


class WorkerPool:
    """Worker processes with no network, an optional memory ceiling and preloaded
    engine libraries; use as a context manager, or call ``close``."""

    def __init__(
        self,
        workers: int,
        memory_mb: int | None = None,
        preload: Iterable[str] = (),
        start_method: str | None = None,
        isolation: tuple[str, ...] = MECHANISMS,
        engines: Iterable[EngineSpec] = (),
    ):
        """``start_method``: "fork", "spawn" or "forkserver"; by default a fork server
        that imports ``preload`` once, when ``engines`` (the specs the tasks will carry)
        can run there, else the platform's default. Tasks carry picklable engine specs,
        so every start method runs every engine importable by module name."""
        self.workers = max(1, workers)
        preload = tuple(preload)
        if start_method is None and forkserver.usable(engines):
            start_method = "forkserver"
        self._server = start_method == "forkserver"
        self._starting: threading.Thread | None = None
        context = (
            forkserver.start(preload, isolation)
            if self._server
            else multiprocessing.get_context(start_method)
        )
        self._pool = ProcessPool(
            max_workers=self.workers,
            initializer=init_worker,
            initargs=(memory_mb, preload, isolation),
            context=context,
        )

    def start(self) -> WorkerPool:
        """Start every worker now (each runs its initializer) instead of on first use.
        With a fork server, from a background thread: creating a worker waits until the
        server has imported the engines, and the caller has its own loading to do
        meanwhile (the first ``run`` waits for it). Otherwise here: workers forked from
        a thread could inherit a lock the caller's thread holds."""

        def begin() -> None:
            for _ in range(self.workers):
                self._pool.schedule(_ready)

        if not self._server:
            begin()
            return self
        self._starting = threading.Thread(target=begin, name="boilerbench-pool-start", daemon=True)
        self._starting.start()
        return self

    def _started(self) -> None:
        if self._starting is not None:
            self._starting.join()
            self._starting = None

    def run(self, tasks: Iterable[Task], timeout: float) -> Iterator[tuple[Task, Extraction]]:
        """Yield (task, extraction) as cells finish, in completion order."""
        self._started()
        pending: dict[cf.Future[Extraction], Task] = {}
        iterator = iter(tasks)
        window = self.workers * 4
        try:
            while True:
                while len(pending) < window:
                    task = next(iterator, None)
                    if task is None:
                        break
                    future = self._pool.schedule(
                        extract, args=(task.engine, task.source, task.url), timeout=timeout
                    )
                    pending[future] = task
                if not pending:
                    return
                done, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                for finished in done:
                    yield pending.pop(finished), outcome_of(finished, timeout)
        finally:
            for waiting in pending:
                waiting.cancel()

    def close(self) -> None:
        self._started()
        self._pool.stop()
        self._pool.join()
        if self._server:
            forkserver.stop()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run_tasks(
    tasks: Iterable[Task],
    *,
    workers: int,
    timeout: float,
    memory_mb: int | None = None,
    isolation: tuple[str, ...] = MECHANISMS,
) -> Iterator[tuple[Task, Extraction]]:
    """Run ``tasks`` on a fresh pool; yield (task, extraction) as cells finish."""
    with WorkerPool(workers, memory_mb, isolation=isolation) as pool:
        yield from pool.run(tasks, timeout)


def _failed(status: str, error: str, timeout: float) -> Extraction:
    return Extraction(status, None, error, timeout * 1000 if status == TIMEOUT else 0.0, 0.0)


def outcome_of(future: Any, timeout: float) -> Extraction:
    """The cell's Extraction, or a failed one saying why the future has no result."""
    try:
        outcome: Extraction = future.result()
        return outcome
    except TimeoutError:
        return _failed(TIMEOUT, f"took longer than the {timeout:g} s limit", timeout)
    except ProcessExpired as exc:
        return _failed(CRASH, f"worker process died (exit code {exc.exitcode})", timeout)
    except Exception as exc:  # pickling, a lost Dask worker...: the cell fails, not the run
        return _failed(ERROR, f"{type(exc).__name__}: {exc}", timeout)
