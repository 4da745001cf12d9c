"""Assemble the report from a results folder: plots, report.html and results/README.md."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from benchmark.corpus.model import Corpus
from benchmark.errors import UserError
from benchmark.report import html
from benchmark.report.marking import mark_gold, mark_output
from benchmark.report.plots import KIND_ORDER, all_plots
from benchmark.results.files import write_atomic
from benchmark.results.markdown import summary_table

WORST = 3


def page_f1(pages: pd.DataFrame) -> pd.Series:
    p, r = pages["precision"].fillna(0.0), pages["recall"].fillna(0.0)
    return (2 * p * r / (p + r)).where(p + r > 0, 0.0)


def worst_pages(
    document: dict[str, Any], pages: pd.DataFrame, outputs: Path, corpus: Corpus | None
) -> str:
    if "precision" not in pages:
        return "<p>Not available for snippet gold.</p>"
    if corpus is None:
        return "<p>The corpus could not be loaded here, so gold and outputs are not shown.</p>"
    gold = {p.id: p.gold for p in corpus.pages}
    kinds = sorted({s.kind for g in gold.values() for s in g.segments} - {"article"})
    sections = [html.legend(["missed", *kinds, "unmatched"])]
    pages = pages.assign(page_f1=page_f1(pages))
    for engine in document["engines"]:
        name = engine["name"]
        rows = pages[pages["engine"] == name].sort_values("page_f1").head(WORST)
        path = outputs / f"{name}.json"
        texts = json.loads(path.read_text(encoding="utf-8"))["output"] if path.is_file() else {}
        sections.append(f"<h3>{escape(name)}</h3>")
        for row in rows.itertuples():
            status = (
                ""
                if row.status == "ok"
                else f" — {escape(str(row.status))}: {escape(str(row.error))}"
            )
            sections.append(f"<p><b>{escape(row.page)}</b>: page F1 {row.page_f1:.3f}{status}</p>")
            segments = gold[row.page].segments if row.page in gold else ()
            output = (texts.get(row.page) or {}).get("articleBody", "")
            left = "".join(
                f'<span class="kind">{escape(kind)}</span>'
                + html.render_spans(
                    spans, plain={"kept"} if kind == "article" else {"missed", "kept"}
                )
                for kind, spans in mark_gold(segments, output)
            )
            right = html.render_spans(mark_output(segments, output), plain={"article"})
            sections.append(
                '<div class="pair"><div class="pane"><b>gold</b> (missed article text marked)'
                f"{left}</div><div class='pane'><b>output</b> (leaked text by kind)<br>"
                f"{right}</div></div>"
            )
    return "".join(sections)


def write_readme(document: dict[str, Any], folder: Path, plot_names: list[str]) -> Path:
    corpus = document["corpus"]
    engines = document["engines"]
    lines = [
        "# boilerbench results",
        "",
        f"Corpus `{corpus['spec']}`: {corpus['pages']} pages,"
        f" fingerprint `{corpus['fingerprint']}`;"
        f" boilerbench {document['harness']['version']}; {document['created']};"
        f" {document['machine']['cpu']} ({document['machine']['cpus']} CPUs),"
        f" Python {document['machine']['python']}.",
        "Reproduce with `make bench`. Engine versions are in the table and in `summary.json`.",
        "",
        summary_table(engines, {e["name"]: e for e in engines}),
        "",
        *[f"![{name}](plots/{name}.png)" for name in plot_names],
        "",
    ]
    path = folder / "README.md"
    write_atomic(path, "\n".join(lines))
    return path


def write_report(results: Path, corpus: Corpus | None = None) -> list[Path]:
    """Write plots/, report.html and README.md into ``results``; returns the paths."""
    summary = results / "summary.json"
    if not summary.is_file():
        raise UserError("no summary.json here: run 'boilerbench run' first", results)
    document = json.loads(summary.read_text(encoding="utf-8"))
    pages = pd.read_csv(results / "pages.csv")
    if corpus is None:
        try:
            from benchmark.corpus import load_corpus

            corpus = load_corpus(document["corpus"]["spec"])
            if corpus.fingerprint != document["corpus"]["fingerprint"]:
                corpus = None  # the gold changed since the run: do not show mismatched text
        except UserError:
            corpus = None
    engines = document["engines"]
    plots = all_plots(engines, results / "plots")
    kinds = [k for k in KIND_ORDER if any(k in (e.get("removal") or {}) for e in engines)]
    c = document["corpus"]
    meta = (
        f"Corpus <code>{escape(c['spec'])}</code>, {c['pages']} pages, fingerprint"
        f" <code>{escape(c['fingerprint'])}</code>;"
        f" boilerbench {escape(document['harness']['version'])};"
        f" {escape(document['created'])}; {escape(str(document['machine'].get('cpu')))}."
    )
    page = html.page(
        "boilerbench report",
        meta,
        html.summary_table(engines, kinds),
        plots,
        worst_pages(document, pages, results / "outputs", corpus),
    )
    write_atomic(results / "report.html", page)
    names = [p.stem for p in sorted((results / "plots").glob("*.png"))]
    readme = write_readme(document, results, names)
    return [results / "report.html", readme, *sorted((results / "plots").iterdir())]
