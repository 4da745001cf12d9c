"""Robustness curves: F1 and removal recall against the injected share, per engine.

Reads a run over an injected corpus (``boilerbench inject`` then ``boilerbench run``):
page ids ``<case>--<placement>-<level>`` give each page's placement and level. For each
engine, placement and level: the corpus F1 (AEB: from mean P and mean R over those
pages) and the mean removal recall of the injected kind (spam, or sidebar for the
sidebar placement). Level 0 is the untouched page, the control.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from benchmark.results.files import write_atomic
from benchmark.results.io import load_results
from benchmark.results.model import RunResult
from benchmark.results.values import EngineValues
from benchmark.scoring.metrics import BY_NAME

_ID = re.compile(r"^(?P<case>.+)--(?P<placement>[a-z-]+)-(?P<level>\d\d)$")


def curve_table(result: RunResult) -> pd.DataFrame:
    """One row per engine x placement x level: corpus F1 and the injected kind's
    removal recall over those pages (the declared metrics, on a subset of pages)."""
    ids = pd.Series(sorted(set(result.pages["page"])))
    parts = ids.str.extract(_ID).assign(page=ids).dropna()
    rows = []
    for (placement, level_text), group in parts.groupby(["placement", "level"]):
        level = float(str(level_text)) / 100
        kind = "sidebar" if placement == "sidebar" else "spam"
        for name in result.names:
            values = EngineValues(result.pages, result.kinds, name, list(group["page"]))
            f1, removal = BY_NAME["f1"], BY_NAME[f"removal:{kind}:recall"]
            recall = removal.point(removal.components(values)) if level > 0 else None
            rows.append(
                {
                    "engine": name,
                    "placement": placement,
                    "level": level,
                    "pages": len(group),
                    "f1": f1.point(f1.components(values)),
                    "removal_recall": recall,
                }
            )
    return pd.DataFrame(rows)


def plot_curves(table: pd.DataFrame, out: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    placements = sorted(table["placement"].unique())
    colours = plt.get_cmap("tab20")
    colour = {name: colours(i % 20) for i, name in enumerate(sorted(table["engine"].unique()))}
    fig, axes = plt.subplots(
        2, len(placements), figsize=(4 * len(placements), 7), sharex=True, squeeze=False
    )
    for col, placement in enumerate(placements):
        part = table[table["placement"] == placement]
        for engine, rows in part.groupby("engine"):
            rows = rows.sort_values("level")
            style = {"marker": "o", "label": engine, "color": colour[engine]}
            axes[0][col].plot(rows["level"], rows["f1"], **style)
            axes[1][col].plot(rows["level"], rows["removal_recall"], **style)
        axes[0][col].set_title(placement)
        axes[1][col].set_xlabel("injected share (level)")
    axes[0][0].set_ylabel("content F1")
    axes[1][0].set_ylabel("removal recall of the injected kind")
    axes[0][-1].legend(fontsize=7, loc="lower left")
    fig.tight_layout()
    paths = []
    for suffix in ("png", "svg"):
        path = out / f"injection-curves.{suffix}"
        fig.savefig(path, metadata={"Date": None} if suffix == "svg" else None)
        paths.append(path)
    plt.close(fig)
    return paths


def write_curves(results: Path) -> list[Path]:
    table = curve_table(load_results(results))
    written = plot_curves(table, results)
    write_atomic(results / "injection-curves.csv", table.to_csv(index=False))
    pivot = table.pivot_table(
        index=["placement", "engine"], columns="level", values=["f1", "removal_recall"]
    )
    write_atomic(results / "injection-curves.md", pivot.round(3).to_markdown() + "\n")
    return [*written, results / "injection-curves.csv", results / "injection-curves.md"]
