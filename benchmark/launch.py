"""Starting a planned run's extraction: what the cache holds, what is left, the workers.

Split from the pipeline so it can happen before the pipeline's heavy imports: the
command line launches a plan as soon as it knows the results are not up to date, and
the workers (a fork server importing the engines' libraries) start while this process
goes on loading pandas and the scoring code. On two cores that overlap is most of the
second before the first cell.

The order matters: isolation is probed in a forked child before any thread exists (the
pool's manager threads would make that fork unsafe), this process becomes the
subreaper of what the workers start before they exist, and only then do they start.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from benchmark.errors import UserError
from benchmark.plan import CellId, Plan
from benchmark.runner.cache import OutputCache
from benchmark.runner.isolation import NONE, order_for, probe
from benchmark.runner.orphans import Adopted
from benchmark.runner.pool import Task, WorkerPool
from benchmark.runner.worker import Extraction


@dataclass
class Launch:
    """The cells the cache holds (without texts), the tasks left in plan order, the
    isolation workers get, and for a local run with work, its pool (already starting)
    and the orphans' watch. ``finish`` ends both."""

    cached: dict[CellId, Extraction]
    todo: list[Task]
    isolation: str
    pool: WorkerPool | None = None
    adopted: Adopted | None = field(default=None, repr=False)

    def finish(self) -> None:
        """Close the pool (and its fork server), then kill whatever a worker started
        that outlived it: nothing an engine started outlives the run."""
        if self.pool is not None:
            self.pool.close()
            self.pool = None
        if self.adopted is not None:
            self.adopted.kill()
            self.adopted = None


def launch(plan: Plan) -> Launch:
    """Look the plan's cells up in the cache and, when some are left on the local
    executor, start the pool now; raises ``UserError`` when isolation is required and
    no mechanism holds."""
    settings = plan.settings
    with OutputCache(settings.cache_dir) as cache:
        cached, todo = plan.lookup(cache)
    order = order_for(settings.isolation)
    isolation = probe(order) if plan.engines else NONE
    if todo and settings.require_isolation and isolation == NONE:
        raise UserError(
            "--require-isolation: no way to cut the engines off the network here (a"
            " network namespace needs root; seccomp needs libseccomp)"
        )
    started = Launch(cached, todo, isolation)
    if todo:
        started.adopted = Adopted()  # before the workers exist, so their orphans come here
    if todo and settings.executor == "local":
        wanted = {task.engine.name for task in todo}  # (a cached engine is not imported)
        engines = [e for e in plan.engines if e.name in wanted]
        started.pool = WorkerPool(
            settings.workers,
            settings.memory_mb,
            [e.module for e in engines if e.module],
            isolation=order,
            engines=[e.spec for e in engines],
        ).start()
    return started
