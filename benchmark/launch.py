"""Starting a planned run: what the cache holds, what is left, the workers, the scoring.

Split from the pipeline so it can happen before the pipeline's heavy imports: the
command line launches a plan as soon as it knows the results are not up to date, and
the workers (a fork server importing the engines' libraries) start while this process
goes on loading pandas and the scoring code. On two cores that overlap is most of the
second before the first cell. A run with nothing left to extract (stored outputs, a
re-score from the cache) starts its scoring processes here instead, for the same reason.

The order matters: isolation is probed in a forked child before any thread exists (the
pool's manager threads would make that fork unsafe), this process becomes the
subreaper of what the workers start before they exist, and only then do they start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from benchmark.errors import UserError
from benchmark.plan import CellId, Plan
from benchmark.runner import forkserver
from benchmark.runner.cache import OutputCache
from benchmark.runner.isolation import NONE, order_for, probe
from benchmark.runner.orphans import Adopted
from benchmark.runner.task import Task
from benchmark.runner.texts import CellTexts
from benchmark.runner.worker import CRASH, TIMEOUT, Extraction

if TYPE_CHECKING:  # (the pool's library loads only for a run with cells to extract)
    from benchmark.engines import Engine
    from benchmark.runner.pool import WorkerPool
    from benchmark.scoring.cells import ScoringProcesses


def cell_texts(plan: Plan, cells: dict[CellId, Extraction], store: Path | None) -> CellTexts:
    """Where each cell's text is: in the cache file ``store`` for every cell the cache
    holds (their texts are dropped here), else kept in memory."""
    keys = plan.keys()
    stored = {} if store is None else keys
    held: dict[CellId, str | None] = {}
    in_cache: dict[CellId, str] = {}
    for cell, extraction in cells.items():
        if cell in stored and extraction.status not in (TIMEOUT, CRASH):
            in_cache[cell] = stored[cell]
            if extraction.text is not None:
                cells[cell] = replace(extraction, text=None)
        else:
            held[cell] = extraction.text
    return CellTexts(store, in_cache, held)


def formats(plan: Plan) -> dict[str, str]:
    """Each row's output format (``benchmark.structure``)."""
    return {e.name: e.output for e in plan.engines} | {s.name: s.format for s in plan.stored}


@dataclass
class Launch:
    """The cells the cache holds (without texts), the tasks left in plan order, the
    isolation workers get, and for a local run with work, its pool (already starting)
    and the orphans' watch (``finish`` ends both). With nothing left to extract: every
    cell and where its text is (``known``), and the processes already scoring them."""

    cached: dict[CellId, Extraction]
    todo: list[Task]
    isolation: str
    pool: WorkerPool | None = None
    adopted: Adopted | None = field(default=None, repr=False)
    known: tuple[dict[CellId, Extraction], CellTexts] | None = None
    scoring: ScoringProcesses | None = field(default=None, repr=False)

    def close(self) -> None:
        """End everything started (a run that stops before its scoring is collected)."""
        self.finish()
        if self.scoring is not None:
            self.scoring.close()
            self.scoring = None

    def finish(self) -> None:
        """Close the pool (and its fork server), then kill whatever a worker started
        that outlived it: nothing an engine started outlives the run."""
        if self.pool is not None:
            self.pool.close()
            self.pool = None
        forkserver.stop()  # (one ``prestart`` began, if no pool took it over)
        if self.adopted is not None:
            self.adopted.kill()
            self.adopted = None


def prestart(engines: Sequence[Engine], isolation: str, workers_local: bool) -> None:
    """For a run that will compute every cell (``--force``, ``--no-cache``, or no cell
    cache yet): start the pool's fork server now, before the corpus is loaded and the
    plan made, so the engines' libraries are imported meanwhile. ``launch`` then finds it
    running (the same engines' libraries in the same order)."""
    specs = [e.spec for e in engines]
    if workers_local and engines and forkserver.usable(specs):
        forkserver.start([e.module for e in engines if e.module], order_for(isolation))


def launch(plan: Plan) -> Launch:
    """Look the plan's cells up in the cache and, when some are left on the local
    executor, start the pool now; raises ``UserError`` when isolation is required and
    no mechanism holds."""
    settings = plan.settings
    with OutputCache(settings.cache_dir) as cache:
        cached, todo = plan.lookup(cache)
    isolation = probe(order_for(settings.isolation)) if plan.engines else NONE
    if todo and settings.require_isolation and isolation == NONE:
        raise UserError(
            "--require-isolation: no way to cut the engines off the network here (a"
            " network namespace needs root; seccomp needs libseccomp)"
        )
    started = Launch(cached, todo, isolation)
    try:
        _start(plan, started)
    except BaseException:
        started.close()  # nothing this launch started outlives a failed launch
        raise
    return started


def _start(plan: Plan, started: Launch) -> None:
    settings, todo = plan.settings, started.todo
    if not todo:
        from benchmark.scoring.cells import ScoringProcesses, in_parallel, score_job

        store = None if settings.cache_dir is None else settings.cache_dir / "outputs.sqlite"
        cells = dict(started.cached) | plan.stored_cells()
        texts = cell_texts(plan, cells, store)
        started.known = (cells, texts)
        job = score_job(
            plan.corpus,
            plan.names,
            cells,
            set(started.cached),
            formats(plan),
            texts,
            settings.cache_dir,
        )
        if in_parallel(job, settings.workers):
            started.scoring = ScoringProcesses(job, settings.workers)
        return
    started.adopted = Adopted()  # before the workers exist, so their orphans come here
    if settings.executor == "local":
        from benchmark.runner.pool import WorkerPool

        wanted = {task.engine.name for task in todo}  # (a cached engine is not imported)
        engines = [e for e in plan.engines if e.name in wanted]
        started.pool = WorkerPool(
            settings.workers,
            settings.memory_mb,
            [e.module for e in engines if e.module],
            isolation=order_for(settings.isolation),
            engines=[e.spec for e in engines],
        ).start()
