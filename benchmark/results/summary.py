"""Per-engine figures from the per-page table, each with a bootstrap interval.

Content: the AEB metric (see ``benchmark.scoring.content``). Removal, per kind K, over
the pages that have K and where the engine produced output (a crash is not a removal):
mean of removed_K/units_K (recall) and of removed_K/(removed_K + removed_article)
(precision, where defined). Timings are medians over the cells that succeeded.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from benchmark.corpus.model import ARTICLE
from benchmark.results.files import json_safe
from benchmark.runner.worker import CRASH, ERROR, OK, TIMEOUT
from benchmark.scoring.content import f1_score
from benchmark.scoring.snippets import aggregate_snippets
from benchmark.stats.bootstrap import Interval, f1_samples, resampled_means


def removal_values(pages: pd.DataFrame, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """Per-page removal recall and precision for ``kind`` (NaN where not applicable)."""
    nan = np.full(len(pages), np.nan)
    if f"units:{kind}" not in pages:
        return nan, nan
    ok = (pages["status"] == OK).to_numpy()
    units = pages[f"units:{kind}"].fillna(0).to_numpy(float)
    removed = units - pages[f"kept:{kind}"].fillna(0).to_numpy(float)
    if f"units:{ARTICLE}" in pages:
        article_units = pages[f"units:{ARTICLE}"].fillna(0).to_numpy(float)
        removed_article = article_units - pages[f"kept:{ARTICLE}"].fillna(0).to_numpy(float)
    else:
        removed_article = np.zeros(len(pages))
    has_kind = ok & (units > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        recall = np.where(has_kind, removed / np.where(units > 0, units, 1), np.nan)
        denominator = removed + removed_article
        precision = np.where(
            has_kind & (denominator > 0),
            removed / np.where(denominator > 0, denominator, 1),
            np.nan,
        )
    return recall, precision


def boilerplate_kinds(pages: pd.DataFrame) -> list[str]:
    return [
        c.split(":", 1)[1]
        for c in pages.columns
        if c.startswith("units:") and c != f"units:{ARTICLE}"
    ]


def summarize_engine(pages: pd.DataFrame, indices: np.ndarray) -> dict[str, Any]:
    """Figures for one engine; ``pages`` has one row per corpus page in corpus order."""
    status = pages["status"]
    ok = status == OK
    summary: dict[str, Any] = {
        "pages": len(pages),
        "failures": int((~ok).sum()),
        "errors": int((status == ERROR).sum()),
        "timeouts": int((status == TIMEOUT).sum()),
        "crashes": int((status == CRASH).sum()),
        "empty_outputs": int((ok & (pages["output_tokens"] == 0)).sum()),
        "ms_median": float(pages.loc[ok, "wall_ms"].median()) if ok.any() else math.nan,
        "ms_mean": float(pages.loc[ok, "wall_ms"].mean()) if ok.any() else math.nan,
        "cpu_ms_median": float(pages.loc[ok, "cpu_ms"].median()) if ok.any() else math.nan,
        "cpu_s_total": float(pages["cpu_ms"].sum() / 1000),
    }
    ci: dict[str, Any] = {}
    if "precision" in pages:
        p = pages["precision"].to_numpy(float)
        r = pages["recall"].to_numpy(float)
        exact = pages["exact"].to_numpy(float)
        precision = float(np.nanmean(p)) if np.isfinite(p).any() else math.nan
        recall = float(np.nanmean(r)) if np.isfinite(r).any() else math.nan
        summary |= {
            "f1": f1_score(precision, recall),
            "precision": precision,
            "recall": recall,
            "accuracy": float(exact.mean()) if len(exact) else math.nan,
        }
        p_b, r_b = resampled_means(p, indices), resampled_means(r, indices)
        ci |= {
            "f1": Interval.of(f1_samples(p_b, r_b)).as_dict(),
            "precision": Interval.of(p_b).as_dict(),
            "recall": Interval.of(r_b).as_dict(),
            "accuracy": Interval.of(resampled_means(exact, indices)).as_dict(),
        }
    removal: dict[str, Any] = {}
    for kind in boilerplate_kinds(pages):
        rec, prec = removal_values(pages, kind)
        if not np.isfinite(rec).any():
            continue
        removal[kind] = {
            "recall": float(np.nanmean(rec)),
            "precision": float(np.nanmean(prec)) if np.isfinite(prec).any() else math.nan,
            "pages": int(np.isfinite(rec).sum()),
            "ci": {
                "recall": Interval.of(resampled_means(rec, indices)).as_dict(),
                "precision": Interval.of(resampled_means(prec, indices)).as_dict(),
            },
        }
    if removal:
        summary["removal"] = removal
    if "unmatched" in pages:
        shingles = pages.loc[ok, "output_shingles"].sum()
        summary["unmatched_share"] = (
            float(pages.loc[ok, "unmatched"].sum() / shingles) if shingles else math.nan
        )
    if "snippet_tp" in pages:
        counts = [int(pages[f"snippet_{k}"].sum()) for k in ("tp", "fp", "fn", "tn")]
        summary["snippets"] = aggregate_snippets(*counts)
        leaks = {
            c.split(":", 1)[1]: int(pages[c].sum())
            / int(pages[f"snippet_n:{c.split(':', 1)[1]}"].sum())
            for c in pages.columns
            if c.startswith("snippet_fp:") and pages[f"snippet_n:{c.split(':', 1)[1]}"].sum() > 0
        }
        if leaks:  # share of each kind's snippets found in the outputs
            summary["snippets"]["found_by_kind"] = leaks
        if "precision" not in pages:  # snippet-only gold: its metric is the headline
            summary |= summary["snippets"]
    summary["metric"] = "aeb-shingles" if "precision" in pages else "snippets"
    summary["ci"] = ci
    return summary


def summaries(
    pages: pd.DataFrame, engine_names: list[str], page_order: list[str], indices: np.ndarray
) -> dict[str, dict[str, Any]]:
    """Summaries of every engine, rows aligned to ``page_order`` for paired resampling."""
    out = {}
    for name in engine_names:
        rows = pages[pages["engine"] == name].set_index("page").reindex(page_order).reset_index()
        out[name] = json_safe(summarize_engine(rows, indices))
    return out
