"""Assemble the report from a results folder: plots, report.html and results/README.md."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pandas as pd

from benchmark.corpus.model import Corpus
from benchmark.errors import UserError
from benchmark.report import html
from benchmark.report.marking import mark_gold, mark_output
from benchmark.report.plots import KIND_ORDER, all_plots
from benchmark.report.structure import structure_section
from benchmark.results.files import write_atomic
from benchmark.results.io import load_results
from benchmark.results.markdown import has_structure, plain_rows, structure_table, summary_table
from benchmark.results.model import RunResult
from benchmark.scoring.content import f1_score

WORST = 3


def page_f1(pages: pd.DataFrame) -> pd.Series:
    """Each page's F1 from its precision and recall (undefined counts as 0)."""
    p, r = (
        pages["precision"].fillna(0.0).to_numpy(float),
        pages["recall"].fillna(0.0).to_numpy(float),
    )
    return pd.Series(f1_score(p, r), index=pages.index)


def worst_pages(result: RunResult, corpus: Corpus | None) -> str:
    pages = result.pages
    if not pages["precision"].notna().any():
        return "<p>Not available for snippet gold.</p>"
    if corpus is None:
        return "<p>The corpus could not be loaded here, so gold and outputs are not shown.</p>"
    gold = {p.id: p.gold for p in corpus.pages}
    kinds = sorted({s.kind for g in gold.values() for s in g.segments} - {"article"})
    sections = [html.legend(["missed", *kinds, "unmatched"])]
    pages = pages.assign(page_f1=page_f1(pages))
    outputs = result.outputs or {}
    for name in result.names:
        rows = pages[pages["engine"] == name].sort_values("page_f1").head(WORST)
        texts = outputs.get(name, {})
        sections.append(f"<h3>{escape(name)}</h3>")
        for row in rows.itertuples():
            status = (
                ""
                if row.status == "ok"
                else f" — {escape(str(row.status))}: {escape(str(row.error))}"
            )
            page = str(row.page)
            sections.append(f"<p><b>{escape(page)}</b>: page F1 {row.page_f1:.3f}{status}</p>")
            segments = gold[page].segments if page in gold else ()
            output = texts.get(page) or ""
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


def write_readme(result: RunResult, folder: Path, plot_names: list[str]) -> Path:
    corpus, machine = result.corpus, result.provenance.machine
    lines = [
        "# boilerbench results",
        "",
        f"Corpus `{corpus.spec}`: {corpus.pages} pages, fingerprint `{corpus.fingerprint}`;"
        f" boilerbench {result.provenance.harness_version}; {result.provenance.created};"
        f" {machine.get('cpu')} ({machine.get('cpus')} CPUs), Python {machine.get('python')}.",
        "Reproduce with `make bench`. Engine versions are in the table and in `summary.json`.",
        "",
        summary_table(result.engines),
        "",
        *(
            ["Structure:", "", structure_table(result.engines)]
            if has_structure(result.engines)
            else []
        ),
        *[f"![{name}](plots/{name}.png)" for name in plot_names],
        "",
    ]
    path = folder / "README.md"
    write_atomic(path, "\n".join(lines))
    return path


def _corpus_of(result: RunResult) -> Corpus | None:
    """The run's corpus, if it can be loaded here and is still the one the run used."""
    from benchmark.corpus import load_corpus

    try:
        corpus = load_corpus(result.corpus.spec)
    except UserError:
        return None
    return corpus if corpus.fingerprint == result.corpus.fingerprint else None


def write_report(results: Path, corpus: Corpus | None = None) -> list[Path]:
    """Write plots/, report.html and README.md into ``results``; returns the paths."""
    if not (results / "summary.json").is_file():
        raise UserError("no summary.json here: run 'boilerbench run' first", results)
    result = load_results(results, outputs=True)
    corpus = corpus or _corpus_of(result)
    engines = result.engines
    plots = all_plots(engines, results / "plots")
    kinds = [k for k in KIND_ORDER if any(k in e.removal_kinds() for e in engines)]
    c, p = result.corpus, result.provenance
    meta = (
        f"Corpus <code>{escape(c.spec)}</code>, {c.pages} pages, fingerprint"
        f" <code>{escape(c.fingerprint)}</code>; boilerbench {escape(p.harness_version)};"
        f" {escape(p.created)}; {escape(str(p.machine.get('cpu')))}."
    )
    page = html.page(
        "boilerbench report",
        meta,
        html.summary_table(plain_rows(engines), kinds) + structure_section(engines),
        plots,
        worst_pages(result, corpus),
    )
    write_atomic(results / "report.html", page)
    names = [p.stem for p in sorted((results / "plots").glob("*.png"))]
    readme = write_readme(result, results, names)
    return [results / "report.html", readme, *sorted((results / "plots").iterdir())]
