"""Comparing two runs: which engines and metrics changed, and whether it matters.

A row is a regression when its metric is gated, HEAD is lower than BASE by more than
the threshold, and the paired 95% CI of the difference lies entirely below zero: a
size test and a significance test, so noise alone does not fail a pull request.
Verdicts: ``worse`` / ``better`` (significant), ``~`` (not significant),
``new`` / ``gone`` (engine in one run only), ``x`` (not comparable: no values).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from benchmark.errors import UserError, read_json
from benchmark.results.files import SCHEMA_VERSION
from benchmark.results.summary import boilerplate_kinds, removal_values
from benchmark.stats.bootstrap import draw_indices
from benchmark.stats.paired import Difference, PerPage, paired_difference

CONTENT_METRICS = ("f1", "precision", "recall", "accuracy")


@dataclass
class LoadedRun:
    path: Path
    document: dict[str, Any]
    pages: pd.DataFrame

    @property
    def fingerprint(self) -> str:
        return self.document["corpus"]["fingerprint"]

    @property
    def spec(self) -> str:
        return self.document["corpus"].get("spec", "?")

    def engine(self, name: str) -> dict[str, Any] | None:
        return next((e for e in self.document["engines"] if e["name"] == name), None)


def load_run(path: Path) -> LoadedRun:
    folder = path.parent if path.name == "summary.json" else path
    summary = folder / "summary.json"
    document: Any = read_json(summary, "no summary.json here")
    version = document.get("schema_version")
    if version != SCHEMA_VERSION:
        raise UserError(
            f"written with result schema {version}, this boilerbench reads schema"
            f" {SCHEMA_VERSION}: re-run 'boilerbench run' to regenerate it",
            summary,
        )
    try:
        pages = pd.read_csv(folder / "pages.csv")
    except FileNotFoundError:
        raise UserError(
            "no pages.csv beside summary.json (per-page figures are needed)", folder
        ) from None
    return LoadedRun(folder, document, pages)


@dataclass(frozen=True)
class Row:
    engine: str
    metric: str
    base: float | None
    head: float | None
    delta: float
    low: float
    high: float
    verdict: str
    gated: bool = False


@dataclass
class Comparison:
    base: LoadedRun
    head: LoadedRun
    rows: list[Row] = field(default_factory=list)
    threshold: float = 0.01

    @property
    def regressions(self) -> list[Row]:
        return [
            r for r in self.rows if r.gated and r.verdict == "worse" and -r.delta > self.threshold
        ]


def per_page(pages: pd.DataFrame, metric: str) -> PerPage:
    if metric == "f1":
        return PerPage(
            precision=pages["precision"].to_numpy(float), recall=pages["recall"].to_numpy(float)
        )
    if metric in ("precision", "recall"):
        return PerPage(values=pages[metric].to_numpy(float))
    if metric == "accuracy":
        return PerPage(values=pages["exact"].astype(float).to_numpy())
    _, kind, which = metric.split(":")
    recall, precision = removal_values(pages, kind)
    return PerPage(values=recall if which == "recall" else precision)


def metrics_of(pages: pd.DataFrame) -> list[str]:
    metrics = [m for m in CONTENT_METRICS if "precision" in pages]
    for kind in boilerplate_kinds(pages):
        metrics += [f"removal:{kind}:recall", f"removal:{kind}:precision"]
    return metrics


def _aligned(run: LoadedRun, engine: str, page_ids: list[str]) -> pd.DataFrame:
    rows = run.pages[run.pages["engine"] == engine].set_index("page")
    return rows.reindex(page_ids).reset_index()


def _verdict(diff: Difference) -> str:
    if math.isnan(diff.delta):
        return "x"
    if not diff.significant:
        return "~"
    return "better" if diff.delta > 0 else "worse"


def compare_results(
    base: LoadedRun,
    head: LoadedRun,
    engines: list[str] | None = None,
    gate_metrics: list[str] = ("f1",),  # type: ignore[assignment]
    threshold: float = 0.01,
    resamples: int = 1000,
    seed: int = 20261124,
) -> Comparison:
    names_base = [e["name"] for e in base.document["engines"]]
    names_head = [e["name"] for e in head.document["engines"]]
    unknown = [n for n in engines or [] if n not in names_base and n not in names_head]
    if unknown:
        raise UserError(f"engine(s) in neither run: {', '.join(unknown)}")
    shared_pages = sorted(set(base.pages["page"]) & set(head.pages["page"]))
    if not shared_pages:
        raise UserError("the two runs share no page")
    indices = draw_indices(len(shared_pages), resamples, seed)
    comparison = Comparison(base, head, threshold=threshold)
    for name in dict.fromkeys(names_base + names_head):
        gated = engines is None or name in engines
        if name not in names_head or name not in names_base:
            verdict = "gone" if name not in names_head else "new"
            comparison.rows.append(
                Row(name, "f1", None, None, math.nan, math.nan, math.nan, verdict, gated)
            )
            continue
        b_pages, h_pages = _aligned(base, name, shared_pages), _aligned(head, name, shared_pages)
        for metric in metrics_of(b_pages):
            if metric not in metrics_of(h_pages):
                continue
            diff = paired_difference(per_page(b_pages, metric), per_page(h_pages, metric), indices)
            comparison.rows.append(
                Row(
                    name,
                    metric,
                    _none(diff.base),
                    _none(diff.head),
                    diff.delta,
                    diff.low,
                    diff.high,
                    _verdict(diff),
                    gated and metric in gate_metrics,
                )
            )
        failures_b = int((b_pages["status"] != "ok").sum())
        failures_h = int((h_pages["status"] != "ok").sum())
        verdict = (
            "worse" if failures_h > failures_b else "better" if failures_h < failures_b else "~"
        )
        comparison.rows.append(
            Row(
                name,
                "failures",
                failures_b,
                failures_h,
                failures_h - failures_b,
                math.nan,
                math.nan,
                verdict,
                False,
            )
        )
    return comparison


def _none(value: float) -> float | None:
    return None if math.isnan(value) else value


def _fmt(value: float | None, signed: bool = False) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, int) or (float(value).is_integer() and abs(value) > 1):
        return f"{int(value):+d}" if signed else f"{int(value)}"
    return f"{value:+.3f}" if signed else f"{value:.3f}"


def render_markdown(comparison: Comparison, all_rows: bool = False) -> str:
    """The differences as a Markdown table; unchanged non-gated rows are left out."""
    base, head = comparison.base.document, comparison.head.document
    lines = [
        f"**boilerbench compare**: BASE `{comparison.base.path}`"
        f" (corpus `{comparison.base.fingerprint}`, {base.get('created', '?')})"
        f" vs HEAD `{comparison.head.path}` (corpus `{comparison.head.fingerprint}`,"
        f" {head.get('created', '?')}); paired bootstrap 95% CI;"
        f" regression = gated metric down by more than {comparison.threshold} with the CI below 0.",
        "",
        "| engine | version (base → head) | metric | base | head | Δ | 95% CI of Δ | verdict |",
        "|---|---|---|---:|---:|---:|---|---|",
    ]
    for row in comparison.rows:
        if not (all_rows or row.gated or row.verdict not in ("~",)):
            continue
        vb = (comparison.base.engine(row.engine) or {}).get("version") or "–"
        vh = (comparison.head.engine(row.engine) or {}).get("version") or "–"
        version = vb if vb == vh else f"{vb} → {vh}"
        ci = "–" if math.isnan(row.low) else f"{row.low:+.3f} … {row.high:+.3f}"
        verdict = row.verdict + (" **REGRESSION**" if row in comparison.regressions else "")
        lines.append(
            f"| {row.engine} | {version} | {row.metric}{' (gated)' if row.gated else ''}"
            f" | {_fmt(row.base)} | {_fmt(row.head)} | {_fmt(row.delta, signed=True)}"
            f" | {ci} | {verdict} |"
        )
    return "\n".join(lines) + "\n"
