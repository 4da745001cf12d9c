"""The results folder's README.md: the table, the plots, and what every file holds,
column by column with units. Only what an unchanged re-run reproduces (no date, no
timings), so it is rewritten byte for byte."""

from __future__ import annotations

from benchmark.results.markdown import summary_table
from benchmark.results.model import PAGE_INFO_COLUMNS, TIMING_COLUMNS, RunResult
from benchmark.scoring.cells import KIND_COLUMNS, PAGE_COLUMNS

#: column -> meaning and unit, for every column of every CSV file
COLUMNS: dict[str, dict[str, str]] = {
    "pages.csv": {
        "engine": "engine row name",
        "page": "page id",
        "status": "`ok`, `error`, `timeout` or `crash` (a failed cell scores as an empty output)",
        "error": "the failure's message (empty when ok)",
        "output_chars": "characters of output text",
        "output_tokens": "tokens (`\\w+`) of output text",
        "tp": "AEB: share of true-positive shingles, tp / (tp + fp + fn) (0..1)",
        "fp": "AEB: share of false-positive shingles (0..1)",
        "fn": "AEB: share of false-negative shingles (0..1)",
        "precision": "page precision tp / (tp + fp) (0..1; empty for an empty output)",
        "recall": "page recall tp / (tp + fn) (0..1; empty for a page without article gold)",
        "exact": "output tokens equal the gold's (True/False)",
        "unmatched": "output shingles credited to no gold segment (count)",
        "output_shingles": "output shingles (count)",
        "snippet_tp": "snippet gold: `with` snippets found (count)",
        "snippet_fp": "snippet gold: `without` snippets found (count)",
        "snippet_fn": "snippet gold: `with` snippets missing (count)",
        "snippet_tn": "snippet gold: `without` snippets missing (count)",
        "words_precision": "WCXB's metric: page precision of the bag of lowercase words (0–1)",
        "words_recall": "WCXB's metric: page recall of the bag of lowercase words (0–1)",
        "words_f1": "WCXB's metric: page F1 of the bag of lowercase words (0–1)",
        "with_rate": "WCXB's metric: share of `with` snippets found (0–1; 1 without any)",
        "without_rate": "WCXB's metric: share of `without` snippets found (0–1; 1 without any)",
        **{
            f"{t}_{field}": text.format(what=w)
            for t, w in (
                ("heading", "headings"),
                ("paragraph", "paragraphs"),
                ("list_item", "list items"),
                ("table_cell", "table cells"),
                ("code", "code blocks"),
                ("quote", "quotes"),
            )
            for field, text in (
                ("gold", "structure: {what} in the structure gold (count)"),
                ("out", "structure: {what} in the output's element tree (count)"),
                ("matched", "structure: {what} matched to gold ones of the same type (count)"),
                ("found", "structure: gold {what} whose text the output holds, any type (count)"),
            )
        },
        "table_teds": "structure: tree-edit-distance similarity of the tables (0–1)",
        "code_edit": "structure: normalised edit similarity of the code blocks (0–1)",
    },
    "timings.csv": {
        "engine": "engine row name",
        "page": "page id",
        "cached": "the cell came from the output cache (True) or was computed by this run",
        "wall_ms": "wall-clock time of the extraction alone, milliseconds",
        "cpu_ms": "CPU time of the extraction alone, milliseconds",
    },
    "kinds.csv": {
        "engine": "engine row name",
        "page": "page id",
        "kind": "`article` or a boilerplate kind present on the page",
        "units": "gold units of that kind on the page (shingles; a short segment is one unit)",
        "kept": "of those units, how many the output kept (removed = units − kept)",
        "snippets": "snippet gold: snippets of the kind (count)",
        "snippets_found": "snippet gold: of those, found in the output (count)",
    },
    "corpus.csv": {
        "page": "page id",
        "page_type": "page type, where the corpus gives one (WCXB)",
        "language": "language code, where the corpus gives one",
        "template": "site template the page is modelled on (bundled gold)",
        "url": "the page's URL (bundled pages only: a dataset's URLs stay in the dataset)",
    },
    "figures.csv": {
        "engine": "engine row name",
        "metric": "metric name as `compare --metric` takes it (`f1`, `removal:spam:recall`, ...)",
        "family": "`content`, `removal`, `unmatched` or `snippets`",
        "kind": "boilerplate kind of a removal figure (empty otherwise)",
        "group_by": "`page_type` for a figure over one page type only (empty: all pages)",
        "group": "the page type (empty: all pages)",
        "value": "the figure (0..1)",
        "low": "95% bootstrap interval, lower end (0..1)",
        "high": "95% bootstrap interval, upper end (0..1)",
        "std": "bootstrap standard deviation (AEB's ±)",
        "pages": "pages the figure counts",
    },
}
SUMMARY_COLUMNS = {
    "engine": "engine row name",
    "version": "the engine's package version (read from the installed package)",
    "kind": "`live` (run here) or `stored` (outputs read from files)",
    "pages": "cells (pages) of the engine",
    "failures": "cells that failed: errors + timeouts + crashes",
    "errors": "cells whose engine raised",
    "timeouts": "cells past `--timeout`",
    "crashes": "cells whose worker died (memory limit, segfault)",
    "empty_outputs": "successful cells with no output token",
    "<metric>": "every figure that applies (`:` in its name becomes `_`: `removal_spam_recall`), 0..1",
    "<metric>_low, <metric>_high": "its 95% bootstrap interval",
}
assert set(COLUMNS["pages.csv"]) == set(PAGE_COLUMNS) - set(TIMING_COLUMNS)
assert set(COLUMNS["timings.csv"]) == {"engine", "page", *TIMING_COLUMNS}
assert set(COLUMNS["kinds.csv"]) == set(KIND_COLUMNS)
assert set(COLUMNS["corpus.csv"]) == set(PAGE_INFO_COLUMNS)

