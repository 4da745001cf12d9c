"""Per-engine figures from the per-page tables: every declared metric that applies,
with its seeded 95% bootstrap interval, overall and per page type.

One resample matrix is drawn for the corpus (and one per page type) and shared by
every engine, so differences between engines are paired. Cell counts come from the
statuses; timings are medians over the cells that succeeded.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from benchmark.results.model import CellCounts, EngineInfo, EngineResult, Figure, Groups, Timing
from benchmark.results.values import ValueTables
from benchmark.runner.worker import CRASH, ERROR, OK, TIMEOUT, UNAVAILABLE
from benchmark.scoring.metrics import METRICS, Metric, PageValues
from benchmark.stats.bootstrap import Interval, Resamples

#: Families also reported per page type (for corpora whose pages have one).
GROUPED_FAMILIES = frozenset({"content", "wcxb", "structure"})


def _figure(metric: Metric, values: PageValues, resamples: Resamples) -> Figure | None:
    parts = metric.components(values)
    pages = metric.pages(parts)
    if pages == 0:
        return None
    interval = Interval.of(metric.estimate(parts, resamples))
    return Figure(metric.point(parts), interval.low, interval.high, interval.std, pages)


class _CellColumns:
    """The columns cell counts and timings are read from, as arrays, once for all
    engines (pandas' per-engine selections cost more than the counting)."""

    def __init__(self, pages: pd.DataFrame) -> None:
        self.status = pages["status"].to_numpy(dtype=object)
        self.tokens = pages["output_tokens"].to_numpy(dtype=float, na_value=np.nan)
        self.wall_ms = pages["wall_ms"].to_numpy(dtype=float, na_value=np.nan)
        self.cpu_ms = pages["cpu_ms"].to_numpy(dtype=float, na_value=np.nan)
        self.positions = {
            str(name): rows for name, rows in pages.groupby("engine", sort=False).indices.items()
        }

    def counts(self, engine: str) -> CellCounts:
        at = self.positions.get(engine, np.zeros(0, dtype=int))
        status = self.status[at]
        ok = status == OK
        return CellCounts(
            pages=len(at),
            failures=int((~ok).sum()),
            errors=int((status == ERROR).sum()),
            timeouts=int((status == TIMEOUT).sum()),
            crashes=int((status == CRASH).sum()),
            empty_outputs=int((ok & (self.tokens[at] == 0)).sum()),
            unavailable=int((status == UNAVAILABLE).sum()),
        )

    def timing(self, engine: str) -> Timing:
        """Medians and mean over the cells that succeeded (missing values skipped)."""
        at = self.positions.get(engine, np.zeros(0, dtype=int))
        ok = self.status[at] == OK
        cpu_s_total = float(np.nansum(self.cpu_ms[at]) / 1000)
        if not ok.any():
            return Timing(cpu_s_total=cpu_s_total)
        wall, cpu = _known(self.wall_ms[at][ok]), _known(self.cpu_ms[at][ok])
        return Timing(
            ms_median=float(np.median(wall)) if wall.size else math.nan,
            ms_mean=float(np.mean(wall)) if wall.size else math.nan,
            cpu_ms_median=float(np.median(cpu)) if cpu.size else math.nan,
            cpu_s_total=cpu_s_total,
        )


def _known(values: np.ndarray) -> np.ndarray:
    known: np.ndarray = values[~np.isnan(values)]
    return known


def summarize(
    pages: pd.DataFrame,
    kinds: pd.DataFrame,
    engines: Sequence[EngineInfo],
    page_order: Sequence[str],
    groups: Mapping[str, Mapping[str, Sequence[int]]],
    resamples: int,
    seed: int,
) -> list[EngineResult]:
    """``groups``: dimension -> group -> positions in ``page_order`` (e.g. page types)."""
    everything = Resamples.draw(len(page_order), resamples, seed)
    grouped = {
        (dim, name): (np.asarray(positions), Resamples.draw(len(positions), resamples, seed))
        for dim, by_name in groups.items()
        for name, positions in by_name.items()
    }
    results = []
    tables = ValueTables(pages, kinds, page_order)
    cells = _CellColumns(pages)
    for info in engines:
        values = tables.engine(info.name)
        figures = {}
        for metric in METRICS:
            figure = _figure(metric, values, everything)
            if figure is not None:
                figures[metric.name] = figure
        by_group: Groups = {}
        for (dim, name), (positions, drawn) in grouped.items():
            subset = values.subset(positions)
            for metric in METRICS:
                if metric.family in GROUPED_FAMILIES and metric.name in figures:
                    figure = _figure(metric, subset, drawn)
                    if figure is not None:
                        by_group.setdefault(dim, {}).setdefault(name, {})[metric.name] = figure
        results.append(
            EngineResult(info, cells.counts(info.name), cells.timing(info.name), figures, by_group)
        )
    return results


def subset_figures(
    pages: pd.DataFrame,
    kinds: pd.DataFrame,
    names: Sequence[str],
    page_order: Sequence[str],
    subsets: Mapping[str, Sequence[int]],
    metrics: Sequence[Metric],
    resamples: int,
    seed: int,
) -> dict[str, dict[str, dict[str, Figure]]]:
    """subset -> engine -> metric -> figure, for subsets of ``page_order`` (positions):
    the declared metrics on those pages with the same seeded bootstrap as ``summarize``
    (so a page type's figures equal ``summary.json``'s ``by_page_type``)."""
    drawn = {
        key: (np.asarray(positions, int), Resamples.draw(len(positions), resamples, seed))
        for key, positions in subsets.items()
    }
    out: dict[str, dict[str, dict[str, Figure]]] = {key: {} for key in subsets}
    tables = ValueTables(pages, kinds, page_order)
    for name in names:
        values = tables.engine(name)
        for key, (positions, resampled) in drawn.items():
            subset = values.subset(positions)
            figures = out[key].setdefault(name, {})
            for metric in metrics:
                figure = _figure(metric, subset, resampled)
                if figure is not None:
                    figures[metric.name] = figure
    return out
