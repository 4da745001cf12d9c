"""The report's figures, drawn with matplotlib from the engines' results.

Each figure is saved as PNG (for READMEs) and SVG (for papers) and returned as an SVG
string to inline in report.html. SVG output is made deterministic (fixed hash salt, no
date) so an unchanged run does not rewrite the files differently.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from benchmark.corpus.model import BOILERPLATE_KINDS
from benchmark.results.model import EngineResult

KIND_ORDER = BOILERPLATE_KINDS  # columns of the heatmap, in the gold format's order


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update({"svg.hashsalt": "boilerbench", "font.size": 9})
    import matplotlib.pyplot as plt

    return plt


def _save(fig: Any, folder: Path, name: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    fig.savefig(folder / f"{name}.png", dpi=130, bbox_inches="tight")
    fig.savefig(folder / f"{name}.svg", bbox_inches="tight", metadata={"Date": None})
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    _pyplot().close(fig)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def _ranked(engines: list[EngineResult]) -> list[EngineResult]:
    return sorted(
        (e for e in engines if e.value("f1") is not None), key=lambda e: e.value("f1") or 0.0
    )


def _interval(engine: EngineResult, metric: str) -> tuple[float, float]:
    """Distances from the value down to the CI's low end and up to its high end."""
    figure = engine.figure(metric)
    if figure is None or figure.low != figure.low:
        return 0.0, 0.0
    return figure.value - figure.low, figure.high - figure.value


def f1_bars(engines: list[EngineResult], folder: Path) -> str:
    plt = _pyplot()
    ranked = _ranked(engines)
    fig, ax = plt.subplots(figsize=(6.5, 0.32 * len(ranked) + 1.2))
    values = [e.value("f1") for e in ranked]
    low = [_interval(e, "f1")[0] for e in ranked]
    high = [_interval(e, "f1")[1] for e in ranked]
    ax.barh([e.name for e in ranked], values, xerr=[low, high], color="#4878a8", capsize=3)
    ax.set_xlabel("content F1 (AEB metric), 95% bootstrap CI")
    ax.set_xlim(0, 1)
    return _save(fig, folder, "f1")


def _labelled_points(ax: Any, points: list[tuple[str, float, float]]) -> None:
    """One dot per engine, its name beside it."""
    for name, x, y in points:
        ax.scatter(x, y, color="#4878a8")
        ax.annotate(name, (x, y), fontsize=7, xytext=(3, 3), textcoords="offset points")


def precision_recall(engines: list[EngineResult], folder: Path) -> str:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5.5, 5))
    points = [
        (e.name, recall, precision)
        for e in _ranked(engines)
        if (recall := e.value("recall")) is not None
        and (precision := e.value("precision")) is not None
    ]
    _labelled_points(ax, points)
    ax.set_xlabel("recall")
    ax.set_ylabel("precision")
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    return _save(fig, folder, "precision-recall")


def removal_heatmap(engines: list[EngineResult], folder: Path) -> str | None:
    plt = _pyplot()
    kinds = [k for k in KIND_ORDER if any(k in e.removal_kinds() for e in engines)]
    if not kinds:
        return None
    import numpy as np

    ranked = _ranked(engines)[::-1]
    grid = np.full((len(ranked), len(kinds)), np.nan)
    for i, e in enumerate(ranked):
        for j, kind in enumerate(kinds):
            value = e.value(f"removal:{kind}:recall")
            if value is not None:
                grid[i, j] = value
    fig, ax = plt.subplots(figsize=(0.6 * len(kinds) + 2.5, 0.32 * len(ranked) + 1.2))
    cmap = plt.get_cmap("RdYlGn").with_extremes(bad="#dddddd")
    image = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(kinds)), kinds, rotation=45, ha="right")
    ax.set_yticks(range(len(ranked)), [e.name for e in ranked])
    for i in range(len(ranked)):
        for j in range(len(kinds)):
            if not np.isnan(grid[i, j]):
                ax.text(j, i, f"{grid[i, j]:.2f}", ha="center", va="center", fontsize=6)
    fig.colorbar(image, ax=ax, label="removal recall (grey: kind absent)")
    return _save(fig, folder, "removal-heatmap")


def speed_vs_f1(engines: list[EngineResult], folder: Path) -> str | None:
    timed = [e for e in _ranked(engines) if e.timing.ms_median > 0 and e.info.kind != "stored"]
    if not timed:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5.5, 4.5))
    _labelled_points(ax, [(e.name, e.timing.ms_median, e.value("f1") or 0.0) for e in timed])
    ax.set_xscale("log")
    ax.set_xlabel("median ms per page (log scale)")
    ax.set_ylabel("content F1")
    ax.grid(alpha=0.3)
    return _save(fig, folder, "speed-f1")


def all_plots(engines: list[EngineResult], folder: Path) -> dict[str, str]:
    """Every figure that applies, as {name: inline svg}."""
    figures = {
        "F1 with 95% CI": f1_bars(engines, folder),
        "Precision and recall": precision_recall(engines, folder),
        "Removal recall by boilerplate kind": removal_heatmap(engines, folder),
        "Speed against F1": speed_vs_f1(engines, folder),
    }
    return {title: svg for title, svg in figures.items() if svg}
