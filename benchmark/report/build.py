"""Assemble the report of one or more results folders: report.html (leaderboard, plots,
page index, a drill-down for every page), plots/ (PNG and SVG of every plot) and the
folder's README.md (what every file holds, column by column).

The report is redrawn by ``boilerbench run`` only when what it shows changed: its key
hashes the tracked result files, the corpus's availability and the report's own code,
not the timings (so an unchanged re-run leaves it alone, byte for byte).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from benchmark.corpus.model import Corpus
from benchmark.errors import UserError
from benchmark.report import charts, html
from benchmark.report.data import (
    DIMENSION_LABELS,
    INJECTED_ID,
    Source,
    headline,
    kinds_of,
    payload,
)
from benchmark.report.files_doc import results_readme
from benchmark.report.key import report_key
from benchmark.report.structure import structure_section
from benchmark.results.files import write_atomic
from benchmark.results.io import load_results
from benchmark.results.model import EngineResult, RunResult
from benchmark.results.summarize import subset_figures
from benchmark.scoring.metrics import BY_NAME

TRADEOFF_FIRST = ("spam", "sidebar", "navigation", "comments", "ads", "related")


@dataclass(frozen=True)
class Written:
    report: Path
    readme: Path
    plots: list[Path]
    notes: list[str]  # what is missing from the report and why


def ranked(engines: Sequence[EngineResult]) -> list[EngineResult]:
    h = headline(engines)
    return sorted(engines, key=lambda e: -(e.value(f"{h}f1") or -1.0))


#: the run's default cache folder: applied real-page labels kept there are reused
LABEL_MEMO = Path(".boilerbench-cache")


def locate_corpus(
    result: RunResult, folder: Path, spec: str | None = None
) -> tuple[Corpus | None, str]:
    """The run's corpus if it can be loaded here and is still the one the run used;
    otherwise None and the reason. A relative ``gold:DIR``-style path is tried from
    here, then from the results folder's parent (where ``run`` is usually typed)."""
    from benchmark.corpus import load_corpus

    spec = spec or result.corpus.spec
    kind, sep, rest = spec.partition(":")
    tries = [spec]
    if sep and rest and not Path(rest).is_absolute():
        tries.append(f"{kind}:{(folder.resolve().parent / rest)}")
    problem = ""
    for attempt in tries:
        try:
            corpus = load_corpus(attempt, LABEL_MEMO if LABEL_MEMO.is_dir() else None)
        except UserError as exc:
            problem = str(exc)
            continue
        if corpus.fingerprint != result.corpus.fingerprint:
            return None, (
                f"the corpus {attempt} has changed since the run (fingerprint"
                f" {corpus.fingerprint}, the run's {result.corpus.fingerprint}): re-run"
                " 'boilerbench run' to see its pages"
            )
        return corpus, ""
    return None, (
        f"the corpus {spec} could not be loaded from {Path.cwd()} ({problem}); run"
        " 'boilerbench report' where the run was made, or pass --corpus SPEC"
    )


def _source(folder: Path, key: str, corpus: Corpus | None, spec: str | None) -> Source:
    result = load_results(folder, outputs=True)
    why = ""
    if corpus is None:
        corpus, why = locate_corpus(result, folder, spec)
    elif corpus.fingerprint != result.corpus.fingerprint:
        corpus, why = None, "the corpus given is not the one the run used (fingerprints differ)"
    if corpus is not None and not result.outputs:
        why = f"the output texts are missing ({folder / 'outputs'}/): re-run 'boilerbench run'"
    return Source(key, result, corpus, why)


