"""report.html: one self-contained page. Inline CSS, the Vega bundle (vl-convert's, no
network), the page's own script and its data as JSON; nothing is fetched."""

from __future__ import annotations

import contextlib
import json
import os
from functools import cache
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import Any

from benchmark.results.files import write_atomic

#: (anchor, title, note under the title)
SECTIONS: tuple[tuple[str, str, str], ...] = (
    (
        "leaderboard",
        "Leaderboard",
        "Engines sorted by F1 (click a column to sort by it). Pick a page type, language,"
        " template or attack to see every figure, with its own 95% bootstrap interval,"
        " on those pages alone. ★ marks the best value of each column; hover a cell for its"
        " interval, pages and, for a boilerplate kind, its removal precision.",
    ),
    (
        "tradeoff",
        "Removing spam without losing the article",
        "The question this benchmark exists for. Each engine's article recall (share of the"
        " gold article text it kept) against its removal recall of one boilerplate kind"
        " (share of that kind it removed), both with 95% intervals. Top right is best."
        " Pick another kind in the menu under the plot.",
    ),
    (
        "attacks",
        "Under attack: injected spam",
        "The same trade-off on clean pages into which `boilerbench inject` put spam"
        " (or a sidebar), one panel per way of hiding it; pages with an injected share above 0.",
    ),
    (
        "removal",
        "Removal by boilerplate kind",
        "Share of each kind's text removed (removal recall), mean over the pages that have"
        " the kind. Hover a cell for its interval, the number of pages and the removal"
        " precision (of what the engine removed among article and this kind, the share that"
        " was this kind).",
    ),
    (
        "groups",
        "F1 by page type",
        "Content F1 of every engine on each group of pages (page type where the corpus"
        " gives one; language and template in the menu under the plot).",
    ),
    (
        "speed",
        "Speed against F1",
        "Median milliseconds per page of the extraction alone (the run's timings, which vary"
        " from machine to machine and run to run), against F1 with its 95% interval.",
    ),
    (
        "intervals",
        "F1, precision and recall with intervals",
        "95% bootstrap intervals over pages (1,000 seeded resamples, the same pages for every"
        " engine).",
    ),
    (
        "page-index",
        "Pages",
        "Every page with each engine's page F1 (red: lower). Click a page to open its"
        " drill-down. The filters combine.",
    ),
    ("pages", "Page drill-down", ""),
    ("about", "How to read this report", ""),
)


GLOBALS = "window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite;"


@cache
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script (from vl-convert, offline; bundling
    takes seconds, so the bundle is kept in the user's cache folder per version)."""
    import vl_convert

    version = getattr(vl_convert, "__version__", "unknown")
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    path = base / "boilerbench" / f"vega-bundle-{version}.js"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    bundle = str(vl_convert.javascript_bundle(GLOBALS))
    with contextlib.suppress(OSError):  # a read-only home: bundle again next time
        write_atomic(path, bundle)
    return bundle


def _asset(name: str) -> str:
    return files("benchmark.report").joinpath("assets", name).read_text(encoding="utf-8")


def _json_script(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def _heading(anchor: str, title: str) -> str:
    return f'<h2 id="{anchor}-h">{escape(title)}<a class="anchor" href="#{anchor}">#</a></h2>'


def page(
    title: str,
    meta: list[str],
    data: dict[str, Any],
    charts: dict[str, Any],
    about: str,
    key: str,
    titles: dict[str, str] | None = None,
) -> str:
    """The whole page. ``charts``: section anchor -> chart name(s) in ``data["charts"]``
    (sections without a chart are left out); ``about``: HTML of the last section."""
    nav, body = [], []
    for anchor, heading, note in SECTIONS:
        heading = (titles or {}).get(anchor, heading)
        if anchor in ("tradeoff", "attacks", "removal", "groups", "speed", "intervals"):
            names = charts.get(anchor)
            if not names:
                continue
            content = "".join(f'<div class="chart" data-chart="{n}"></div>' for n in names)
        elif anchor == "leaderboard":
            content = (
                '<div class="controls" id="board-controls"></div>'
                '<p class="pagecount" id="board-scope"></p>'
                '<div class="tablewrap"><table id="board" class="hide-ci"></table></div>'
            )
        elif anchor == "page-index":
            content = (
                '<div class="controls" id="index-controls"></div>'
                '<p class="pagecount" id="index-count"></p>'
                '<div class="tablewrap" style="max-height:70vh;overflow:auto">'
                '<table id="pages"></table></div>'
            )
        elif anchor == "pages":
            detail_sections = "".join(
                f'<article class="page-detail" id="{escape(p[2])}" hidden></article>'
                for p in data["pages"]
            )
            content = (
                '<p class="note" id="detail-hint">Open a page from the <a href="#page-index">'
                "page index</a> (or link to <code>#page-&lt;id&gt;</code>): its gold, each"
                " engine's kept, missed and leaked text, side by side.</p>" + detail_sections
            )
        else:
            content = about
        nav.append(f'<a href="#{anchor}">{escape(heading)}</a>')
        note_html = f'<p class="note">{escape(note)}</p>' if note else ""
        body.append(
            f'<section id="{anchor}">{_heading(anchor, heading)}{note_html}{content}</section>'
        )
    metas = "".join(f'<p class="meta">{m}</p>' for m in meta)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        f"<meta name='boilerbench-report-key' content='{key}'>"
        f"<title>{escape(title)}</title><style>{_asset('report.css')}</style></head><body>"
        f"<header class='top'><h1>{escape(title)}</h1>{metas}</header>"
        f"<nav class='toc' aria-label='contents'>{''.join(nav)}</nav>"
        f"<main>{''.join(body)}</main>"
        "<footer>Made by boilerbench (<code>boilerbench report</code>). One file, no network:"
        " Vega, Vega-Lite and vega-embed are inlined (BSD-3-Clause).</footer>"
        f'<script id="data" type="application/json">{_json_script(data)}</script>'
        f"<script>{vega_bundle()}</script>"
        f"<script>{_asset('report.js')}</script>"
        "</body></html>"
    )
