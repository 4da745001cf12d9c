"""Check the gold: every segment found in its page, in order, and the page covered.

With --real, check the stand-off labels of real pages instead (gold/real/): format,
digest, every region found and still holding its words, no article inside a region,
coverage of the non-article words; pages are checked against their HTML when the
datasets are found (--data DIR, $BOILERBENCH_DATA, or ../shared/datasets).

Exits 1 when anything has a problem, listing each as 'file: problem'.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmark.errors import UserError

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
    parser.add_argument(
        "--real",
        action="store_true",
        help="check the real pages' stand-off labels (gold/real/, or the folder given)",
    )
    parser.add_argument(
        "--data", type=Path, metavar="DIR", help="with --real: datasets folder (aeb/, wcxb-dev/)"
    )


def run(args: argparse.Namespace) -> int:
    from benchmark.corpus.bundled import default_gold_dir
    from benchmark.corpus.validate import MIN_COVERAGE, validate_tree

    if args.real:
        return run_real(args)
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


def run_real(args: argparse.Namespace) -> int:
    from benchmark.annotations.check import check_tree
    from benchmark.annotations.datasets import data_root, dataset_dir
    from benchmark.annotations.regions import MIN_COVERAGE as REAL_COVERAGE
    from benchmark.annotations.store import DATASETS, default_root

    root = args.gold or default_root()
    if not root.is_dir():
        raise UserError("annotation folder not found", root)
    data = data_root(args.data)
    reports = check_tree(root, data)
    failed = 0
    for report in reports:
        if args.verbose and report.coverage is not None:
            print(f"{report.path}: regions cover {report.coverage:.1%} of non-article words")
        for problem in report.problems:
            print(f"{report.path}: {problem}")
        failed += bool(report.problems)
    unchecked = sum(not r.checked for r in reports)
    reviewed = sum(r.reviewed for r in reports)
    print(
        f"validate --real: {len(reports) - failed} of {len(reports)} annotation files ok"
        f" ({reviewed} fully reviewed; coverage >= {REAL_COVERAGE:.0%})"
    )
    if unchecked:
        missing = [d for d in DATASETS if dataset_dir(d, data) is None]
        where = f"under {data}" if data else "(set $BOILERBENCH_DATA or pass --data DIR)"
        print(
            f"validate --real: {unchecked} page(s) not checked against their HTML:"
            f" format only (dataset(s) {', '.join(missing) or 'unreadable'} not found {where})"
        )
    return 1 if failed else 0
