"""Check the gold: every segment found in its page, in order, and the page covered.

Exits 1 when any case has a problem, listing each as 'file: problem'.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmark.corpus.bundled import default_gold_dir
from benchmark.corpus.validate import MIN_COVERAGE, validate_tree

NAME = "validate"
HELP = "check the bundled gold against its saved pages"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("gold", nargs="?", type=Path, help="gold folder (default: bundled gold/)")
    parser.add_argument("--case", action="append", help="check only this case (repeatable)")
    parser.add_argument(
        "--datasheet",
        action="store_true",
        help="also rewrite the datasheet section of the gold folder's README.md",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="show coverage and unlabelled text per case"
    )


def run(args: argparse.Namespace) -> int:
    reports = validate_tree(args.gold or default_gold_dir(), args.case)
    failed = 0
    for report in reports:
        if args.verbose:
            print(f"{report.case}: coverage {report.coverage:.1%}, encoding {report.encoding}")
            for gap in report.uncovered:
                print(f"    unlabelled: {gap[:100]!r}")
        for problem in report.problems:
            print(f"{report.path}: {problem}")
        failed += not report.ok
    print(
        f"validate: {len(reports) - failed} of {len(reports)} cases ok"
        f" (segments in page order, coverage >= {MIN_COVERAGE:.0%})"
    )
    if args.datasheet:
        from benchmark.corpus.datasheet import update_readme

        root = args.gold or default_gold_dir()
        changed = update_readme(root / "README.md", root)
        print(
            f"validate: datasheet in {root / 'README.md'} {'updated' if changed else 'up to date'}"
        )
    return 1 if failed else 0
