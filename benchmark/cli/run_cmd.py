"""Run extraction engines over a corpus, score them against its gold, write results/.

Cells (engine x page) already computed with the same engine version, options, adapter
and page bytes are reused from the cache, so an interrupted run resumes where it
stopped. When nothing at all changed since the results in --out were written (same
corpus, engines, stored outputs and settings), the run just shows them (--force redoes).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from benchmark.corpus import load_corpus
from benchmark.engines import register, resolve_engines
from benchmark.engines.external import command_engine
from benchmark.errors import UserError
from benchmark.runner.digest import run_digest, up_to_date
from benchmark.runner.settings import DEFAULT_RESAMPLES, DEFAULT_SEED, RunSettings
from benchmark.runner.stored import load_stored_dir

NAME = "run"
HELP = "run engines over a corpus and write scored results"


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus",
        default="gold",
        metavar="SPEC",
        help="gold (default), gold:DIR, aeb:DIR, wcxb:DIR, cleaneval:DIR, trafilatura:FILE.json"
        " or warc:FILE",
    )
    parser.add_argument(
        "--engines",
        default="all",
        metavar="LIST",
        help="comma-separated engine names, 'all' available (default) or 'none'",
    )
    parser.add_argument(
        "--stored",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="add one engine row per output file in DIR (AEB output JSON, or a folder"
        " of one <page>.txt per page); repeatable",
    )
    parser.add_argument(
        "--external",
        action="append",
        default=[],
        metavar="NAME=COMMAND",
        help="add an engine that is a program: HTML on stdin, text on stdout, one run per"
        " page; repeatable",
    )
    parser.add_argument(
        "--out", type=Path, default=Path("results"), help="results folder (default: results)"
    )
    parser.add_argument(
        "--workers",
        type=positive_int,
        default=os.cpu_count() or 1,
        help="worker processes (default: CPU count)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        metavar="S",
        help="per-page time limit of one engine, seconds (default 60)",
    )
    parser.add_argument(
        "--memory-limit",
        type=int,
        default=4096,
        metavar="MB",
        help="address-space limit per worker, MB; 0 for none (default 4096)",
    )
    parser.add_argument(
        "--executor",
        default="local",
        metavar="WHERE",
        help="local (worker processes, default), dask (a local Dask cluster) or"
        " dask://HOST:PORT (an existing Dask scheduler)",
    )
    parser.add_argument(
        "--cache", type=Path, default=Path(".boilerbench-cache"), help="output cache folder"
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="recompute every cell and keep nothing"
    )
    parser.add_argument(
        "--force", action="store_true", help="rescore and rewrite even if nothing changed"
    )
    parser.add_argument(
        "--resamples",
        type=positive_int,
        default=DEFAULT_RESAMPLES,
        help=f"bootstrap resamples (default {DEFAULT_RESAMPLES})",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="bootstrap seed")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no table")


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if args.timeout <= 0:
        raise UserError("--timeout must be positive")
    if args.executor not in ("local", "dask") and not args.executor.startswith("dask://"):
        raise UserError(
            f"--executor must be local, dask or dask://HOST:PORT, not {args.executor!r}"
        )
    for spec in args.external:
        register(command_engine(spec))
    engines = resolve_engines(args.engines)  # argument errors before reading a big corpus
    engines += resolve_engines(",".join(spec.partition("=")[0] for spec in args.external) or "none")
    corpus = load_corpus(args.corpus)
    stored = [item for folder in args.stored for item in load_stored_dir(folder, corpus)]
    if not engines and not stored:
        raise UserError("nothing to run: no live engine available and no --stored outputs")
    settings = RunSettings(
        workers=args.workers,
        timeout=args.timeout,
        memory_mb=args.memory_limit or None,
        cache_dir=None if args.no_cache else args.cache,
        resamples=args.resamples,
        seed=args.seed,
        progress=not args.quiet and sys.stderr.isatty(),
        executor=args.executor,
    )
    digest = run_digest(
        corpus.fingerprint,
        [e.identity for e in engines],
        [f for s in stored for f in s.files],
        settings.affecting_figures(),
    )
    if not args.force and up_to_date(args.out, digest, settings.cache_dir):
        if not args.quiet:
            print((args.out / "summary.md").read_text())
        print(
            f"boilerbench: results in {args.out}/ are up to date (same corpus, engines and"
            f" settings; digest {digest}); --force to recompute."
            f" {time.perf_counter() - started:.2f} s",
            file=sys.stderr,
        )
        return 0
    pool = None
    if engines and settings.executor == "local":
        from benchmark.runner.pool import start_pool

        # workers import the engines while this process imports pandas and reads the cache
        pool = start_pool(engines, settings.workers, settings.memory_mb)
    from benchmark.results.write import write_results  # pandas, numpy: only when needed
    from benchmark.runner.run import run_benchmark

    loaded = time.perf_counter()
    result = run_benchmark(corpus, engines, stored, settings, pool)
    result.timings["load_s"] = loaded - started
    write_results(result, args.out)
    if settings.cache_dir is not None:
        from benchmark.runner.cache import OutputCache

        cache = OutputCache(settings.cache_dir)
        cache.record_run(digest)
        cache.close()
    result.timings["total_s"] = time.perf_counter() - started
    if not args.quiet:
        print((args.out / "summary.md").read_text())
    live = result.pages[result.pages["engine"].isin([e.name for e in engines])]
    computed = int((~live["cached"]).sum())
    t = result.timings
    print(
        f"boilerbench: {len(corpus.pages)} pages x {len(result.engines)} engine rows;"
        f" {computed} cells computed, {len(live) - computed} from cache;"
        f" load {t['load_s']:.2f} s, extract {t['extract_s']:.2f} s, score {t['score_s']:.2f} s,"
        f" total {t['total_s']:.2f} s; results in {args.out}/",
        file=sys.stderr,
    )
    return 0
