"""The summary table as Markdown, ready to paste into a README or a paper."""

from __future__ import annotations

from typing import Any

MAIN_KINDS = ("spam", "sidebar")
SHORT = {"navigation": "nav", "comments": "comm", "related": "rel", "metadata": "meta"}


def fmt(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def with_ci(figures: dict[str, Any], metric: str) -> str:
    value = figures.get(metric)
    ci = figures.get("ci", {}).get(metric)
    if value is None:
        return "–"
    if not ci or ci.get("low") is None:
        return fmt(value)
    return f"{value:.3f} ({ci['low']:.3f}–{ci['high']:.3f})"


def removal_pair(figures: dict[str, Any], kind: str) -> str:
    removal = figures.get("removal", {}).get(kind)
    if not removal:
        return "n/a"
    return f"{fmt(removal['recall'], 2)} / {fmt(removal['precision'], 2)}"


def summary_table(engines: list[dict[str, Any]], summary: dict[str, dict[str, Any]]) -> str:
    """engine, version, F1 (95% CI), P, R, spam and sidebar removal R/P, other kinds'
    removal recall, median ms/page, failures; engines sorted by F1."""

    def order(meta: dict[str, Any]) -> float:
        return -(summary[meta["name"]].get("f1") or -1.0)

    lines = [
        "| engine | version | F1 (95% CI) | P | R | spam removal R / P | sidebar removal R / P"
        " | other kinds: removal R | ms/page | failures |",
        "|---|---|---|---|---|---|---|---|---:|---:|",
    ]
    for meta in sorted(engines, key=order):
        figures = summary[meta["name"]]
        others = (
            ", ".join(
                f"{SHORT.get(kind, kind)} {fmt(v['recall'], 2)}"
                for kind, v in sorted(figures.get("removal", {}).items())
                if kind not in MAIN_KINDS
            )
            or "n/a"
        )
        ms = figures.get("ms_median")
        lines.append(
            f"| {meta['name']} | {meta['version'] or '–'} | {with_ci(figures, 'f1')}"
            f" | {fmt(figures.get('precision'))} | {fmt(figures.get('recall'))}"
            f" | {removal_pair(figures, 'spam')} | {removal_pair(figures, 'sidebar')}"
            f" | {others} | {'–' if ms is None or meta['kind'] == 'stored' else f'{ms:.1f}'}"
            f" | {figures['failures']} |"
        )
    return "\n".join(lines) + "\n"


def snippet_table(engines: list[dict[str, Any]], summary: dict[str, dict[str, Any]]) -> str:
    lines = ["| engine | version | F1 | P | R | accuracy |", "|---|---|---|---|---|---|"]
    for meta in engines:
        s = summary[meta["name"]].get("snippets")
        if s:
            lines.append(
                f"| {meta['name']} | {meta['version'] or '–'} | {fmt(s['f1'])}"
                f" | {fmt(s['precision'])} | {fmt(s['recall'])} | {fmt(s['accuracy'])} |"
            )
    return "\n".join(lines) + "\n"
