"""Compare two result folders engine by engine, with paired bootstrap intervals.

Typical use in CI: BASE is the baseline committed under results/, HEAD the run of this
branch. Exit status: 0 no regression; 1 a regression: for a gated engine and metric,
HEAD is worse by more than --threshold *and* the 95% CI of the difference lies below
zero; 2 unusable input, including runs over different corpora (unless
--allow-different-corpus, which compares the pages both share).

With --pairs and one results folder: every pair of its engine rows on the same
resampled pages (AEB's evaluate.py --bootstrap-differences); exit 0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmark.cli.args import nonnegative_float, positive_int, seed
from benchmark.errors import UserError
from benchmark.settings import DEFAULT_RESAMPLES, DEFAULT_SEED

NAME = "compare"
HELP = "compare two result folders; non-zero exit on a significant regression"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", type=Path, help="baseline results folder (or its summary.json)")
    parser.add_argument(
        "head", type=Path, nargs="?", help="results folder to judge (not with --pairs)"
    )
    parser.add_argument(
        "--pairs",
        action="store_true",
        help="compare every pair of engine rows of one results folder (BASE) with each other:"
        " first - second, paired bootstrap (metrics: --metric, default f1, precision, recall)",
    )
    parser.add_argument(
        "--engine", action="append", default=[], help="engine(s) to gate on (default: all shared)"
    )
    parser.add_argument(
        "--metric",
        action="append",
        default=[],
        help="metric(s) to gate on: f1, precision, recall, accuracy, removal:<kind>:recall,"
        " removal:<kind>:precision (default: f1)",
    )
    parser.add_argument(
        "--threshold",
        type=nonnegative_float,
        default=0.01,
        help="smallest drop that counts as a regression, in metric units (default 0.01)",
    )
    parser.add_argument(
        "--resamples", type=positive_int, default=DEFAULT_RESAMPLES, help="bootstrap resamples"
    )
    parser.add_argument("--seed", type=seed, default=DEFAULT_SEED, help="bootstrap seed")
    parser.add_argument(
        "--markdown", type=Path, help="also write the table here (for a PR comment)"
    )
    parser.add_argument(
        "--allow-different-corpus",
        action="store_true",
        help="compare even if the corpus fingerprints differ (on the pages both runs share)",
    )


def run(args: argparse.Namespace) -> int:
    from benchmark.compare import compare_results, render_markdown
    from benchmark.results.io import load_results

    if args.pairs:
        return _pairs(args)
    if args.head is None:
        raise UserError("compare needs BASE and HEAD folders (or --pairs with one folder)")
    base, head = load_results(args.base), load_results(args.head)
    if base.corpus.fingerprint != head.corpus.fingerprint and not args.allow_different_corpus:
        raise UserError(
            f"not comparable: BASE ran on corpus {base.corpus.spec!r} (fingerprint"
            f" {base.corpus.fingerprint}), HEAD on {head.corpus.spec!r} (fingerprint"
            f" {head.corpus.fingerprint}); the figures would differ for reasons other than the"
            " engines (--allow-different-corpus to compare on shared pages anyway)"
        )
    report = compare_results(
        base,
        head,
        engines=args.engine or None,
        gate_metrics=args.metric or ["f1"],
        threshold=args.threshold,
        resamples=args.resamples,
        seed=args.seed,
        base_path=str(args.base),
        head_path=str(args.head),
    )
    table = render_markdown(report)
    print(table)
    if args.markdown:
        args.markdown.write_text(table, encoding="utf-8")
    if report.regressions:
        names = ", ".join(f"{r.engine} {r.metric} {r.delta:+.3f}" for r in report.regressions)
        print(f"compare: {len(report.regressions)} regression(s): {names}", file=sys.stderr)
        return 1
    print("compare: no significant regression", file=sys.stderr)
    return 0


def _pairs(args: argparse.Namespace) -> int:
    from benchmark.compare import pairwise_differences, render_pairs_markdown
    from benchmark.results.io import load_results

    if args.head is not None:
        raise UserError("--pairs compares the rows of one results folder: give only one")
    result = load_results(args.base)
    pairs = pairwise_differences(
        result,
        metrics=args.metric or ["f1", "precision", "recall"],
        engines=args.engine or None,
        resamples=args.resamples,
        seed=args.seed,
    )
    table = render_pairs_markdown(pairs, result)
    print(table)
    if args.markdown:
        args.markdown.write_text(table, encoding="utf-8")
    return 0
