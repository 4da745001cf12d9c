"""The summary table as Markdown, ready to paste into a README or a paper: the one
table renderer (``summary.md``, ``boilerbench report``, the README all use it)."""

from __future__ import annotations

from collections.abc import Sequence

from benchmark.results.model import EngineResult, Figure, RunResult
from benchmark.structure.tree import ELEMENT_TYPES

MAIN_KINDS = ("spam", "sidebar")
SHORT = {"navigation": "nav", "comments": "comm", "related": "rel", "metadata": "meta"}


def fmt(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def with_ci(figure: Figure | None) -> str:
    if figure is None or not figure.defined:
        return "–"
    if figure.low != figure.low:  # NaN: no interval
        return fmt(figure.value)
    return f"{figure.value:.3f} ({figure.low:.3f}–{figure.high:.3f})"


def headline(engines: Sequence[EngineResult]) -> str:
    """Prefix of the headline metrics: the content metric, or snippets for snippet gold."""
    return "" if any(e.figure("f1") for e in engines) else "snippets:"


def removal_pair(engine: EngineResult, kind: str) -> str:
    if engine.figure(f"removal:{kind}:recall") is None:
        return "n/a"
    recall = fmt(engine.value(f"removal:{kind}:recall"), 2)
    return f"{recall} / {fmt(engine.value(f'removal:{kind}:precision'), 2)}"


def ranked(engines: Sequence[EngineResult], metric: str) -> list[EngineResult]:
    """Best first; engines without the figure last."""

    def key(engine: EngineResult) -> float:
        value = engine.value(metric)
        return -value if value is not None else 1.0

    return sorted(engines, key=key)


def plain_rows(engines: Sequence[EngineResult]) -> list[EngineResult]:
    """The plain-text rows (the main table's); structured-output rows are shown in the
    structure table, unless they are all there is."""
    text = [e for e in engines if e.info.output == "text"]
    return text or list(engines)


def summary_table(engines: Sequence[EngineResult], speed: bool = True) -> str:
    """engine, version, F1 (95% CI), P, R, spam and sidebar removal R/P, other kinds'
    removal recall, median ms/page (unless not ``speed``), failures; sorted by F1.
    Plain-text rows only (``plain_rows``)."""
    engines = plain_rows(engines)
    h = headline(engines)
    lines = [
        "| engine | version | F1 (95% CI) | P | R | spam removal R / P | sidebar removal R / P"
        f" | other kinds: removal R |{' ms/page |' if speed else ''} failures |",
        f"|---|---|---|---|---|---|---|---|{'---:|' if speed else ''}---:|",
    ]
    for e in ranked(engines, f"{h}f1"):
        others = (
            ", ".join(
                f"{SHORT.get(kind, kind)} {fmt(e.value(f'removal:{kind}:recall'), 2)}"
                for kind in sorted(e.removal_kinds())
                if kind not in MAIN_KINDS
            )
            or "n/a"
        )
        ms = e.timing.ms_median
        ms_page = "–" if ms != ms or e.info.kind == "stored" else f"{ms:.1f}"
        lines.append(
            f"| {e.name} | {e.info.version or '–'} | {with_ci(e.figure(f'{h}f1'))}"
            f" | {fmt(e.value(f'{h}precision'))} | {fmt(e.value(f'{h}recall'))}"
            f" | {removal_pair(e, 'spam')} | {removal_pair(e, 'sidebar')}"
            f" | {others} |{f' {ms_page} |' if speed else ''} {e.cells.failures} |"
        )
    return "\n".join(lines) + "\n"


def snippet_table(engines: Sequence[EngineResult]) -> str:
    lines = ["| engine | version | F1 | P | R | accuracy |", "|---|---|---|---|---|---|"]
    for e in plain_rows(engines):
        if e.figure("snippets:f1") is not None:
            cells = " | ".join(
                fmt(e.value(f"snippets:{s}")) for s in ("f1", "precision", "recall", "accuracy")
            )
            lines.append(f"| {e.name} | {e.info.version or '–'} | {cells} |")
    return "\n".join(lines) + "\n"


PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")


def wcxb_table(engines: Sequence[EngineResult]) -> str:
    """WCXB's own metric (Foley 2026, CC-BY-4.0): mean page F1 with CI, P, R, snippet
    rates, and F1 per page type; engines sorted by WCXB F1."""
    engines = plain_rows(engines)
    types = [t for t in PAGE_TYPES if any(t in e.groups.get("page_type", {}) for e in engines)]
    head = "| engine | version | WCXB F1 (95% CI) | P | R | with | without |"
    head += "".join(f" {t} |" for t in types)
    lines = [head, "|---|---|---|---|---|---|---|" + "---:|" * len(types)]
    for e in ranked(engines, "wcxb:f1"):
        if e.figure("wcxb:f1") is None:
            continue
        by_type = e.groups.get("page_type", {})
        figures = [by_type.get(t, {}).get("wcxb:f1") for t in types]
        cells = " | ".join(fmt(f.value if f is not None and f.defined else None) for f in figures)
        lines.append(
            f"| {e.name} | {e.info.version or '–'} | {with_ci(e.figure('wcxb:f1'))}"
            f" | {fmt(e.value('wcxb:precision'))} | {fmt(e.value('wcxb:recall'))}"
            f" | {fmt(e.value('wcxb:with_rate'), 2)} | {fmt(e.value('wcxb:without_rate'), 2)}"
            f" | {cells} |"
        )
    return "\n".join(lines) + "\n"


def kind_pages(engines: Sequence[EngineResult]) -> dict[str, int]:
    """How many pages hold each boilerplate kind (the most any engine's figure counts:
    a page where an engine failed does not count for that engine)."""
    counts: dict[str, int] = {}
    for e in engines:
        for kind in e.removal_kinds():
            figure = e.figure(f"removal:{kind}:recall")
            if figure is not None:
                counts[kind] = max(counts.get(kind, 0), figure.pages)
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))


