"""Copy figures from result files into README.md, so its numbers always come from a run.

    make readme     # after `make bench` (results/summary.md) and `make perf` (results/perf.json)

Replaces the text between ``<!-- results-table -->`` / ``<!-- /results-table -->`` and
``<!-- perf -->`` / ``<!-- /perf -->`` and ``<!-- injection-real -->`` /
``<!-- /injection-real -->`` markers (the last from ``make injection-real``).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def replace(text: str, marker: str, body: str) -> str:
    start, end = f"<!-- {marker} -->", f"<!-- /{marker} -->"
    block = f"{start}\n{body.strip()}\n{end}"
    if end in text:
        return re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    return text.replace(start, block)


def results_section() -> str:
    summary = (ROOT / "results" / "summary.md").read_text(encoding="utf-8")
    table = summary.split("\nSnippet metric")[0]
    return (
        "Made by `make bench` on the bundled diagnostic suite (kept in `results/`; removal"
        " R / P = removal recall / removal precision, see below; speed varies by machine and"
        " is in the report, the terminal table and under Performance):\n\n" + table
    )


REAL = {
    "aeb": "**AEB** (Scrapinghub article-extraction-benchmark: 181 real news pages; every"
    " page labelled by kind)",
    "wcxb-dev": "**WCXB dev split** (Foley 2026, CC-BY-4.0: 1,497 real pages of 7 types;"
    " the pages labelled by kind give the removal figures, every page the F1 figures)",
}


STRUCTURE_START = "\nStructure (element trees"


def _structure_part(summary: str) -> str:
    """The structure note and table of a summary.md (up to the next section)."""
    if STRUCTURE_START not in summary:
        return ""
    part = summary[summary.index(STRUCTURE_START) :]
    return part.split("\nBy ")[0].strip()


def structure_section() -> str:
    parts = []
    bundled = ROOT / "results" / "summary.md"
    if bundled.is_file() and (body := _structure_part(bundled.read_text(encoding="utf-8"))):
        parts += ["#### Bundled diagnostic suite (`make bench`)", "", body]
    wcxb = ROOT / "results" / "real" / "wcxb-dev" / "summary.md"
    if wcxb.is_file() and (body := _structure_part(wcxb.read_text(encoding="utf-8"))):
        note = ROOT / "results" / "real" / "wcxb-dev" / "COVERAGE.md"
        extra = note.read_text(encoding="utf-8").strip() if note.is_file() else ""
        parts += [
            "",
            "#### WCXB dev split (Foley 2026, CC-BY-4.0; `make bench-real`)",
            "",
            *([extra, ""] if extra else []),
            body,
        ]
    return "\n".join(parts) or "Not run yet: `make bench` and `make bench-real`."


def real_section() -> str:
    parts = [
        "Made by `make bench-real` (real pages from the datasets folder, labels from"
        " `gold/real/`; kept in `results/real/`, figures only: output texts and reports that"
        " quote page text are not committed). Removal R / P = removal recall / removal"
        " precision per kind, see below.",
    ]
    for name, title in REAL.items():
        path = ROOT / "results" / "real" / name / "summary.md"
        if path.is_file():
            summary = path.read_text(encoding="utf-8")
            if STRUCTURE_START in summary:  # the structure figures have their own section
                start = summary.index(STRUCTURE_START)
                rest = summary[start:].split("\nBy ", 1)
                summary = summary[:start] + ("\nBy " + rest[1] if len(rest) > 1 else "")
            parts += ["", f"#### {title}", "", summary.strip()]
    if len(parts) == 1:
        parts.append("\nNot run yet: `make bench-real`.")
    return "\n".join(parts)


def _runs(part: dict) -> str:
    runs = part.get("repeats", 1)
    return "one run" if runs == 1 else f"median of {runs} runs"


def _times(value: float, target: float) -> str:
    """A ratio to 2 decimals, or 3 where 2 would round it across its target (1.896
    shown as 1.90 would read as met)."""
    shown = f"{value:.2f}"
    return shown if (float(shown) >= target) == (value >= target) else f"{value:.3f}"


def _verdict(part: dict) -> str:
    return {True: " (met)", False: " (**not met**)"}.get(part.get("met"), "")


def _workers_gap(profile: dict, target: float) -> str:
    """The sampled pair's split of each run's time beside the cells (perf.py's
    ``workers_profile``)."""

    def phases(run: dict) -> str:
        by = run.get("beside_cells_by_phase_s")
        if by is None:
            return f"{run['beside_cells_s']:.1f} s"
        return (
            f"{run['beside_cells_s']:.1f} s (start {by['start']:.1f}, extraction"
            f" {by['extraction']:.1f}, end {by['end']:.1f})"
        )

    one, two = profile["runs"]["1"], profile["runs"]["2"]
    return (
        f"; the gap in one more pair, sampled ({profile['speedup']:.2f}×): wall = engine CPU"
        f" / workers + time beside the cells, 1 worker {phases(one)}, 2 workers"
        f" {phases(two)}; {target}× at that engine CPU needs 2 workers' time beside the cells"
        f" ≤ {profile['two_workers_beside_cells_needed_s']:.1f} s (docs/performance.md)"
    )


def perf_section() -> str:
    path = ROOT / "results" / "perf.json"
    if not path.is_file():
        return "Run `make perf` to measure."
    perf = json.loads(path.read_text())
    parts = perf["parts"]
    lines = [
        f"Measured by `make perf` (`scripts/perf.py`) on this project's machine ({perf['machine']},"
        f" {perf['date']}); the full record, every run included, is `results/perf.json`. The"
        " machine is shared and its speed drifts (the same engines' CPU time for the same run"
        " varied by 1.6x within an hour): each ratio is the median over runs made side by side"
        " (A B A B ...), and times are medians too. A speedup target counts as met only when"
        " both its raw median and its median at equal engine speed reach it.",
        "",
        "| target | measured | command |",
        "|---|---|---|",
    ]
    for key, corpus in (("aeb-live", "AEB's 181 pages"), ("wcxb-live", "WCXB dev's 1,497 pages")):
        if key not in parts or "wall_s" not in parts[key]:
            continue
        p = parts[key]
        start_up = (
            f"; importing the 9 engines' libraries (once, in the pool's fork server)"
            f" {p['engine_import_cpu_s']:.1f} s CPU"
            if "engine_import_cpu_s" in p
            else ""
        )
        gap = ""
        profile = p.get("profile")
        if profile and profile.get("ratio_from_idle") is not None:
            gap = (
                f"; the gap in one more run, sampled ({profile['ratio']:.2f}): CPU beside the"
                f" engines +{profile['ratio_from_cpu_beside']:.3f}, cores idle"
                f" +{profile['ratio_from_idle']:.3f} (docs/performance.md)"
            )
        lines.append(
            f"| live run, 9 Python engines × {corpus}, 2 workers: {p['target']}"
            f" | {p['wall_s']:.1f} s wall vs {p['engine_cpu_s']:.1f} s engine CPU: ratio"
            f" **{p['ratio_wall_to_cpu_over_workers']:.2f}**{_verdict(p)} ({_runs(p)});"
            f" CPU beside the engines' {p.get('harness_cpu_s', 0):.1f} s"
            f"{start_up}; outside the extraction phase {p['harness_own_share']:.1%} of wall"
            f"{gap} | `{p['command']}` |"
        )
    if "aeb-score" in parts and "evaluate_py_s" in parts["aeb-score"]:
        p = parts["aeb-score"]
        lines.append(
            f"| scoring AEB's {p['rows']} stored outputs, 1,000 resamples, vs AEB's evaluate.py:"
            f" {p['target']} | {p['boilerbench_s']:.2f} s vs {p['evaluate_py_s']:.2f} s:"
            f" **{p['speedup']:.1f}×**{_verdict(p)} (median of {len(p.get('runs', [1]))} pairs);"
            f" largest difference in a point figure"
            f" {p['max_abs_difference_point_figures']:.0e}"
            + (
                f"; one more run, sampled: {p['profile']['wall_s']:.2f} s wall for"
                f" {p['profile']['cpu_s_total']:.2f} s of CPU (floor on these cores"
                f" {p['profile']['floor_s']:.2f} s), this process alone"
                f" {p['profile']['this_process_alone_s']['before']:.2f} s before the scoring"
                f" processes and {p['profile']['this_process_alone_s']['after']:.2f} s after"
                if "profile" in p
                else ""
            )
            + f" | `{p['command']}` vs"
            f" `{p['reference']}` |"
        )
        if "pairs_s" in p:
            lines.append(
                f"| paired differences of every pair of the {p['rows']} rows (1,000 resamples)"
                f" vs evaluate.py `--bootstrap-differences` (its time beyond a plain run) |"
                f" {p['pairs_s']:.2f} s vs"
                f" {p['evaluate_py_differences_s'] - p['evaluate_py_s']:.2f} s:"
                f" **{p['differences_speedup']:.1f}×** | `{p['pairs_command']}` |"
            )
            lines.append(
                f"| the same scoring with the reviewed per-kind labels applied and removal"
                f" scored (what a plain `run` on AEB does) | {p['with_labels_s']:.2f} s"
                f" | `{p['with_labels_command']}` |"
            )
    if "startup" in parts:
        p = parts["startup"]
        lines.append(
            f"| start-up: {p['target']} | `--help` **{p['help_s']:.2f} s**, cached re-run"
            f" **{p['rerun_s']:.2f} s**{_verdict(p)} | `{p['help_command']}`;"
            f" `{p['rerun_command']}` |"
        )
    if "rerun" in parts:
        p = parts["rerun"]
        lines.append(
            f"| unchanged re-run of `make bench` ≤ 3 s | **{p['wall_s']:.2f} s** | `make bench` twice |"
        )
    if "workers" in parts:
        for label, p in parts["workers"].items():
            if not isinstance(p, dict):
                continue
            corpus = "AEB, 9 Python engines" if label == "aeb" else "bundled gold, every engine"
            target = _verdict(parts["workers"]) if label == "aeb" else ""
            goal = parts["workers"]["target"] if label == "aeb" else "for comparison"
            lines.append(
                f"| 1 → 2 workers, {goal} ({corpus}, {p['pages']} pages, cold,"
                f" median of {p.get('repeats', 1)} pairs) | {p['wall_1_worker_s']:.1f} s →"
                f" {p['wall_2_workers_s']:.1f} s: **{_times(p['speedup'], 1.9)}×**{target};"
                + (
                    f" at equal engine speed (wall per engine-CPU second, which takes out the"
                    f" machine's drift within a pair) {p['speedup_at_equal_engine_speed']:.2f}×;"
                    if "speedup_at_equal_engine_speed" in p
                    else ""
                )
                + " harness's own"
                f" share {p['harness_own_share']:.1%}"
                + (_workers_gap(p["profile"], 1.9) if "profile" in p else "")
                + f" | `{p['command']}` |"
            )
    if "dask" in parts:
        p = parts["dask"]
        lines.append(
            f"| Dask, local cluster 1 → 2 workers: {p['target']} | {p['wall_1_worker_s']:.1f} s →"
            f" {p['wall_2_workers_s']:.1f} s: **{p['speedup']:.2f}×**{_verdict(p)} (median of"
            f" {p.get('repeats', 1)} pairs"
            + (
                f"; at equal engine speed {p['speedup_at_equal_engine_speed']:.2f}×"
                if "speedup_at_equal_engine_speed" in p
                else ""
            )
            + ")"
            + (_workers_gap(p["profile"], 1.8) if "profile" in p else "")
            + f" | `{p['command']}` |"
        )
    if "scale" in parts:
        sizes = parts["scale"]["sizes"]
        run = ", ".join(
            f"{k}: {v['pages']} pages {v['run_wall_s']:.1f} s / {v['run_peak_rss_mb']} MB"
            for k, v in sizes.items()
        )
        scan = ", ".join(f"{k}: {v['scan_peak_rss_mb']} MB" for k, v in sizes.items())
        lines.append(
            f"| memory bounded however large the archive | `scan` (streaming) peak RSS {scan};"
            f" `run` (outputs wait in the cell cache) {run} | `scripts/perf.py scale`"
            f" ({parts['scale']['engines']}) |"
        )
    if "bomb" in parts:
        p = parts["bomb"]
        lines.append(
            f"| memory bounded on a decompression bomb | a {p['archive_kb']:g} KB archive whose"
            f" record decodes to {p['decoded_mb']} MB: `scan` peak RSS **{p['peak_rss_mb']} MB**"
            f"{_verdict(p)} (the record skipped and counted) | `{p['command']}` |"
        )
    if "wcxb" in parts and "pages" in parts["wcxb"]:
        p = parts["wcxb"]
        top = sorted(p["engine_cpu_s"].items(), key=lambda kv: -kv[1])[:4]
        lines.append(
            f"| real-page scale: every engine ({p['rows']} rows) over WCXB dev, {p['pages']}"
            f" pages | engine CPU {p['engine_cpu_s_total']:.0f} s in all (Node and Java engines:"
            " their Python side only; most:"
            f" {', '.join(f'{k} {v:.0f} s' for k, v in top)}); re-scoring the whole run from the"
            f" cache {p['rescore_wall_s']:.1f} s, peak memory {p['rescore_peak_rss_mb']} MB"
            f" | `{p['command']}` |"
        )
    if "workers" in parts:
        for label, p in parts["workers"].items():
            if not isinstance(p, dict):
                continue
            rates = ", ".join(
                f"{k} {v:.0f}"
                for k, v in sorted(p["pages_per_s_alone"].items(), key=lambda kv: -kv[1])
            )
            where = "AEB" if label == "aeb" else "the bundled gold"
            lines += [
                "",
                f"Pages per second of each engine alone (1 worker, 1 / median time per page of {where}): {rates}.",
            ]
    return "\n".join(lines)


def injection_real_section() -> str:
    path = ROOT / "results" / "injection-real" / "readme-section.md"
    if not path.is_file():
        return "Run `make injection-real` to measure."
    return path.read_text(encoding="utf-8").rstrip("\n") + "\n" + sandwich_line()


def sandwich_line(level: float = 0.1) -> str:
    """The seed page, reproduced: where the kept mid-sentence spam sits in the output."""
    import pandas as pd

    path = ROOT / "results" / "injection-real" / "sandwich.csv"
    if not path.is_file():
        return ""
    table = pd.read_csv(path)
    rows = table[(table["attack"] == "mid-sentence") & (table["level"] == level)]
    rows = rows[rows["pages_keeping_spam"] > 0]
    if rows.empty:
        return ""
    low, high = rows["sandwiched_share"].min(), rows["sandwiched_share"].max()
    fewest = rows.loc[rows["sandwiched_share"].idxmin()]
    return (
        f"\nThe seed page, reproduced (`mid-sentence`, {level:.0%}): every engine keeps the"
        f" spam on some pages ({rows['pages_keeping_spam'].min()}–"
        f"{rows['pages_keeping_spam'].max()} of {rows['pages'].max()} pages), and where it"
        f" does, {low:.1%}–{high:.1%} of the kept spam shingles have kept article text on"
        f" both sides in the output (lowest: {fewest['engine']}): the spam stays in the middle"
        " of the article text, as on the captured page. Per engine, attack and level, with"
        " CIs: [sandwich.csv](results/injection-real/sandwich.csv).\n"
    )


def main() -> int:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    text = replace(text, "results-table", results_section())
    text = replace(text, "real-results", real_section())
    text = replace(text, "structure-results", structure_section())
    text = replace(text, "perf", perf_section())
    text = replace(text, "injection-real", injection_real_section())
    readme.write_text(text, encoding="utf-8")
    print(
        "README.md updated from results/summary.md, results/real/*/summary.md, perf.json"
        " and results/injection-real/readme-section.md"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