FILES = """\
| file | one row per | tracked in git |
|---|---|---|
| `summary.json` | the run: provenance (schema version, harness version, machine, corpus fingerprint, settings that change figures) and every engine's figures with intervals ([JSON Schema](../benchmark/results/summary.schema.json)) | yes |
| `summary.csv` | engine: cell counts and every figure with its interval | yes |
| `figures.csv` | (engine, metric[, page type]): every figure in long form | yes |
| `pages.csv` | (engine, page): status and per-page scores | yes |
| `kinds.csv` | (engine, page, kind): gold units of the kind and units kept | yes |
| `corpus.csv` | page: its type, language, template, URL | yes |
| `summary.md` | the table above, to paste | yes |
| `report.html` | the interactive report, one self-contained file | bundled gold only |
| `plots/*.png`, `plots/*.svg` | the report's plots, for READMEs and papers | yes |
| `run.json` | the run: date, workers, executor, phase timings (s), each engine's median / mean ms per page and total CPU s | no (varies per run) |
| `timings.csv` | (engine, page): cache hit, wall and CPU milliseconds | no (varies per run) |
| `outputs/<engine>.json` | every output text, AEB output format, re-scorable with `--stored` | no (large; third-party text) |

An unchanged `make bench` rewrites none of the tracked files: everything that varies
between two runs of the same figures is in `run.json` and `timings.csv`.
"""


def _columns(name: str, columns: dict[str, str]) -> list[str]:
    lines = [f"### `{name}`", "", "| column | meaning (unit) |", "|---|---|"]
    lines += [f"| `{c}` | {meaning} |" for c, meaning in columns.items()]
    return [*lines, ""]


def results_readme(result: RunResult, plots: list[str]) -> str:
    c, p = result.corpus, result.provenance
    machine = p.machine
    lines = [
        "# boilerbench results",
        "",
        f"Corpus `{c.spec}`: {c.pages} pages, fingerprint `{c.fingerprint}`;"
        f" boilerbench {p.harness_version}, run digest `{p.run_digest}`;"
        f" {machine.get('cpu')} ({machine.get('cpus')} CPUs), Python {machine.get('python')}.",
        "Reproduce with `make bench`; open `report.html` for the interactive report"
        " (leaderboard, plots, every page's drill-down). Speed (ms per page) varies with the"
        " machine: it is in `run.json`, the terminal table and the report, not here.",
        "",
        summary_table(result.engines, speed=False).rstrip(),
        "",
        "Removal R / P: removal recall (share of the kind removed) / removal precision;"
        " figures are 0..1, F1 with its 95% bootstrap interval.",
        "",
        *[f"![{name}](plots/{name}.png)" for name in plots],
        "",
        "## Files",
        "",
        FILES,
        "## Columns",
        "",
        *_columns("summary.csv", SUMMARY_COLUMNS),
    ]
    for name, columns in COLUMNS.items():
        lines += _columns(name, columns)
    return "\n".join(lines).rstrip() + "\n"
