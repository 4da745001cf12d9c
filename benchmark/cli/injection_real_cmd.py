"""Inject spam into real pages (AEB, WCXB dev) with every attack at every level, run
the engines on them and write the curves, the seed's measure and scan's detector
figures (figures only) to --out.

The injected pages (and the run's own results folder) live in the ignored cache folder;
the same --seed gives byte-identical pages. See benchmark/injection/real/attacks.py for
the attacks.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from benchmark.cli.args import positive_int
from benchmark.errors import UserError
from benchmark.settings import DEFAULT_RESAMPLES, DEFAULT_SEED, RunSettings

NAME = "injection-real"
HELP = "spam attacks on real pages: curves per engine, attack and injected share"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", type=Path, metavar="DIR", help="datasets folder (aeb/, wcxb-dev/dev/)"
    )
    parser.add_argument(
        "--pages", type=int, default=240, help="source pages, split evenly (0: all; default 240)"
    )
    parser.add_argument("--seed", type=int, default=0, help="injection seed (default 0)")
    parser.add_argument("--attacks", default="all", metavar="LIST", help="attacks (default all)")
    parser.add_argument(
        "--levels", default="0.02,0.05,0.1,0.25", metavar="LIST", help="injected shares"
    )
    parser.add_argument("--engines", default="all", metavar="LIST", help="engines (default all)")
    parser.add_argument(
        "--out", type=Path, default=Path("results/injection-real"), help="figures folder"
    )
    parser.add_argument("--workers", type=positive_int, default=2)
    parser.add_argument("--timeout", type=float, default=60.0, metavar="S", help="per page, s")
    parser.add_argument(
        "--unlabelled",
        action="store_true",
        help="also draw pages without reviewed per-kind labels (article-only gold)",
    )
    parser.add_argument("--resamples", type=positive_int, default=DEFAULT_RESAMPLES)
    parser.add_argument("--bootstrap-seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress output")


def _levels(text: str) -> list[float]:
    try:
        levels = sorted({float(x) for x in text.split(",") if x.strip()})
    except ValueError:
        raise UserError(f"--levels must be numbers, got {text!r}") from None
    if not levels or any(not 0 < x < 1 for x in levels):
        raise UserError("--levels must lie strictly between 0 and 1")
    return levels


def run(args: argparse.Namespace) -> int:
    from benchmark.injection.real.attacks import get_attacks
    from benchmark.injection.real.experiment import run_injection_real

    attacks = [a.name for a in get_attacks(args.attacks)]
    settings = RunSettings(
        workers=args.workers,
        timeout=args.timeout,
        resamples=args.resamples,
        seed=args.bootstrap_seed,
        progress=not args.quiet,
    )
    injected, written = run_injection_real(
        data=args.data,
        pages=args.pages,
        seed=args.seed,
        attacks=attacks,
        levels=_levels(args.levels),
        engines=args.engines,
        out=args.out,
        settings=settings,
        unlabelled=args.unlabelled,
        command="boilerbench " + shlex.join(sys.argv[1:]),
    )
    print(
        f"injection-real: {len(injected.sources)} source pages,"
        f" {len(injected.corpus.pages)} pages run ({injected.folder})"
    )
    for path in written:
        print(f"injection-real: wrote {path}")
    return 0
