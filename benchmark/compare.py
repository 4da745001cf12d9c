"""Comparing two runs: which engines and metrics changed, and whether it matters.

A row is a regression when its metric is gated, HEAD is worse than BASE by more than
the threshold (in the metric's own direction: lower for most, higher for leak shares),
and the paired 95% CI of the difference lies entirely on the worse side: a size test
and a significance test, so noise alone does not fail a pull request.
Verdicts: ``worse`` / ``better`` (significant), ``~`` (not significant),
``new`` / ``gone`` (engine in one run only), ``x`` (not comparable: no values).
Every metric declared in ``benchmark.scoring.metrics`` that both runs have is compared.

``pairwise_differences`` compares the rows *of one run* with each other, every pair on
the same resampled pages (AEB's ``evaluate.py --bootstrap-differences``, seeded).
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

from benchmark.errors import UserError
from benchmark.results.model import RunResult
from benchmark.results.values import EngineValues, ValueTables
from benchmark.scoring.metrics import METRICS, Metric, get_metric
from benchmark.settings import DEFAULT_RESAMPLES, DEFAULT_SEED
from benchmark.stats.bootstrap import Resamples
from benchmark.stats.paired import Difference, paired_difference


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
    higher_is_better: bool = True

    @property
    def worsening(self) -> float:
        """How much worse HEAD is, in the metric's units (negative: better)."""
        return -self.delta if self.higher_is_better else self.delta


@dataclass
class Comparison:
    base: RunResult
    head: RunResult
    base_path: str
    head_path: str
    rows: list[Row] = field(default_factory=list)
    threshold: float = 0.01

    @property
    def regressions(self) -> list[Row]:
        return [
            r
            for r in self.rows
            if r.gated and r.verdict == "worse" and r.worsening > self.threshold
        ]


def _verdict(diff: Difference, higher_is_better: bool) -> str:
    if math.isnan(diff.delta):
        return "x"
    if not diff.significant:
        return "~"
    return "better" if (diff.delta > 0) == higher_is_better else "worse"


def _none(value: float) -> float | None:
    return None if math.isnan(value) else value


def compare_results(
    base: RunResult,
    head: RunResult,
    engines: Sequence[str] | None = None,
    gate_metrics: Sequence[str] = ("f1",),
    threshold: float = 0.01,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    base_path: str = "BASE",
    head_path: str = "HEAD",
) -> Comparison:
    gated_metrics = {get_metric(name).name for name in gate_metrics}
    known = list(dict.fromkeys(base.names + head.names))
    for name in engines or []:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            listed = ", ".join(known)
            raise UserError(f"engine {name!r} is in neither run{hint} (engines: {listed})")
    shared = sorted(set(base.pages["page"]) & set(head.pages["page"]))
    if not shared:
        raise UserError("the two runs share no page")
    drawn = Resamples.draw(len(shared), resamples, seed)
    comparison = Comparison(base, head, base_path, head_path, threshold=threshold)
    for name in dict.fromkeys(base.names + head.names):
        gated = engines is None or name in engines
        if name not in head.names or name not in base.names:
            verdict = "gone" if name not in head.names else "new"
            comparison.rows.append(
                Row(name, "f1", None, None, math.nan, math.nan, math.nan, verdict, gated)
            )
            continue
        b_values = EngineValues(base.pages, base.kinds, name, shared)
        h_values = EngineValues(head.pages, head.kinds, name, shared)
        b_result, h_result = base.engine(name), head.engine(name)
        assert b_result is not None and h_result is not None
        for metric in METRICS:
            if metric.name not in b_result.figures or metric.name not in h_result.figures:
                continue
            comparison.rows.append(
                _row(
                    name, metric, b_values, h_values, drawn, gated and metric.name in gated_metrics
                )
            )
        failures_b = int((b_values.ok == 0).sum())
        failures_h = int((h_values.ok == 0).sum())
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
                False,
            )
        )
    return comparison


def _row(
    name: str, metric: Metric, base: EngineValues, head: EngineValues, drawn: Resamples, gated: bool
) -> Row:
    base_parts, head_parts = metric.components(base), metric.components(head)
    diff = paired_difference(
        lambda r: metric.estimate(base_parts, r), lambda r: metric.estimate(head_parts, r), drawn
    )
    return Row(
        name,
        metric.name,
        _none(diff.base),
        _none(diff.head),
        diff.delta,
        diff.low,
        diff.high,
        _verdict(diff, metric.higher_is_better),
        gated,
        metric.higher_is_better,
    )


def _fmt(value: float | None, signed: bool = False) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, int) or (float(value).is_integer() and abs(value) > 1):
        return f"{int(value):+d}" if signed else f"{int(value)}"
    return f"{value:+.3f}" if signed else f"{value:.3f}"


