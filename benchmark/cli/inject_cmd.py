"""Make spam- and sidebar-injected variants of clean gold cases (seeded, labelled).

Writes a bundled-format corpus to OUT; run the engines on it with
``boilerbench run --corpus gold:OUT`` and draw the curves with ``--curves``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmark.cli.args import positive_int, seed
from benchmark.errors import UserError

NAME = "inject"
HELP = "make injected variants of clean gold cases, or draw curves from a run on them"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus", default="gold", metavar="SPEC", help="source corpus (default: gold)"
    )
    parser.add_argument(
        "--out", type=Path, default=Path("results/injection/gold"), help="variants folder"
    )
    parser.add_argument("--levels", default="0,0.05,0.1,0.2,0.35", help="injected shares")
    parser.add_argument("--placements", default="paragraph,mid-sentence,hidden,sidebar")
    parser.add_argument("--seed", type=seed, default=0)
    parser.add_argument(
        "--max-cases", type=positive_int, default=12, help="clean cases to use (default 12)"
    )
    parser.add_argument(
        "--curves", type=Path, metavar="RESULTS", help="draw curves from a run's results folder"
    )


def run(args: argparse.Namespace) -> int:
    if args.curves:
        from benchmark.injection.curves import write_curves

        for path in write_curves(args.curves):
            print(f"inject: wrote {path}")
        return 0
    from benchmark.corpus import load_corpus
    from benchmark.injection.inject import PLACEMENTS, variants, write_variants

    placements = [p.strip() for p in args.placements.split(",") if p.strip()]
    unknown = set(placements) - set(PLACEMENTS)
    if unknown:
        raise UserError(
            f"unknown placement(s) {sorted(unknown)}; choose from {', '.join(PLACEMENTS)}"
        )
    try:
        levels = [float(x) for x in args.levels.split(",")]
    except ValueError:
        raise UserError(f"--levels must be numbers, got {args.levels!r}") from None
    if any(not 0 <= x < 1 for x in levels):
        raise UserError("--levels must lie in [0, 1)")
    corpus = load_corpus(args.corpus)
    clean = [
        p for p in corpus.pages if p.gold.has_boilerplate and "spam" not in p.gold.kinds_present()
    ]
    clean = clean[: args.max_cases]
    if not clean:
        raise UserError(f"corpus {args.corpus!r} has no clean case (gold without spam)")
    items = list(variants(clean, placements, levels, args.seed))
    write_variants(items, {p.id: p for p in clean}, args.out)
    cases = len({v.case for v in items})
    print(f"inject: {len(items)} variants of {cases} clean cases written to {args.out}")
    return 0
