"""Gate an extractor's repository: its package at two git revisions, a paired test.

Run in (or point --repo at) the extractor's git repository. Each revision's committed
tree is installed into a fresh environment of its own (uv), the engine(s) are looked
up there (the package's ``boilerbench.engines`` entry points, or a built-in adapter by
--engine, e.g. trafilatura for trafilatura's own repository) and served over the engine
protocol, both run on the bundled gold (and any --corpus, e.g. a real-page set), and
``compare`` decides. Exit status: 0 no significant regression; 1 a regression (a gated
metric worse by more than --threshold with the paired 95% CI on the worse side); 2
unusable input. Writes OUT/report.md (a PR comment), OUT/gate.json and the results.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "gate"
HELP = "install an extractor at two git revisions, run both, fail on a significant regression"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base", required=True, metavar="REV", help="baseline revision")
    parser.add_argument("--head", required=True, metavar="REV", help="revision to judge")
    parser.add_argument(
        "--repo", type=Path, default=Path("."), help="the extractor's git repository (default .)"
    )
    parser.add_argument(
        "--package-dir",
        default=".",
        metavar="DIR",
        help="the package's folder inside the repository (default: its root)",
    )
    parser.add_argument(
        "--engine",
        action="append",
        default=[],
        metavar="NAME",
        help="engine(s) to run and gate (default: the package's boilerbench.engines entry"
        " points at HEAD); repeatable",
    )
    parser.add_argument(
        "--corpus",
        action="append",
        default=[],
        metavar="SPEC",
        help="corpus to run on (default: gold); repeatable, e.g. --corpus gold"
        " --corpus wcxb:DIR for a real-page set too",
    )
    parser.add_argument(
        "--metric",
        action="append",
        default=[],
        help="metric(s) to gate on (default: f1); see boilerbench compare",
    )
    parser.add_argument(
        "--threshold", type=float, default=0.01, help="smallest drop that counts (default 0.01)"
    )
    parser.add_argument(
        "--python", help="interpreter for the two environments (default: boilerbench's own)"
    )
    parser.add_argument(
        "--constraint",
        type=Path,
        help="pip constraints file applied to both installs (pin the dependencies)",
    )
    parser.add_argument(
        "--with",
        dest="extra",
        action="append",
        default=[],
        metavar="REQUIREMENT",
        help="also install this requirement into both environments; repeatable",
    )
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument(
        "--timeout", type=float, default=60.0, help="per-page time limit, s (default 60)"
    )
    parser.add_argument(
        "--out", type=Path, default=Path("gate-results"), help="output folder (gate-results)"
    )
    parser.add_argument(
        "--markdown", type=Path, help="also copy the report (a PR comment) to this file"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the exported trees and environments"
    )


def run(args: argparse.Namespace) -> int:
    from benchmark.errors import UserError
    from benchmark.gate import GateOptions, run_gate

    if args.workers < 1 or args.timeout <= 0:
        raise UserError("--workers must be at least 1 and --timeout positive")
    options = GateOptions(
        repo=args.repo.resolve(),
        base=args.base,
        head=args.head,
        engines=[n.strip() for spec in args.engine for n in spec.split(",") if n.strip()],
        package_dir=args.package_dir,
        corpora=args.corpus or ["gold"],
        metrics=args.metric or ["f1"],
        threshold=args.threshold,
        python=args.python,
        constraints=args.constraint.resolve() if args.constraint else None,
        extra_requirements=args.extra,
        workers=args.workers,
        timeout=args.timeout,
    )
    verdict = run_gate(options, args.out, keep=args.keep)
    report = (args.out / "report.md").read_text(encoding="utf-8")
    print(report)
    if args.markdown:
        args.markdown.write_text(report, encoding="utf-8")
    failing = {c: r for c, r in verdict["corpora"].items() if r}
    if failing:
        listed = "; ".join(f"{c}: {', '.join(r)}" for c, r in failing.items())
        print(f"gate: regression ({listed})", file=sys.stderr)
        return 1
    print("gate: no significant regression", file=sys.stderr)
    return 0
