"""The report's structure section: per engine row and element type, precision and
recall with their 95% intervals, table TEDS and code edit (``benchmark.structure``)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from benchmark.results.markdown import TYPE_HEAD, has_structure
from benchmark.results.model import EngineResult, Figure
from benchmark.structure.tree import ELEMENT_TYPES


def _ci(figure: Figure | None) -> str:
    if figure is None or not figure.defined:
        return "–"
    if figure.low != figure.low:
        return f"{figure.value:.2f}"
    return f"{figure.value:.2f} <small>({figure.low:.2f}–{figure.high:.2f})</small>"


def structure_section(engines: Sequence[EngineResult]) -> str:
    """An HTML table (empty string when no row has structure figures)."""
    if not has_structure(engines):
        return ""
    types = [t for t in ELEMENT_TYPES if any(e.figure(f"structure:{t}:recall") for e in engines)]
    head = ["engine", "output"]
    for t in types:
        head += [f"{TYPE_HEAD[t]} P", f"{TYPE_HEAD[t]} R"]
    head += ["table TEDS", "code edit"]
    rows = []
    for e in sorted(engines, key=lambda e: (e.info.output == "text", e.name)):
        if not any(m.startswith("structure:") for m in e.figures):
            continue
        cells = [escape(e.name), escape(e.info.output)]
        for t in types:
            cells += [
                _ci(e.figure(f"structure:{t}:precision")),
                _ci(e.figure(f"structure:{t}:recall")),
            ]
        cells += [_ci(e.figure("table_teds")), _ci(e.figure("code_edit"))]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (
        "<h3>Structure</h3><p class='meta'>Element precision and recall per type (type,"
        " heading level and text must agree), with 95% bootstrap intervals; plain-text rows"
        " (output <i>text</i>) are scored as paragraphs only. Table TEDS and code edit:"
        " means over the pages whose gold has tables / code.</p>"
        '<div style="overflow-x:auto"><table class="sortable"><thead><tr>'
        + "".join(f"<th>{escape(h)}</th>" for h in head)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
    )
