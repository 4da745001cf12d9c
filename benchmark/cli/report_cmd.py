"""Show a finished run's summary table and write its report: report.html (one
self-contained page: leaderboard, plots, a drill-down for every page), plots/ (PNG and
SVG) and README.md (every file and column), all inside the results folder. More results
folders (``--with``) join the same page: the leaderboard gets a corpus menu."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "report"
HELP = "show the summary table of a results folder and write its HTML report"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "results", nargs="?", type=Path, default=Path("results"), help="results folder"
    )
    parser.add_argument(
        "--with",
        dest="extra",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="another results folder to show in the same report (repeatable)",
    )
    parser.add_argument(
        "--corpus",
        metavar="SPEC",
        help="where the run's corpus is, when its spec does not load from here (for the"
        " drill-down; it must have the run's fingerprint)",
    )
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="report file (default: RESULTS/report.html)"
    )
    parser.add_argument(
        "--no-html", action="store_true", help="only print the table; write no report files"
    )
    parser.add_argument(
        "--force", action="store_true", help="redraw the report even when it is current"
    )


def run(args: argparse.Namespace) -> int:
    from benchmark.report.terminal import print_table
    from benchmark.results.io import load_results

    folder = args.results if args.results.is_dir() else args.results.parent
    result = load_results(folder)
    c = result.corpus
    print_table(
        result.engines,
        f"{c.spec}: {c.pages} pages, fingerprint {c.fingerprint}, boilerbench"
        f" {result.provenance.harness_version}",
    )
    if args.no_html:
        return 0
    from benchmark.report.build import write_report
    from benchmark.report.key import relative, report_is_current

    plain = not args.extra and args.out is None and args.corpus is None
    if plain and not args.force and report_is_current(folder):
        # the report's key hashes the result files and the report code: nothing to redraw
        print(f"report: {relative(folder / 'report.html')} (unchanged)", file=sys.stderr)
        return 0
    written = write_report(folder, extra=args.extra, out=args.out, corpus_spec=args.corpus)
    sys.stdout.flush()
    for note in written.notes:
        print(f"report: {note}", file=sys.stderr)
    print(
        f"report: wrote {relative(written.readme)} and {len(written.plots)} plot files",
        file=sys.stderr,
    )
    print(f"report: {relative(written.report)}", file=sys.stderr)
    return 0