TYPE_HEAD = {
    "heading": "heading",
    "paragraph": "paragraph",
    "list_item": "list item",
    "table_cell": "table cell",
    "code": "code",
    "quote": "quote",
}


PLURAL = {
    "heading": "headings",
    "paragraph": "paragraphs",
    "list_item": "list items",
    "table_cell": "tables",
    "code": "code blocks",
    "quote": "quotes",
}


def has_structure(engines: Sequence[EngineResult]) -> bool:
    return any(m.startswith("structure:") for e in engines for m in e.figures)


def structure_table(engines: Sequence[EngineResult]) -> str:
    """Per engine row: its output format, word F1, precision / recall per element type
    (types the gold holds), table TEDS and code edit with 95% CIs. Structured rows
    first, then plain-text rows (paragraphs only), each sorted by name."""
    types = [t for t in ELEMENT_TYPES if any(e.figure(f"structure:{t}:recall") for e in engines)]
    head = "| engine | output | F1 (words) |" + "".join(f" {TYPE_HEAD[t]} P / R |" for t in types)
    head += " table TEDS (95% CI) | code edit (95% CI) |"
    lines = [head, "|---|---|---|" + "---|" * len(types) + "---|---|"]
    rows = sorted(engines, key=lambda e: (e.info.output == "text", e.name))
    for e in rows:
        if not any(m.startswith("structure:") for m in e.figures):
            continue
        pairs = " | ".join(
            f"{fmt(e.value(f'structure:{t}:precision'), 2)}"
            f" / {fmt(e.value(f'structure:{t}:recall'), 2)}"
            for t in types
        )
        output = "text (paragraphs only)" if e.info.output == "text" else e.info.output
        f1 = e.figure("f1") or e.figure("wcxb:f1")
        lines.append(
            f"| {e.name} | {output} | {fmt(f1.value if f1 else None)} | {pairs}"
            f" | {with_ci(e.figure('table_teds'))} | {with_ci(e.figure('code_edit'))} |"
        )
    return "\n".join(lines) + "\n"


