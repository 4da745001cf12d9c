"""report.html: one self-contained page (inline CSS, inline SVG, a few lines of JS)."""

from __future__ import annotations

from html import escape

from benchmark.report.marking import Span
from benchmark.results.markdown import ranked, removal_pair
from benchmark.results.model import EngineResult

COLOURS = {
    "missed": "#f4b6b6",
    "unmatched": "#d9d9d9",
    "spam": "#e06666",
    "sidebar": "#f6b26b",
    "related": "#ffd966",
    "navigation": "#9fc5e8",
    "header": "#b4a7d6",
    "footer": "#b4a7d6",
    "comments": "#93c47d",
    "ads": "#ea9999",
    "share": "#a2c4c9",
    "caption": "#d5a6bd",
    "metadata": "#cfe2f3",
    "notice": "#c9daf8",
    "other": "#eeeeee",
}
CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1200px;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}
td:first-child,th:first-child{text-align:left}th{background:#f3f3f3;cursor:pointer}
.plots{display:flex;flex-wrap:wrap;gap:1em}.plot{flex:1 1 45%;min-width:420px}.plot svg{width:100%;height:auto}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1em}.pane{border:1px solid #ddd;padding:.5em;max-height:28em;overflow:auto;font-size:12px;white-space:pre-wrap}
.kind{font-size:10px;color:#666;display:block;margin-top:.4em}.legend span{padding:1px 5px;margin-right:4px;font-size:11px}
.meta{color:#555}
"""
SORT_JS = """
document.querySelectorAll('table.sortable th').forEach(function(th, i){
  th.addEventListener('click', function(){
    var body = th.closest('table').tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var asc = th.dataset.asc !== '1'; th.dataset.asc = asc ? '1' : '0';
    rows.sort(function(a, b){
      var x = a.cells[i].textContent, y = b.cells[i].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var d = (isNaN(nx) || isNaN(ny)) ? x.localeCompare(y) : nx - ny;
      return asc ? d : -d;
    });
    rows.forEach(function(r){ body.appendChild(r); });
  });
});
document.body.setAttribute('data-ready', '1');
"""


def _f(value: float | None, digits: int = 3) -> str:
    return "–" if value is None or value != value else f"{value:.{digits}f}"


def summary_table(engines: list[EngineResult], kinds: list[str]) -> str:
    head = [
        "engine",
        "version",
        "F1",
        "95% CI",
        "P",
        "R",
        *[f"{k} R/P" for k in kinds],
        "ms/page",
        "failures",
    ]
    rows = []
    for e in ranked(engines, "f1"):
        f1 = e.figure("f1")
        cells = [
            escape(e.name),
            escape(str(e.info.version or "–")),
            _f(e.value("f1")),
            f"{_f(f1.low if f1 else None)}–{_f(f1.high if f1 else None)}",
            _f(e.value("precision")),
            _f(e.value("recall")),
        ]
        for kind in kinds:
            cells.append(removal_pair(e, kind))
        ms = e.timing.ms_median
        cells += [
            _f(ms, 1) if e.info.kind != "stored" and ms == ms else "–",
            str(e.cells.failures),
        ]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (
        '<table class="sortable"><thead><tr>'
        + "".join(f"<th>{escape(h)}</th>" for h in head)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def legend(labels: list[str]) -> str:
    return (
        '<p class="legend">'
        + "".join(
            f'<span style="background:{COLOURS.get(label, "#eee")}">{escape(label)}</span>'
            for label in labels
        )
        + "</p>"
    )


def render_spans(spans: list[Span], plain: set[str]) -> str:
    parts = []
    for span in spans:
        text = escape(span.text)
        if span.label and span.label not in plain:
            parts.append(
                f'<mark style="background:{COLOURS.get(span.label, "#eee")}" title="{span.label}">{text}</mark>'
            )
        else:
            parts.append(text)
    return "".join(parts)


def page(title: str, meta: str, table: str, plots: dict[str, str], worst: str) -> str:
    figures = "".join(
        f'<div class="plot"><h3>{escape(t)}</h3>{svg}</div>' for t, svg in plots.items()
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        f"<h1>{escape(title)}</h1><p class='meta'>{meta}</p>"
        f"<h2>Summary</h2><div style='overflow-x:auto'>{table}</div><p class='meta'>Click a column to sort. Removal R / P: removal recall and"
        " removal precision per boilerplate kind; n/a: the kind is not on the corpus's pages.</p>"
        f"<h2>Figures</h2><div class='plots'>{figures}</div>"
        f"<h2>Worst pages per engine</h2>{worst}"
        f"<script>{SORT_JS}</script></body></html>"
    )
