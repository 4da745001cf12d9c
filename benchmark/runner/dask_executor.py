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

from benchmark.runner.pool import Task, outcome_of
from benchmark.runner.worker import Extraction, extract, init_worker

_POOL: Any = None


def _worker_pool(memory_mb: int | None, isolation: tuple[str, ...]) -> Any:
    """The pebble pool of this Dask worker process, created on first use (its children
    cut themselves off the network; the Dask worker keeps its own)."""
    global _POOL
    if _POOL is None:
        from distributed import get_worker
        from pebble import ProcessPool

        threads = max(1, get_worker().state.nthreads)
        _POOL = ProcessPool(
            max_workers=threads, initializer=init_worker, initargs=(memory_mb, (), isolation)
        )
    return _POOL


def run_cell(
    task: Task, timeout: float, memory_mb: int | None, isolation: tuple[str, ...]
) -> Extraction:
    """A Dask task: one (engine, page) cell, isolated in this worker's pebble pool."""
    future = _worker_pool(memory_mb, isolation).schedule(
        extract, args=(task.engine, task.source, task.url), timeout=timeout
    )
    return outcome_of(future, timeout)


def _client(executor: str, workers: int) -> Any:
    import dask
    from distributed import Client, LocalCluster

    # workers must be allowed children (their pebble pools); for a remote cluster start
    # the workers with DASK_DISTRIBUTED__WORKER__DAEMON=False
    dask.config.set({"distributed.worker.daemon": False})
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
    """Like ``run_tasks``, on Dask; at most ``workers * 8`` cells in flight."""
    from distributed import as_completed

    client = _client(executor, workers)
    try:
        window = max(1, workers) * 8
        iterator = iter(tasks)
        pending: dict[Any, Task] = {}
        completed = as_completed()

        def top_up() -> None:
            while len(pending) < window:
                task = next(iterator, None)
                if task is None:
                    return
                future = client.submit(run_cell, task, timeout, memory_mb, isolation, pure=False)
                pending[future] = task
                completed.add(future)

        top_up()
        for future in completed:
            task = pending.pop(future)
            yield task, outcome_of(future, timeout)
            top_up()
    finally:
        cluster = client.cluster
        client.close()
        if cluster is not None:
            cluster.close()
