"""Unlabelled archives: run engines over every HTML page of WARC files, no gold needed.

Pages are streamed from the archives into the bounded task window of the worker pool,
and each result is folded into running per-engine totals and then dropped, so memory
does not grow with the archive. Reported per engine: pages/s (pages over the engine's
summed extraction time), failures and time-outs, output length, and how often text
matching a spam family (``benchmark.injection.spam_patterns``) survives extraction.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmark.corpus.source import PageSource
from benchmark.corpus.warc import iter_warc_pages
from benchmark.engines import Engine
from benchmark.injection.spam_patterns import FAMILIES, spam_families
from benchmark.runner.pool import run_tasks
from benchmark.runner.task import Task
from benchmark.runner.worker import OK, TIMEOUT

#: Output lengths kept per engine for the median; beyond it a reservoir would be needed.
_LENGTH_SAMPLE = 100_000


@dataclass
class EngineTally:
    pages: int = 0
    ok: int = 0
    failures: int = 0
    timeouts: int = 0
    empty: int = 0
    wall_ms: float = 0.0
    chars: list[int] = field(default_factory=list)
    spam: Counter[str] = field(default_factory=Counter)

    def add(self, status: str, text: str | None, wall_ms: float) -> None:
        self.pages += 1
        self.wall_ms += wall_ms
        if status != OK:
            self.failures += 1
            self.timeouts += status == TIMEOUT
            return
        self.ok += 1
        self.empty += not (text or "").strip()
        if len(self.chars) < _LENGTH_SAMPLE:
            self.chars.append(len(text or ""))
        families = spam_families(text)
        self.spam.update(families)
        self.spam["any"] += bool(families)

    def figures(self) -> dict[str, Any]:
        seconds = self.wall_ms / 1000
        return {
            "pages": self.pages,
            "pages_per_s": self.pages / seconds if seconds else None,
            "failures": self.failures,
            "timeouts": self.timeouts,
            "empty_outputs": self.empty,
            "chars_median": statistics.median(self.chars) if self.chars else None,
            "chars_mean": statistics.fmean(self.chars) if self.chars else None,
            "spam_share": {
                name: self.spam[name] / self.ok if self.ok else None for name in ("any", *FAMILIES)
            },
        }


def _tasks(paths: list[Path], engines: list[Engine], counts: Counter[str]) -> Iterator[Task]:
    specs = [e.spec for e in engines]
    for path in paths:
        for item in iter_warc_pages(path, counts):
            counts["pages"] += 1
            number = counts["pages"]
            source = PageSource(str(path), warc_offset=item.offset, charset=item.charset)
            page = f"{path.name}@{item.offset}"
            for spec in specs:
                yield Task(f"{number}:{spec.name}", spec, page, source, item.url)


def scan_archives(
    paths: list[Path], engines: list[Engine], *, workers: int, timeout: float, memory_mb: int | None
) -> dict[str, Any]:
    """Run ``engines`` over every HTML response in ``paths``; per-engine figures."""
    tallies: dict[str, EngineTally] = defaultdict(EngineTally)
    counts: Counter[str] = Counter()  # pages seen, and records skipped by reason
    started = time.perf_counter()
    for task, outcome in run_tasks(
        _tasks(paths, engines, counts), workers=workers, timeout=timeout, memory_mb=memory_mb
    ):
        tallies[task.engine.name].add(outcome.status, outcome.text, outcome.wall_ms)
    pages = counts.pop("pages", 0)
    return {
        "archives": [str(p) for p in paths],
        "pages": pages,
        "skipped": dict(counts),
        "wall_s": time.perf_counter() - started,
        "engines": {e.name: {"version": e.version, **tallies[e.name].figures()} for e in engines},
    }