def render_markdown(comparison: Comparison, all_rows: bool = False) -> str:
    """The differences as a Markdown table; unchanged non-gated rows are left out."""
    base, head = comparison.base, comparison.head
    lines = [
        f"**boilerbench compare**: BASE `{comparison.base_path}`"
        f" (corpus `{base.corpus.fingerprint}`, {base.provenance.created})"
        f" vs HEAD `{comparison.head_path}` (corpus `{head.corpus.fingerprint}`,"
        f" {head.provenance.created}); paired bootstrap 95% CI;"
        f" regression = gated metric worse by more than {comparison.threshold}"
        " with the CI on the worse side.",
        "",
        "| engine | version (base → head) | metric | base | head | Δ | 95% CI of Δ | verdict |",
        "|---|---|---|---:|---:|---:|---|---|",
    ]
    regressions = comparison.regressions
    for row in comparison.rows:
        if not (all_rows or row.gated or row.verdict != "~"):
            continue
        b, h = base.engine(row.engine), head.engine(row.engine)
        vb = (b.info.version if b else None) or "–"
        vh = (h.info.version if h else None) or "–"
        version = vb if vb == vh else f"{vb} → {vh}"
        ci = "–" if math.isnan(row.low) else f"{row.low:+.3f} … {row.high:+.3f}"
        verdict = row.verdict + (" **REGRESSION**" if row in regressions else "")
        lines.append(
            f"| {row.engine} | {version} | {row.metric}{' (gated)' if row.gated else ''}"
            f" | {_fmt(row.base)} | {_fmt(row.head)} | {_fmt(row.delta, signed=True)}"
            f" | {ci} | {verdict} |"
        )
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Pair:
    """``first`` minus ``second`` on one metric, paired over the run's pages."""

    first: str
    second: str
    metric: str
    first_value: float | None
    second_value: float | None
    delta: float
    low: float
    high: float
    std: float

    @property
    def significant(self) -> bool:
        return not math.isnan(self.low) and (self.low > 0 or self.high < 0)


def pairwise_differences(
    result: RunResult,
    metrics: Sequence[str] = ("f1", "precision", "recall"),
    engines: Sequence[str] | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
) -> list[Pair]:
    """Every pair of rows (in name order, first < second) on each metric: the paired
    bootstrap difference first - second, one set of resampled pages for all pairs."""
    names = sorted(engines or result.names)
    unknown = [n for n in names if n not in result.names]
    if unknown:
        raise UserError(f"engine(s) not in this run: {', '.join(unknown)}")
    chosen = [get_metric(m) for m in metrics]
    pages = list(dict.fromkeys(result.pages["page"]))
    drawn = Resamples.draw(len(pages), resamples, seed)
    tables = ValueTables(result.pages, result.kinds, pages)
    values = {n: tables.engine(n) for n in names}
    parts = {
        (n, m.name): m.components(values[n])
        for n in names
        for m in chosen
        if m.name in result.engine(n).figures  # type: ignore[union-attr]
    }
    pairs = []
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            for m in chosen:
                if (first, m.name) not in parts or (second, m.name) not in parts:
                    continue
                a, b = parts[first, m.name], parts[second, m.name]
                # (paired_difference gives head - base: head = first, base = second)
                diff = paired_difference(partial(m.estimate, b), partial(m.estimate, a), drawn)
                pairs.append(
                    Pair(
                        first,
                        second,
                        m.name,
                        _none(diff.head),
                        _none(diff.base),
                        diff.delta,
                        diff.low,
                        diff.high,
                        diff.std,
                    )
                )
    return pairs


def render_pairs_markdown(pairs: Sequence[Pair], result: RunResult) -> str:
    """The pairwise differences as a Markdown table."""
    lines = [
        f"**boilerbench compare --pairs**: `{result.corpus.spec}` (corpus"
        f" `{result.corpus.fingerprint}`, {result.provenance.created}); every pair of rows,"
        " paired bootstrap over the same pages; Δ = first − second.",
        "",
        "| first | second | metric | first | second | Δ | ± (std) | 95% CI of Δ | significant |",
        "|---|---|---|---:|---:|---:|---:|---|---|",
    ]
    for p in pairs:
        ci = "–" if math.isnan(p.low) else f"{p.low:+.3f} … {p.high:+.3f}"
        lines.append(
            f"| {p.first} | {p.second} | {p.metric} | {_fmt(p.first_value)}"
            f" | {_fmt(p.second_value)} | {_fmt(p.delta, signed=True)} | {_fmt(p.std)}"
            f" | {ci} | {'yes' if p.significant else 'no'} |"
        )
    return "\n".join(lines) + "\n"
