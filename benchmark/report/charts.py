"""The report's figures as Vega-Lite specifications (built with Altair).

The same specification is drawn interactively in report.html (hover for values and
intervals) and rendered to PNG (READMEs) and SVG (papers) by vl-convert, offline. Point
labels are placed in Python (``labels.place_labels``) so that they overlap neither
each other nor the points, with a leader line where a label had to move away.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from benchmark.report.labels import Axis, place_labels
from benchmark.report.palette import ENGINE, HIGHLIGHT, KIND_COLOURS, SEQUENTIAL
from benchmark.results.model import EngineResult, Figure

WIDTH, HEIGHT = 720, 460
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
KIND_NAMES = {"metadata": "metadata (headline, byline, date)", "notice": "notice (cookie, paywall)"}


def _config(chart: Any) -> Any:
    return (
        chart.configure(font=FONT)
        .configure_axis(labelFontSize=11, titleFontSize=12, gridColor="#e6e6e6")
        .configure_view(stroke="#cccccc")
        .configure_legend(labelFontSize=11, titleFontSize=11)
    )


def spec(chart: Any) -> dict[str, Any]:
    """The chart as a plain Vega-Lite dict (no $schema: nothing to fetch)."""
    out: dict[str, Any] = _config(chart).to_dict()
    out.pop("$schema", None)
    return out


def _f(figure: Figure | None) -> tuple[float, float, float]:
    if figure is None or not figure.defined:
        return math.nan, math.nan, math.nan
    low = figure.low if figure.low == figure.low else figure.value
    high = figure.high if figure.high == figure.high else figure.value
    return figure.value, low, high


def _ci(value: float, low: float, high: float) -> str:
    if value != value:
        return "–"
    return f"{value:.3f} ({low:.3f}–{high:.3f})"


def _domain(values: Sequence[float], floor: float = 0.0, pad: float = 0.04) -> tuple[float, float]:
    finite = [v for v in values if v == v]
    low = min(finite, default=0.0)
    return max(floor, math.floor((low - pad) * 20) / 20), 1.0


def _labelled(
    rows: list[dict[str, Any]], x: Axis, y: Axis, group: str | None = None
) -> list[dict[str, Any]]:
    """Add label position, alignment and leader-line end (data units) to each row."""
    groups: dict[Any, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row.get(group) if group else None, []).append(row)
    for members in groups.values():
        points = [(r["engine"], x.to_px(r["x"]), y.to_px(r["y"])) for r in members]
        for row, label in zip(members, place_labels(points, x.size, y.size), strict=True):
            box = label.box
            px, py = x.to_px(row["x"]), y.to_px(row["y"])
            ex = min(max(px, box.left), box.right)
            ey = min(max(py, box.top), box.bottom)
            row |= {
                "lx": x.to_data(label.x),
                "ly": y.to_data(label.y),
                "align": label.align,
                "leader": label.leader,
                "ex": x.to_data(ex),
                "ey": y.to_data(ey),
            }
    return rows


def _scatter(
    data: pd.DataFrame,
    x: Axis,
    y: Axis,
    x_title: str,
    y_title: str,
    tooltip: list[Any],
    x_scale: dict[str, Any] | None = None,
    name: str = "hover",
) -> Any:
    """Points with CI whiskers in both directions, labels and leader lines; the engine
    under the pointer turns orange."""
    hover = alt.selection_point(
        name=name, on="pointerover", fields=["engine"], empty=False, clear="pointerout"
    )
    xs = alt.Scale(domain=[x.low, x.high], nice=False, **(x_scale or {"zero": False}))
    ys = alt.Scale(domain=[y.low, y.high], nice=False, zero=False)
    base = alt.Chart(data)
    colour = alt.condition(hover, alt.value(HIGHLIGHT), alt.value(ENGINE))
    layers = [
        base.mark_rule(strokeWidth=1.2, opacity=0.55).encode(
            x=alt.X("x_low:Q", scale=xs, title=x_title), x2="x_high:Q", y="y:Q", color=colour
        ),
        base.mark_rule(strokeWidth=1.2, opacity=0.55).encode(
            y=alt.Y("y_low:Q", scale=ys, title=y_title), y2="y_high:Q", x="x:Q", color=colour
        ),
        base.transform_filter("datum.leader")
        .mark_rule(strokeWidth=1, color="#666666")
        .encode(x="x:Q", y="y:Q", x2="ex:Q", y2="ey:Q"),
        base.mark_circle(size=90, opacity=1)
        .encode(x="x:Q", y="y:Q", color=colour, tooltip=tooltip)
        .add_params(hover),
    ]
    for align in ("left", "right", "center"):
        layers.append(
            base.transform_filter(f"datum.align == '{align}'")
            .mark_text(align=align, baseline="middle", fontSize=11)
            .encode(
                x="lx:Q",
                y="ly:Q",
                text="engine:N",
                color=alt.condition(hover, alt.value(HIGHLIGHT), alt.value("#222222")),
                tooltip=tooltip,
            )
        )
    return alt.layer(*layers).properties(width=x.size, height=y.size)


def tradeoff(engines: Sequence[EngineResult], kinds: Sequence[str], recall: str = "recall") -> Any:
    """Removal of a boilerplate kind (spam first; a menu picks the kind) against article
    recall: top right removes the kind without losing article text."""
    rows: list[dict[str, Any]] = []
    for kind in kinds:
        for e in engines:
            xv, x_low, x_high = _f(e.figure(recall))
            yv, y_low, y_high = _f(e.figure(f"removal:{kind}:recall"))
            if xv != xv or yv != yv:
                continue
            p = e.figure(f"removal:{kind}:precision")
            rows.append(
                {
                    "kind": kind,
                    "engine": e.name,
                    "x": xv,
                    "x_low": x_low,
                    "x_high": x_high,
                    "y": yv,
                    "y_low": y_low,
                    "y_high": y_high,
                    "article": _ci(xv, x_low, x_high),
                    "removal": _ci(yv, y_low, y_high),
                    "precision": _ci(*_f(p)),
                    "pages": e.figure(f"removal:{kind}:recall").pages,  # type: ignore[union-attr]
                }
            )
    if not rows:
        return None
    x = Axis(*_domain([r["x_low"] for r in rows], floor=0.0), size=WIDTH)
    y = Axis(0.0, 1.0, size=HEIGHT, flip=True)
    for kind in kinds:
        _labelled([r for r in rows if r["kind"] == kind], x, y)
    present = [k for k in kinds if any(r["kind"] == k for r in rows)]
    pick = alt.param(
        name="kind",
        value=present[0],
        bind=alt.binding_select(options=present, name="boilerplate kind "),
    )
    tooltip = [
        alt.Tooltip("engine:N"),
        alt.Tooltip("article:N", title="article recall (95% CI)"),
        alt.Tooltip("removal:N", title="removal recall (95% CI)"),
        alt.Tooltip("precision:N", title="removal precision"),
        alt.Tooltip("pages:Q", title="pages with the kind"),
    ]
    chart = _scatter(
        pd.DataFrame(rows),
        x,
        y,
        "article recall: share of the article text kept →",
        "removal recall of the kind: share removed →",
        tooltip,
    )
    title = alt.Title(
        text=alt.ExprRef("'Removal of ' + kind + ' against article recall'"),
        anchor="start",
        fontSize=13,
    )
    return chart.add_params(pick).transform_filter("datum.kind == kind").properties(title=title)


def attacks(rows: list[dict[str, Any]]) -> Any:
    """The trade-off per injection attack (small multiples, one per placement)."""
    if not rows:
        return None
    size = 300
    x = Axis(*_domain([r["x_low"] for r in rows]), size=size)
    y = Axis(0.0, 1.0, size=size * 0.8, flip=True)
    _labelled(rows, x, y, group="attack")
    tooltip = [
        alt.Tooltip("engine:N"),
        alt.Tooltip("attack:N"),
        alt.Tooltip("article:N", title="article recall (95% CI)"),
        alt.Tooltip("removal:N", title="removal recall of the injected text (95% CI)"),
        alt.Tooltip("pages:Q"),
    ]
    charts = [
        _scatter(
            pd.DataFrame([r for r in rows if r["attack"] == attack]),
            x,
            y,
            "article recall →",
            "injected text removed →",
            tooltip,
            name=f"hover{i}",
        ).properties(title=attack)
        for i, attack in enumerate(sorted({r["attack"] for r in rows}))
    ]
    return alt.concat(*charts, columns=3)


def removal_heatmap(engines: Sequence[EngineResult], kinds: Sequence[str]) -> Any:
    """Engines x kinds, removal recall in each cell (rows in F1 order), a colour key of
    the kinds above the columns."""
    rows = []
    for e in engines:
        for kind in kinds:
            v, low, high = _f(e.figure(f"removal:{kind}:recall"))
            figure = e.figure(f"removal:{kind}:recall")
            rows.append(
                {
                    "engine": e.name,
                    "kind": kind,
                    "value": None if v != v else v,
                    "ci": _ci(v, low, high),
                    "precision": _ci(*_f(e.figure(f"removal:{kind}:precision"))),
                    "pages": figure.pages if figure else 0,
                    "label": "n/a" if v != v else f"{v:.2f}",
                }
            )
    if not rows:
        return None
    order = [e.name for e in engines]
    x = alt.X("kind:N", sort=list(kinds), title=None, axis=alt.Axis(orient="top", labelAngle=-35))
    y = alt.Y("engine:N", sort=order, title=None)
    tooltip = [
        alt.Tooltip("engine:N"),
        alt.Tooltip("kind:N"),
        alt.Tooltip("ci:N", title="removal recall (95% CI)"),
        alt.Tooltip("precision:N", title="removal precision"),
        alt.Tooltip("pages:Q", title="pages with the kind"),
    ]
    base = alt.Chart(pd.DataFrame(rows)).properties(width=alt.Step(52), height=alt.Step(26))
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        x=x,
        y=y,
        color=alt.Color(
            "value:Q",
            scale=alt.Scale(scheme=SEQUENTIAL, domain=[0, 1]),
            legend=alt.Legend(title="removal recall", orient="right", gradientLength=160),
        ),
        tooltip=tooltip,
    )
    text = base.mark_text(fontSize=11).encode(
        x=x,
        y=y,
        text="label:N",
        color=alt.condition("datum.value < 0.55", alt.value("white"), alt.value("black")),
        tooltip=tooltip,
    )
    key = (
        alt.Chart(pd.DataFrame({"kind": list(kinds)}))
        .mark_rect(height=8)
        .encode(
            x=alt.X("kind:N", sort=list(kinds), axis=None),
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=list(kinds), range=[KIND_COLOURS[k] for k in kinds]),
                legend=None,
            ),
            tooltip=["kind:N"],
        )
        .properties(width=alt.Step(52), height=10)
    )
    return alt.vconcat(key, alt.layer(cells, text), spacing=2)


def by_group(rows: list[dict[str, Any]], order: Sequence[str]) -> Any:
    """F1 of each engine on each page type (or language, template: a menu picks the
    grouping), one row per group with its page count."""
    if not rows:
        return None
    dims = list(dict.fromkeys(r["dim"] for r in rows))
    pick = alt.param(
        name="grouping", value=dims[0], bind=alt.binding_select(options=dims, name="pages by ")
    )
    tooltip = [
        alt.Tooltip("engine:N"),
        alt.Tooltip("group:N"),
        alt.Tooltip("ci:N", title="F1 (95% CI)"),
        alt.Tooltip("n:Q", title="pages"),
    ]
    base = alt.Chart(pd.DataFrame(rows)).transform_filter("datum.dim == grouping")
    x = alt.X("engine:N", sort=list(order), title=None, axis=alt.Axis(orient="top", labelAngle=-35))
    y = alt.Y("row:N", title=None, sort=alt.EncodingSortField("row"))
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        x=x,
        y=y,
        color=alt.Color(
            "value:Q",
            scale=alt.Scale(scheme=SEQUENTIAL, domain=[0, 1]),
            legend=alt.Legend(title="F1", gradientLength=160),
        ),
        tooltip=tooltip,
    )
    text = base.mark_text(fontSize=11).encode(
        x=x,
        y=y,
        text="label:N",
        color=alt.condition("datum.value < 0.55", alt.value("white"), alt.value("black")),
        tooltip=tooltip,
    )
    return (
        alt.layer(cells, text).add_params(pick).properties(width=alt.Step(52), height=alt.Step(22))
    )


def speed(engines: Sequence[EngineResult], headline: str = "f1") -> Any:
    """Median milliseconds per page (log scale) against F1 with its interval."""
    rows: list[dict[str, Any]] = []
    for e in engines:
        ms = e.timing.ms_median
        v, low, high = _f(e.figure(headline))
        if e.info.kind == "stored" or ms != ms or ms <= 0 or v != v:
            continue
        rows.append(
            {
                "engine": e.name,
                "x": ms,
                "x_low": ms,
                "x_high": ms,
                "y": v,
                "y_low": low,
                "y_high": high,
                "ms": f"{ms:.2f}",
                "pages_s": f"{1000 / ms:.0f}",
                "f1": _ci(v, low, high),
            }
        )
    if not rows:
        return None
    lo = 10 ** math.floor(math.log10(min(r["x"] for r in rows)))
    hi = 10 ** math.ceil(math.log10(max(r["x"] for r in rows)))
    x = Axis(lo, hi, size=WIDTH, log=True)
    y = Axis(*_domain([r["y_low"] for r in rows]), size=HEIGHT * 0.85, flip=True)
    _labelled(rows, x, y)
    tooltip = [
        alt.Tooltip("engine:N"),
        alt.Tooltip("ms:N", title="median ms per page"),
        alt.Tooltip("pages_s:N", title="pages per second (1 worker)"),
        alt.Tooltip("f1:N", title="F1 (95% CI)"),
    ]
    return _scatter(
        pd.DataFrame(rows),
        x,
        y,
        "median milliseconds per page (log scale; faster ←)",
        "F1 →",
        tooltip,
        x_scale={"type": "log"},
    )


def forest(engines: Sequence[EngineResult], headline: str = "") -> Any:
    """F1, precision and recall of each engine with 95% intervals, best F1 on top."""
    rows: list[dict[str, Any]] = []
    for stat in ("f1", "precision", "recall"):
        for e in engines:
            v, low, high = _f(e.figure(f"{headline}{stat}"))
            if v == v:
                rows.append(
                    {
                        "engine": e.name,
                        "metric": stat,
                        "value": v,
                        "low": low,
                        "high": high,
                        "ci": _ci(v, low, high),
                    }
                )
    if not rows:
        return None
    order = [e.name for e in engines]
    base = alt.Chart(pd.DataFrame(rows))
    tooltip = [
        alt.Tooltip("engine:N"),
        alt.Tooltip("metric:N"),
        alt.Tooltip("ci:N", title="95% CI"),
    ]
    y = alt.Y("engine:N", sort=order, title=None)
    scale = alt.Scale(domain=_domain([r["low"] for r in rows]), nice=False, zero=False)
    panel = alt.layer(
        base.mark_rule(strokeWidth=2, color=ENGINE, opacity=0.6).encode(
            x=alt.X("low:Q", scale=scale, title=None), x2="high:Q", y=y, tooltip=tooltip
        ),
        base.mark_circle(size=55, color=ENGINE, opacity=1).encode(
            x="value:Q", y=y, tooltip=tooltip
        ),
    ).properties(width=230, height=alt.Step(20))
    return panel.facet(
        column=alt.Column("metric:N", sort=["f1", "precision", "recall"], title=None)
    )
