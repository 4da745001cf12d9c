"""Run settings: what a run may do (workers, limits, cache, executor) and the bootstrap.

Kept apart from everything else, with no imports of its own, so the CLI reads them
without loading pandas and every layer can take them without importing another.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: How engines are cut off the network (``benchmark.runner.isolation``), in the order tried.
NETNS, SECCOMP = "network-namespace", "seccomp"
DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 20261124
#: Metric families a run can score (``benchmark.scoring.page``); a corpus supports some.
METRIC_FAMILIES = ("content", "removal", "snippets", "wcxb", "structure")
#: Families that need the real-page boilerplate labels (the others read the article gold).
LABELLED_FAMILIES = frozenset({"removal", "snippets"})


@dataclass(frozen=True)
class RunSettings:
    workers: int = 2
    timeout: float = 60.0
    memory_mb: int | None = 4096
    cache_dir: Path | None = Path(".boilerbench-cache")
    resamples: int = DEFAULT_RESAMPLES
    seed: int = DEFAULT_SEED
    progress: bool = True
    executor: str = "local"  # "local" processes, "dask" (local cluster) or "dask://HOST:PORT"
    isolation: str = "auto"  # "auto", "network-namespace" or "seccomp" (runner.isolation)
    require_isolation: bool = False  # refuse to run engines when no mechanism holds
    metrics: frozenset[str] | None = None  # families to score; None: all the gold supports

    def affecting_figures(self) -> dict[str, object]:
        """The settings that can change a result figure (not workers or the cache)."""
        found: dict[str, object] = {
            "timeout": self.timeout,
            "memory_mb": self.memory_mb,
            "resamples": self.resamples,
            "seed": self.seed,
        }
        if self.metrics is not None:  # (absent otherwise: earlier digests stay valid)
            found["metrics"] = sorted(self.metrics)
        return found
