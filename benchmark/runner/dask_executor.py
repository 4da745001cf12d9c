"""Running cells on a Dask cluster, for archives larger than one machine.

Dask cannot stop a task that hangs, and a segfault would take a Dask worker down with
it. So each Dask worker process keeps its own small pebble pool (one process per Dask
thread) and runs every cell there with the same time and memory limits as a local
run: a Dask task never runs engine code itself, it only waits for its isolated child.
Page sources must be readable from the Dask workers (a shared or local filesystem).

``executor`` is ``dask`` (a local cluster on this machine, on loopback) or
``dask://HOST:PORT`` (an existing scheduler).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from benchmark.runner.pool import outcome_of
from benchmark.runner.task import Task
from benchmark.runner.worker import Extraction, extract, init_worker

_POOL: Any = None


def _worker_pool(
    memory_mb: int | None, isolation: tuple[str, ...], preload: tuple[str, ...]
) -> Any:
    """The pebble pool of this Dask worker process, created on first use (its children
    cut themselves off the network, the Dask worker keeps its own, then import the
    engines' libraries before their first cell, as a local run's workers do)."""
    global _POOL
    if _POOL is None:
        from distributed import get_worker
        from pebble import ProcessPool

        threads = max(1, get_worker().state.nthreads)
        _POOL = ProcessPool(
            max_workers=threads, initializer=init_worker, initargs=(memory_mb, preload, isolation)
        )
    return _POOL


def run_cell(
    task: Task,
    timeout: float,
    memory_mb: int | None,
    isolation: tuple[str, ...],
    preload: tuple[str, ...] = (),
) -> Extraction:
    """One (engine, page) cell, isolated in this worker's pebble pool."""
    future = _worker_pool(memory_mb, isolation, preload).schedule(
        extract, args=(task.engine, task.source, task.url), timeout=timeout
    )
    return outcome_of(future, timeout)


def run_page(
    tasks: list[Task], timeout: float, memory_mb: int | None, isolation: tuple[str, ...]
) -> list[Extraction]:
    """A Dask task: the cells of one page, each isolated in this worker's pebble pool
    with its own time limit. (One Dask task per cell cost ~9 ms of scheduling each, a
    third of a fast engine's time per page: grouping a page's cells cuts it ninefold.)"""
    preload = tuple(dict.fromkeys(t.engine.module for t in tasks if t.engine.module))
    return [run_cell(task, timeout, memory_mb, isolation, preload) for task in tasks]


def by_page(tasks: Iterable[Task]) -> Iterator[list[Task]]:
    """Consecutive tasks of the same page, grouped (plans list cells page by page)."""
    group: list[Task] = []
    for task in tasks:
        if group and task.page != group[0].page:
            yield group
            group = []
        group.append(task)
    if group:
        yield group


def _client(executor: str, workers: int) -> Any:
    import dask
    from distributed import Client, LocalCluster

    # workers must be allowed children (their pebble pools); for a remote cluster start
    # the workers with DASK_DISTRIBUTED__WORKER__DAEMON=False. A worker here only waits
    # for its isolated child: its statistical profiler (100 samples a second) and event
    # loop checks would take CPU from the engines on the same cores
    dask.config.set(
        {
            "distributed.worker.daemon": False,
            "distributed.worker.profile.enabled": False,
            "distributed.admin.tick.interval": "1s",
        }
    )
    if executor == "dask":
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        )
        return Client(cluster)
    return Client(executor.replace("dask://", "tcp://", 1))


def run_tasks_dask(
    tasks: Iterable[Task],
    *,
    executor: str,
    workers: int,
    timeout: float,
    memory_mb: int | None,
    isolation: tuple[str, ...],
) -> Iterator[tuple[Task, Extraction]]:
    """Like ``run_tasks``, on Dask, one Dask task per page; at most ``workers * 4``
    pages in flight."""
    from distributed import as_completed

    client = _client(executor, workers)
    try:
        window = max(1, workers) * 4
        pages = by_page(tasks)
        pending: dict[Any, list[Task]] = {}
        completed = as_completed()

        def top_up() -> None:
            while len(pending) < window:
                group = next(pages, None)
                if group is None:
                    return
                future = client.submit(run_page, group, timeout, memory_mb, isolation, pure=False)
                pending[future] = group
                completed.add(future)

        top_up()
        for future in completed:
            group = pending.pop(future)
            try:
                outcomes = future.result()
            except Exception:  # the Dask task itself failed (a lost worker): every cell
                outcomes = [outcome_of(future, timeout)] * len(group)  # (says why)
            yield from zip(group, outcomes, strict=True)
            top_up()
    finally:
        cluster = client.cluster
        client.close()
        if cluster is not None:
            cluster.close()
