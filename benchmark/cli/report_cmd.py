"""Show a finished run's summary table and write its report: report.html (one
self-contained page: table, plots, worst pages with gold and output side by side),
plots/ (PNG and SVG) and README.md, all inside the results folder."""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "report"
HELP = "show the summary table of a results folder and write its HTML report"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "results", nargs="?", type=Path, default=Path("results"), help="results folder"
    )
    parser.add_argument(
        "--no-html", action="store_true", help="only print the table; write no report files"
    )


def run(args: argparse.Namespace) -> int:
    from benchmark.results.io import load_results
    from benchmark.results.markdown import summary_table

    result = load_results(args.results)
    c = result.corpus
    print(
        f"Corpus {c.spec} ({c.pages} pages, fingerprint {c.fingerprint}),"
        f" boilerbench {result.provenance.harness_version}, {result.provenance.created}\n"
    )
    print(summary_table(result.engines))
    if not args.no_html:
        from benchmark.report import write_report

        folder = args.results if args.results.is_dir() else args.results.parent
        written = write_report(folder)
        print(f"report: wrote {written[0]}, {written[1]} and {len(written) - 2} plot files")
    return 0
