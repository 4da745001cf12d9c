"""One (engine, page) cell to compute, as a worker receives it.

Kept apart from the pool so that planning a run (which lists the tasks) does not load
the process pool's library.
"""

from __future__ import annotations

from dataclasses import dataclass

from benchmark.corpus.source import PageSource
from benchmark.engines._base import EngineSpec


@dataclass(frozen=True, slots=True)
class Task:
    """One (engine, page) cell to compute; ``key`` is the caller's handle for it. The
    engine travels as a picklable spec, so any worker can run it."""

    key: str
    engine: EngineSpec
    page: str
    source: PageSource
    url: str
