"""Show a finished run's summary table and write its report: report.html (one
self-contained page: table, plots, worst pages with gold and output side by side),
plots/ (PNG and SVG) and README.md, all inside the results folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmark.errors import read_json
from benchmark.results.markdown import summary_table

NAME = "report"
HELP = "show the summary table of a results folder and write its HTML report"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "results", nargs="?", type=Path, default=Path("results"), help="results folder"
    )
    parser.add_argument(
        "--no-html", action="store_true", help="only print the table; write no report files"
    )


def load_summary(folder: Path) -> dict:
    path = folder / "summary.json" if folder.is_dir() else folder
    return read_json(path, "no summary.json here: run 'boilerbench run' first")  # type: ignore[return-value]


def run(args: argparse.Namespace) -> int:
    document = load_summary(args.results)
    engines = document["engines"]
    corpus = document["corpus"]
    print(
        f"Corpus {corpus['spec']} ({corpus['pages']} pages, fingerprint {corpus['fingerprint']}),"
        f" boilerbench {document['harness']['version']}, {document['created']}\n"
    )
    print(summary_table(engines, {e["name"]: e for e in engines}))
    if not args.no_html:
        from benchmark.report import write_report

        folder = args.results if args.results.is_dir() else args.results.parent
        written = write_report(folder)
        print(f"report: wrote {written[0]}, {written[1]} and {len(written) - 2} plot files")
    return 0