def structure_note(result: RunResult) -> str:
    pages = {
        m: f.pages for e in result.engines for m, f in e.figures.items() if m.endswith(":recall")
    }
    counts = ", ".join(
        f"{PLURAL[t]} {pages[f'structure:{t}:recall']}"
        for t in ELEMENT_TYPES
        if f"structure:{t}:recall" in pages
    )
    c = result.corpus
    return (
        f"Structure (element trees; see the README): {c.structure_pages} of {c.pages} pages"
        f" have structure gold (pages with each type: {counts}). P / R = element precision"
        " / recall (type, heading level and text must agree); plain-text rows are scored as"
        " paragraphs only. F1 (words): the AEB F1, or WCXB's where there is no AEB figure.\n\n"
    )


GROUP_TITLES = {"language": "language", "style": "page style", "level": "difficulty level"}


def group_table(engines: Sequence[EngineResult], dimension: str, metrics: Sequence[str]) -> str:
    """One row per engine, one column per group of ``dimension`` (and per metric)."""
    groups = sorted({g for e in engines for g in e.groups.get(dimension, {})})
    head = "| engine |" + "".join(f" {g}: {m} |" for g in groups for m in metrics)
    lines = [head, "|---|" + "---:|" * (len(groups) * len(metrics))]
    for e in engines:
        by = e.groups.get(dimension, {})
        if not by:
            continue
        cells = " | ".join(
            fmt(f.value if (f := by.get(g, {}).get(m)) is not None and f.defined else None)
            for g in groups
            for m in metrics
        )
        lines.append(f"| {e.name} | {cells} |")
    return "\n".join(lines) + "\n"


def render_summary(result: RunResult) -> str:
    """``summary.md``: a provenance line, the table, and the snippet table if any. Only
    what an unchanged re-run reproduces: no date, no timings (those are in
    ``run.json`` and ``timings.csv``, the terminal table and the report)."""
    c, p = result.corpus, result.provenance
    text = (
        f"Corpus `{c.spec}` ({c.pages} pages, fingerprint `{c.fingerprint}`),"
        f" boilerbench {p.harness_version}, run digest `{p.run_digest}`.\n\n"
    )
    if result.corpus.kind_labelled_pages:
        text += (
            f"Per-kind removal on the {result.corpus.kind_labelled_pages} pages labelled by kind"
            f" (annotation version {result.corpus.annotation_version}); F1, P, R: the AEB"
            " metric on every page with article gold.\n\n"
        )
    counts = kind_pages(result.engines)
    if counts:
        listed = ", ".join(f"{kind} {n}" for kind, n in counts.items())
        text += f"Pages holding each kind (removal figures average over these): {listed}.\n\n"
    text += summary_table(result.engines, speed=False)
    if any(e.figure("wcxb:f1") for e in result.engines):
        text += (
            "\nWCXB's metric (word-level bag of words, mean over pages; WCXB, Foley 2026,"
            " CC-BY-4.0), overall and F1 per page type:\n\n" + wcxb_table(result.engines)
        )
    if headline(result.engines) == "" and any(e.figure("snippets:f1") for e in result.engines):
        text += "\nSnippet metric (trafilatura evaluation):\n\n" + snippet_table(result.engines)
    if has_structure(result.engines):
        text += "\n" + structure_note(result) + structure_table(result.engines)
    for dimension, title in GROUP_TITLES.items():
        if any(e.groups.get(dimension) for e in result.engines):
            metrics = ["f1"] + (["table_teds"] if has_structure(result.engines) else [])
            text += f"\nBy {title} (F1{', table TEDS' if len(metrics) > 1 else ''}):\n\n"
            text += group_table(result.engines, dimension, metrics)
    return text
