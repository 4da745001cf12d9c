"""Per-engine figures from the per-page tables: every declared metric that applies,
with its seeded 95% bootstrap interval, overall and per page type.

One resample matrix is drawn for the corpus (and one per page type) and shared by
every engine, so differences between engines are paired. Cell counts come from the
statuses; timings are medians over the cells that succeeded.
"""

from __future__ import annotations

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


def _cells(rows: pd.DataFrame) -> CellCounts:
    status = rows["status"]
    ok = status == OK
    return CellCounts(
        pages=len(rows),
        failures=int((~ok).sum()),
        errors=int((status == ERROR).sum()),
        timeouts=int((status == TIMEOUT).sum()),
        crashes=int((status == CRASH).sum()),
        empty_outputs=int((ok & (rows["output_tokens"] == 0)).sum()),
        unavailable=int((status == UNAVAILABLE).sum()),
    )


def _timing(rows: pd.DataFrame) -> Timing:
    ok = rows["status"] == OK
    if not ok.any():
        return Timing(cpu_s_total=float(rows["cpu_ms"].sum() / 1000))
    return Timing(
        ms_median=float(rows.loc[ok, "wall_ms"].median()),
        ms_mean=float(rows.loc[ok, "wall_ms"].mean()),
        cpu_ms_median=float(rows.loc[ok, "cpu_ms"].median()),
        cpu_s_total=float(rows["cpu_ms"].sum() / 1000),
    )


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
    by_engine = {name: rows for name, rows in pages.groupby("engine", sort=False)}
    for info in engines:
        values = tables.engine(info.name)
        rows = by_engine.get(info.name, pages.iloc[0:0])
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
        results.append(EngineResult(info, _cells(rows), _timing(rows), figures, by_group))
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
