"""What ``boilerbench injection-real`` leaves in its results folder: figures only.

- ``curves.csv``: engine, attack, level, pages, spam_removal_recall,
  spam_removal_precision, article_recall, then each one's ``_low``/``_high`` (95%
  bootstrap over pages), article_recall_delta (and CI), share_mean, failures;
- ``sandwich.csv``: the seed's measure per engine, attack and level;
- ``detector.csv``: ``scan``'s spam patterns per family;
- ``curves-spam-removal.{png,svg}``, ``curves-article-recall.{png,svg}``;
- ``injection-real.md``: every table; ``readme-section.md``: the README's block;
- ``provenance.json``: date, seed, pages, labels, corpus fingerprint, run digest, engine
  versions, options and code hashes, machine, timings, and what was refused and why
  (counts only).

Nothing here quotes page text.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

from benchmark.injection.real.build import CLEAN
from benchmark.injection.real.corpus import InjectedCorpus
from benchmark.results.files import json_safe, write_atomic
from benchmark.results.model import RunResult

FIRST = [
    "engine",
    "attack",
    "level",
    "pages",
    "spam_removal_recall",
    "spam_removal_precision",
    "article_recall",
]
TABLE_LEVEL = 0.10  # the level of the README's per-attack table


def fmt(value: Any, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.{digits}f}"


def with_ci(row: Any, name: str, digits: int = 2) -> str:
    value = row[name]
    if isinstance(value, float) and math.isnan(value):
        return "–"
    return f"{value:.{digits}f} ({row[f'{name}_low']:.{digits}f}–{row[f'{name}_high']:.{digits}f})"


def ordered(curves: pd.DataFrame) -> pd.DataFrame:
    rest = [c for c in curves.columns if c not in FIRST]
    return curves[FIRST + rest]


def _level(level: float) -> str:
    return f"{level:.0%}"


def engine_order(curves: pd.DataFrame) -> list[str]:
    """Engines by mean spam removal recall over every attack and level (best first)."""
    injected = curves[curves["level"] > 0]
    means = injected.groupby("engine")["spam_removal_recall"].mean()
    return [str(e) for e in means.sort_values(ascending=False).index]


Row = dict[str, Any]


def records(frame: pd.DataFrame, *keys: str) -> dict[tuple[Any, ...], Row]:
    """Rows as dicts, keyed by the values of ``keys`` (levels rounded to 4 places)."""
    out = {}
    for row in frame.to_dict("records"):
        key = tuple(round(row[k], 4) if k == "level" else row[k] for k in keys)
        out[key] = {str(k): v for k, v in row.items()}
    return out


def attack_table(curves: pd.DataFrame, attacks: list[str], level: float = TABLE_LEVEL) -> str:
    """Engines x attacks: spam removal recall at ``level`` (1 = every spam unit removed)."""
    at = records(curves, "engine", "attack", "level")
    level = round(level, 4)
    lines = [
        "| engine | " + " | ".join(attacks) + " |",
        "|---|" + "---:|" * len(attacks),
    ]
    for engine in engine_order(curves):
        cells = [
            fmt(at[engine, a, level]["spam_removal_recall"]) if (engine, a, level) in at else "–"
            for a in attacks
        ]
        lines.append(f"| {engine} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def delta_table(curves: pd.DataFrame, attacks: list[str], level: float) -> str:
    at = records(curves, "engine", "attack", "level")
    lines = ["| engine | " + " | ".join(attacks) + " |", "|---|" + "---:|" * len(attacks)]
    for engine in engine_order(curves):
        cells = []
        for attack in attacks:
            row = at.get((engine, attack, round(level, 4)))
            if row is None:
                cells.append("–")
                continue
            low, high = row["article_recall_delta_low"], row["article_recall_delta_high"]
            text = f"{row['article_recall_delta']:+.3f}"
            cells.append(f"**{text}**" if high < 0 or low > 0 else text)
        lines.append(f"| {engine} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def seed_table(curves: pd.DataFrame, sandwich: pd.DataFrame, levels: list[float]) -> str:
    attack = "mid-sentence"
    at = records(curves[curves["attack"] == attack], "engine", "level")
    sand = records(sandwich[sandwich["attack"] == attack], "engine", "level")
    head = " | ".join(f"spam kept {_level(x)}" for x in levels)
    lines = [
        f"| engine | {head} | kept spam sandwiched in article, {_level(TABLE_LEVEL)} "
        "(pages keeping spam) |",
        "|---|" + "---:|" * (len(levels) + 1),
    ]
    for engine in engine_order(curves):
        kept = [
            fmt(1 - at[engine, round(x, 4)]["spam_removal_recall"])
            if (engine, round(x, 4)) in at
            else "–"
            for x in levels
        ]
        row = sand.get((engine, round(TABLE_LEVEL, 4)))
        if row is not None and row["pages_keeping_spam"]:
            cell = f"{with_ci(row, 'sandwiched_share')} ({int(row['pages_keeping_spam'])})"
        else:
            cell = "– (0)"
        lines.append(f"| {engine} | " + " | ".join(kept) + f" | {cell} |")
    return "\n".join(lines)


def curve_tables(curves: pd.DataFrame, attacks: list[str]) -> str:
    out = []
    for attack in attacks:
        part = curves[curves["attack"] == attack]
        if part.empty:
            continue
        pages = int(part["pages"].iloc[0])
        out += [
            f"### {attack} ({pages} pages)",
            "",
            "| engine | level | share | spam removal R | spam removal P | article recall"
            " | Δ article recall |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for engine in engine_order(curves):
            for _, row in part[part["engine"] == engine].sort_values("level").iterrows():
                out.append(
                    f"| {engine} | {_level(row['level'])} | {fmt(row['share_mean'], 3)} |"
                    f" {with_ci(row, 'spam_removal_recall')} |"
                    f" {with_ci(row, 'spam_removal_precision')} |"
                    f" {with_ci(row, 'article_recall', 3)} |"
                    f" {with_ci(row, 'article_recall_delta', 3)} |"
                )
        out.append("")
    return "\n".join(out)


def detector_markdown(detector: pd.DataFrame) -> str:
    lines = [
        "| family | held-out recall | recall en / de / es / ru | training recall | precision |"
        " false alarms: page text | article text | engine outputs, held-out: recall |"
        " precision | engine outputs, clean: false alarms |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for _, row in detector.iterrows():
        languages = " / ".join(fmt(row.get(f"recall_{x}")) for x in ("en", "de", "es", "ru"))
        lines.append(
            f"| {row['family']} | {with_ci(row, 'recall') if 'recall' in row else '–'} |"
            f" {languages} | {_maybe(row, 'train_recall')} | {_maybe(row, 'precision')} |"
            f" {with_ci(row, 'page_false_alarms', 3)} | {with_ci(row, 'article_false_alarms', 3)} |"
            f" {_maybe(row, 'output_recall')} | {_maybe(row, 'output_precision')} |"
            f" {with_ci(row, 'output_false_alarms', 3)} |"
        )
    return "\n".join(lines)


def _maybe(row: Any, name: str) -> str:
    return with_ci(row, name) if name in row and not pd.isna(row[name]) else "–"


def made_table(injected: InjectedCorpus) -> str:
    """Per attack: pages, forms and sites drawn, and why pages were refused."""
    variants = [v for v in injected.variants.values() if v.attack not in (CLEAN,)]
    lines = [
        "| attack | pages | forms | sites | refused (pages: first reason) |",
        "|---|---:|---|---|---|",
    ]
    for attack in [*injected.attacks, "heldout:paragraph"]:
        heldout = attack.startswith("heldout:")
        name = attack.split(":")[-1]
        mine = [v for v in variants if v.attack == name and v.heldout == heldout]
        first_level = min((v.level for v in mine), default=0.0)
        mine = [v for v in mine if v.level == first_level]
        forms = Counter(v.form for v in mine)
        sites = Counter(v.site for v in mine)
        refused = injected.refused.get(attack, {})
        lines.append(
            f"| {attack} | {len(mine)} | "
            + ", ".join(f"{k} {n}" for k, n in forms.most_common())
            + " | "
            + ", ".join(f"{k} {n}" for k, n in sites.most_common())
            + " | "
            + (", ".join(f"{reason} {n}" for reason, n in sorted(refused.items())) or "none")
            + " |"
        )
    return "\n".join(lines)


def plot_curves(curves: pd.DataFrame, attacks: list[str], out: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    engines = engine_order(curves)
    colours = plt.get_cmap("tab20")
    colour = {name: colours(i % 20) for i, name in enumerate(sorted(engines))}
    written = []
    for column, label, name, from_zero in (
        ("spam_removal_recall", "spam removal recall", "curves-spam-removal", False),
        ("article_recall", "article recall (AEB)", "curves-article-recall", True),
    ):
        cols = 3
        rows = -(-len(attacks) // cols)
        fig, axes = plt.subplots(
            rows, cols, figsize=(4.2 * cols, 3.4 * rows), sharex=True, sharey=True, squeeze=False
        )
        for index, attack in enumerate(attacks):
            ax = axes[index // cols][index % cols]
            part = curves[curves["attack"] == attack]
            if not from_zero:
                part = part[part["level"] > 0]
            for engine in engines:
                rows_e = part[part["engine"] == engine].sort_values("level")
                x = rows_e["level"] * 100
                ax.plot(x, rows_e[column], marker="o", ms=3, lw=1.2, color=colour[engine],
                        label=engine)  # fmt: skip
                ax.fill_between(x, rows_e[f"{column}_low"], rows_e[f"{column}_high"],
                                color=colour[engine], alpha=0.08, lw=0)  # fmt: skip
            pages = int(part["pages"].iloc[0]) if len(part) else 0
            ax.set_title(f"{attack} ({pages} pages)", fontsize=10)
            ax.set_ylim(-0.02, 1.02)
            ax.grid(alpha=0.3)
        for index in range(len(attacks), rows * cols):
            axes[index // cols][index % cols].axis("off")
        for ax in axes[-1]:
            ax.set_xlabel("injected share of tokens (%)")
        for row_axes in axes:
            row_axes[0].set_ylabel(label)
        handles, labels = axes[0][0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="lower center", ncol=6, fontsize=8, frameon=False)
        fig.tight_layout(rect=(0, 0.06, 1, 1))
        for suffix in ("png", "svg"):
            path = out / f"{name}.{suffix}"
            fig.savefig(path, dpi=110, metadata={"Date": None} if suffix == "svg" else None)
            written.append(path)
        plt.close(fig)
    return written


def write_report(
    out: Path,
    injected: InjectedCorpus,
    result: RunResult,
    curves: pd.DataFrame,
    sandwich: pd.DataFrame,
    detector: pd.DataFrame,
    timings: dict[str, float],
    command: str = "",
) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []

    def put(name: str, text: str) -> None:
        write_atomic(out / name, text)
        written.append(out / name)

    put("curves.csv", ordered(curves).to_csv(index=False))
    put("sandwich.csv", sandwich.to_csv(index=False))
    put("detector.csv", detector.to_csv(index=False))
    written += plot_curves(curves, injected.attacks, out)
    datasets = Counter(s.split(".", 1)[0] for s in injected.sources)
    engines = {
        e.name: {
            "version": e.info.version,
            "code_sha256": e.info.code_sha256,
            "adapter_sha256": e.info.adapter_sha256,
            "options": e.info.options,
        }
        for e in result.engines
    }
    provenance = {
        "command": command,
        "created": result.provenance.created,
        "corpus": injected.corpus.spec,
        "levels": injected.levels,
        "attacks": injected.attacks,
        "source_pages": len(injected.sources),
        "source_pages_by_dataset": dict(sorted(datasets.items())),
        "source_pages_with_kind_labels": injected.labelled,
        "annotation_version": injected.corpus.annotation_version,
        "pages_run": len(injected.corpus.pages),
        "corpus_fingerprint": injected.corpus.fingerprint,
        "run_digest": result.provenance.run_digest,
        "harness_version": result.provenance.harness_version,
        "machine": result.provenance.machine,
        "engines": engines,
        "bootstrap": result.provenance.settings.get("bootstrap"),
        "timings_s": timings,
        "skipped_sources": injected.skipped_sources,
        "refused": injected.refused,
    }
    put("provenance.json", json.dumps(json_safe(provenance), indent=2, ensure_ascii=False) + "\n")
    summary = summary_line(injected, result, timings)
    levels = injected.levels
    put("readme-section.md", readme_section(curves, sandwich, detector, injected, summary))
    document = [
        "# Spam injected into real pages",
        "",
        summary,
        "",
        f"## Spam removal recall per attack, at {_level(TABLE_LEVEL)} injected share",
        "",
        attack_table(curves, injected.attacks),
        "",
        "## The seed's page, structurally: `mid-sentence`",
        "",
        "Spam kept = 1 − spam removal recall; sandwiched = share of the kept spam shingles"
        " with kept article text on both sides in the output (mean over the pages where the"
        " engine kept spam, 95% CI).",
        "",
        seed_table(curves, sandwich, levels),
        "",
        f"## What removing spam costs the article: Δ article recall at {_level(levels[-1])}",
        "",
        "Article recall on the injected pages minus on the same pages clean (AEB recall;"
        " bold: the 95% paired CI excludes 0). A splice inside a sentence breaks the"
        " shingles across it, so an engine that keeps everything loses a little there too.",
        "",
        delta_table(curves, injected.attacks, levels[-1]),
        "",
        "## `scan`'s spam patterns",
        "",
        "Held-out: spam from templates, phrases and domains kept apart from the ones the"
        " patterns were written from. Engine outputs: every engine on the held-out"
        f" `paragraph` pages ({_level(0.10)}) and on the clean pages.",
        "",
        detector_markdown(detector),
        "",
        "## How the pages were made",
        "",
        made_table(injected),
        "",
        "## Curves",
        "",
        curve_tables(curves, injected.attacks),
    ]
    put("injection-real.md", "\n".join(document))
    return written


def summary_line(injected: InjectedCorpus, result: RunResult, timings: dict[str, float]) -> str:
    datasets = Counter(s.split(".", 1)[0] for s in injected.sources)
    by_dataset = ", ".join(f"{n} {d}" for d, n in sorted(datasets.items()))
    total = timings.get("total_s", math.nan)
    engine_hours = float(result.pages["wall_ms"].sum()) / 3_600_000
    return (
        f"{len(injected.sources)} real pages ({by_dataset}; {injected.labelled} with reviewed"
        f" per-kind labels, annotation version {injected.corpus.annotation_version}), each"
        f" clean and under {len(injected.attacks)} attacks at"
        f" {', '.join(_level(x) for x in injected.levels)}: {len(injected.corpus.pages)} pages"
        f" x {len(result.engines)} engines; the cells took {engine_hours:.1f} h of engine time"
        f" (each timed when it was extracted, on {result.provenance.settings.get('workers')}"
        f" workers), this command {total / 60:.0f} min, cells already in the cache reused"
        f" ({injected.corpus.spec}; run digest `{result.provenance.run_digest}`). WCXB pages:"
        " Foley 2026, CC-BY-4.0."
    )


def keeps_line(curves: pd.DataFrame, attacks: list[str], level: float = TABLE_LEVEL) -> str:
    """Which engines keep which attacks: per attack, the engines that leave more than half
    of the injected spam (removal recall below 0.5 at ``level``)."""
    at = records(curves, "engine", "attack", "level")
    parts = []
    for attack in attacks:
        keep = [
            e
            for e in engine_order(curves)
            if (row := at.get((e, attack, round(level, 4)))) is not None
            and row["spam_removal_recall"] < 0.5
        ]
        parts.append(f"**{attack}**: {', '.join(keep) if keep else 'none'}")
    return (
        f"Engines that keep more than half of the spam at {_level(level)} (removal recall"
        " < 0.5): " + "; ".join(parts) + "."
    )


def readme_section(
    curves: pd.DataFrame,
    sandwich: pd.DataFrame,
    detector: pd.DataFrame,
    injected: InjectedCorpus,
    summary: str,
) -> str:
    any_row = detector[detector["family"] == "any"].iloc[0]
    return "\n".join(
        [
            f"Made by `make injection-real`: {summary}",
            "",
            f"Spam removal recall at {_level(TABLE_LEVEL)} injected share (1 = every injected"
            " spam shingle removed; CIs, precision and article recall in"
            " [curves.csv](results/injection-real/curves.csv) and"
            " [injection-real.md](results/injection-real/injection-real.md)):",
            "",
            attack_table(curves, injected.attacks),
            "",
            keeps_line(curves, injected.attacks),
            "",
            "![spam removal recall per attack and level]"
            "(results/injection-real/curves-spam-removal.png)",
            "",
            f"`scan`'s spam patterns on held-out spam: recall {with_ci(any_row, 'recall')} (any"
            f" family), false alarms on clean real pages' text"
            f" {with_ci(any_row, 'page_false_alarms', 3)}; per family in"
            " [detector.csv](results/injection-real/detector.csv).",
        ]
    )