def _group_rows(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """F1 per engine per group of pages, from the payload's subset figures."""
    corpus = next(c for c in data["corpora"] if c["key"] == key)
    f1 = 0  # the headline F1 is the first metric
    rows = []
    for subset in data["subsets"]:
        if subset["corpus"] != key or subset["dim"] not in ("page_type", "language", "template"):
            continue
        for engine, figures in data["figures"][subset["key"]].items():
            figure = figures[f1]
            if not figure or figure[0] is None:
                continue
            value, low, high = (None if v is None else v / 1000 for v in figure[:3])
            rows.append(
                {
                    "dim": DIMENSION_LABELS[subset["dim"]],
                    "row": f"{subset['value']} ({subset['n']})",
                    "n": subset["n"],
                    "engine": engine,
                    "value": value,
                    "label": f"{value:.2f}",
                    "ci": "–" if low is None else f"{value:.3f} ({low:.3f}–{high:.3f})",
                }
            )
    order = {"page type": 0, "language": 1, "template": 2}
    rows.sort(key=lambda r: (order[r["dim"]], r["row"]))
    del corpus
    return rows


def _attack_rows(folder: Path) -> list[dict[str, Any]]:
    """Article recall and removal of the injected text per engine and attack, from the
    injection results beside this folder (``make injection``), levels above 0."""
    injected = folder / "injection"
    if not (injected / "summary.json").is_file():
        return []
    result = load_results(injected)
    order = list(dict.fromkeys(result.pages["page"].astype(str)))
    parsed = {p: m for p in order if (m := INJECTED_ID.match(p))}
    attacks: dict[str, list[int]] = {}
    for position, page in enumerate(order):
        m = parsed.get(page)
        if m and int(m.group("level")) > 0:
            attacks.setdefault(m.group("placement"), []).append(position)
    if not attacks:
        return []
    metrics = [BY_NAME["recall"], BY_NAME["removal:spam:recall"], BY_NAME["removal:sidebar:recall"]]
    bootstrap = result.provenance.settings.get("bootstrap") or {}
    figures = subset_figures(
        result.pages,
        result.kinds,
        result.names,
        order,
        attacks,
        metrics,
        int(bootstrap.get("resamples", 1000)),
        int(bootstrap.get("seed", 0)),
    )
    rows = []
    for attack, by_engine in figures.items():
        kind = "sidebar" if attack == "sidebar" else "spam"
        for engine, got in by_engine.items():
            x, y = got.get("recall"), got.get(f"removal:{kind}:recall")
            if x is None or y is None or not (x.defined and y.defined):
                continue
            rows.append(
                {
                    "attack": f"{attack} ({kind})",
                    "engine": engine,
                    "x": x.value,
                    "x_low": x.low,
                    "x_high": x.high,
                    "y": y.value,
                    "y_low": y.low,
                    "y_high": y.high,
                    "article": f"{x.value:.3f} ({x.low:.3f}–{x.high:.3f})",
                    "removal": f"{y.value:.3f} ({y.low:.3f}–{y.high:.3f})",
                    "pages": y.pages,
                }
            )
    return rows


def _stable_ids(svg: str) -> str:
    """Vega numbers gradients per process (``gradient_7``): number them per file."""
    seen: dict[str, str] = {}

    def renumber(match: re.Match[str]) -> str:
        return seen.setdefault(match.group(0), f"gradient_{len(seen)}")

    return re.sub(r"\bgradient_\d+\b", renumber, svg)


def _render_static(specs: dict[str, dict[str, Any]], folder: Path) -> list[Path]:
    """Every plot as PNG (2x) and SVG in ``folder``; other plot files there are removed."""
    import vl_convert

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, spec in specs.items():
        png, svg = folder / f"{name}.png", folder / f"{name}.svg"
        write_atomic(png, vl_convert.vegalite_to_png(spec, scale=1.5))
        write_atomic(svg, _stable_ids(vl_convert.vegalite_to_svg(spec)))
        written += [png, svg]
    for stale in sorted(folder.glob("*")):
        if stale.suffix in (".png", ".svg") and stale not in written:
            stale.unlink()
    return written


def _meta(source: Source) -> list[str]:
    r = source.result
    c, p = r.corpus, r.provenance
    cpu, cpus = p.machine.get("cpu"), p.machine.get("cpus")
    when = f"; run {escape(p.created)}" if p.created else ""
    lines = [
        f"Corpus <code>{escape(c.spec)}</code> ({escape(c.name)}): {c.pages} pages,"
        f" {c.kind_labelled_pages} with boilerplate labelled by kind, fingerprint"
        f" <code>{escape(c.fingerprint)}</code>"
        + (f", labels {escape(c.annotation_version)}" if c.annotation_version else ""),
        f"boilerbench {escape(p.harness_version)}, run digest <code>{escape(p.run_digest)}</code>"
        f"{when}; {escape(str(cpu))} ({cpus} CPUs), Python {escape(str(p.machine.get('python')))}",
    ]
    if c.name.startswith("wcxb") or c.spec.startswith("wcxb"):
        lines.append("Pages and gold: WCXB (Foley 2026), CC-BY-4.0.")
    return lines


ABOUT = """<p class="note"><b>Content precision, recall, F1</b> are the Scrapinghub
article-extraction-benchmark metric: 4-token shingles of the gold article text against
the output, per page; precision and recall are means over pages, F1 is computed from the
two means (not a mean of page F1s). <b>Removal recall</b> of a kind: the share of that
kind's text the output does not contain, mean over the pages that have the kind (a
failed page is not a removal). <b>Removal precision</b>: of what the engine removed
among article and that kind, the share that was the kind. <b>Unmatched</b>: share of
output shingles found in no gold segment. Every figure carries a seeded 95% bootstrap
interval over pages; all engines share the same resampled pages.</p>
<p class="note">The drill-down marks words, not shingles: a gold word counts as kept when
one of its segment's shingles that contain it is in the output (the same shingles as the
metric; a repeated shingle counts as present for every copy). The result files behind
this page and their columns are described in the results folder's README.md.</p>"""


def write_report(
    results: Path,
    corpus: Corpus | None = None,
    *,
    extra: Sequence[Path] = (),
    out: Path | None = None,
    corpus_spec: str | None = None,
) -> Written:
    """Write report.html (to ``out``, default ``results/report.html``), plots/ and
    README.md into ``results``; ``extra``: more results folders shown beside it (the
    leaderboard's corpus menu, the page index)."""
    if not (results / "summary.json").is_file():
        raise UserError("no summary.json here: run 'boilerbench run' first", results)
    sources = [_source(results, "c0", corpus, corpus_spec)]
    for i, folder in enumerate(extra, start=1):
        if not (folder / "summary.json").is_file():
            raise UserError("no summary.json here: run 'boilerbench run' first", folder)
        sources.append(_source(folder, f"c{i}", None, None))
    data = payload(sources)
    main = sources[0].result
    engines = ranked(main.engines)
    h = headline(engines)
    kinds = kinds_of(engines)
    tradeoff_kinds = [k for k in TRADEOFF_FIRST if k in kinds] + [
        k for k in kinds if k not in TRADEOFF_FIRST
    ]
    built = {
        "tradeoff": charts.tradeoff(engines, tradeoff_kinds, recall=f"{h}recall"),
        "attacks": charts.attacks(_attack_rows(results)),
        "removal-heatmap": charts.removal_heatmap(engines, kinds),
        "f1-by-group": charts.by_group(_group_rows(data, "c0"), [e.name for e in engines]),
        "speed-f1": charts.speed(engines, f"{h}f1"),
        "intervals": charts.forest(engines, h),
    }
    specs = {name: charts.spec(chart) for name, chart in built.items() if chart is not None}
    data["charts"] = specs
    placement = {
        "tradeoff": ["tradeoff"],
        "attacks": ["attacks"],
        "removal": ["removal-heatmap"],
        "groups": ["f1-by-group"],
        "speed": ["speed-f1"],
        "intervals": ["intervals"],
    }
    sections = {a: [n for n in names if n in specs] for a, names in placement.items()}
    notes = [
        f"{s.result.corpus.spec}: no drill-down: {s.why_no_corpus}"
        for s in sources
        if s.why_no_corpus
    ]
    if "speed-f1" not in specs:
        notes.append("no speed plot: no timings (run.json and timings.csv are missing)")
    key = report_key(
        [results, *extra], [(s.key, s.corpus is not None, s.why_no_corpus) for s in sources]
    )
    target = out or results / "report.html"
    dims = {s["dim"] for s in data["subsets"] if s["corpus"] == "c0"}
    grouped = [DIMENSION_LABELS[d] for d in ("page_type", "language", "template") if d in dims]
    titles = {"groups": f"F1 by {' and '.join(grouped[:2]) if grouped else 'page type'}"}
    document = html.page(
        "boilerbench report",
        [m for s in sources for m in _meta(s)],
        data,
        sections,
        _structure_html(main) + ABOUT,
        key,
        titles,
    )
    write_atomic(target, document)
    plots = _render_static(specs, results / "plots")
    readme = results_readme(main, [p.stem for p in plots if p.suffix == ".png"])
    write_atomic(results / "README.md", readme)
    return Written(target, results / "README.md", plots, notes)


def _structure_html(result: RunResult) -> str:
    """The structure figures (element precision / recall, TEDS, code edit), if any."""
    table = structure_section(result.engines)
    if not table:
        return ""
    return (
        "<h3 id='structure'>Structure: headings, lists, tables, code</h3>"
        "<p>Element precision / recall per type with 95% intervals (type, heading level and"
        " text must agree); plain-text rows are scored as paragraphs only.</p>" + table
    )
