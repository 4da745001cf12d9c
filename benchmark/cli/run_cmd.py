"""Run extraction engines over a corpus, score them against its gold, write results/.

Cells (engine x page) already computed with the same engine version, options, adapter
and page bytes are reused from the cache, so an interrupted run resumes where it
stopped. When nothing at all changed since the results in --out were written (same
corpus, engines, stored outputs and settings), the run just shows them (--force redoes).
The report (report.html) is redrawn when what it shows changed; the last line names it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from benchmark.cli.args import (
    metric_families,
    nonnegative_int,
    positive_float,
    positive_int,
    safe_name,
    seed,
)
from benchmark.errors import UserError
from benchmark.settings import DEFAULT_RESAMPLES, DEFAULT_SEED, NETNS, SECCOMP, RunSettings

if TYPE_CHECKING:  # the rest is imported when the command runs: --help stays fast
    from benchmark.corpus.model import Corpus
    from benchmark.engines import Engine
    from benchmark.plan import Plan

NAME = "run"
HELP = "run engines over a corpus and write scored results"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus",
        default="gold",
        metavar="SPEC",
        help="gold (default), gold:DIR, aeb:DIR, wcxb:DIR, cleaneval:DIR, trafilatura:FILE.json"
        ", webmainbench:FILE.jsonl or warc:FILE",
    )
    parser.add_argument(
        "--engines",
        default="all",
        metavar="LIST",
        help="comma-separated engine names; 'all' (default): every available plain-text"
        " engine; 'structured': every structured-output row (Markdown, XML, HTML); 'none'",
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
        " page (start-up timed with every page); repeatable",
    )
    parser.add_argument(
        "--engine-server",
        action="append",
        default=[],
        metavar="NAME=COMMAND",
        help="add an engine in any language speaking the engine protocol (one long-lived"
        " process per worker, JSON lines, a handshake with its version); repeatable",
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
        type=positive_float,
        default=60.0,
        metavar="S",
        help="per-page time limit of one engine, seconds (default 60)",
    )
    parser.add_argument(
        "--memory-limit",
        type=nonnegative_int,
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
    parser.add_argument("--seed", type=seed, default=DEFAULT_SEED, help="bootstrap seed")
    parser.add_argument(
        "--metrics",
        type=metric_families,
        metavar="LIST",
        help="score only these metric families: content (the AEB metric: F1, precision,"
        " recall, accuracy), removal (per kind), snippets, wcxb (word F1), structure"
        " (default: every family the corpus's gold supports). 'content' alone skips the"
        " real-page labels, as AEB's own evaluate.py does",
    )
    parser.add_argument(
        "--isolation",
        choices=("auto", NETNS, SECCOMP),
        default="auto",
        help="how engines are cut off the network: a network namespace (needs root), a"
        " seccomp filter, or auto (the first that holds; default)",
    )
    parser.add_argument(
        "--require-isolation",
        action="store_true",
        help="exit 2 instead of running engines when no isolation mechanism holds",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress, no table and no report"
    )
    parser.add_argument(
        "--no-report", action="store_true", help="write no report.html (the result files only)"
    )


def writable_folder(folder: Path, what: str) -> None:
    """Fail now, not after an hour of extraction, when results could not be written."""
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".boilerbench-write-test-"):
            pass
    except OSError as exc:
        raise UserError(f"{what} is not writable: {exc.strerror or exc}", folder) from None


def run(args: argparse.Namespace) -> int:
    from benchmark.engines import register, resolve_engines
    from benchmark.engines.external import command_engine
    from benchmark.engines.protocol import server_engine

    started = time.perf_counter()
    if args.executor not in ("local", "dask") and not args.executor.startswith("dask://"):
        raise UserError(
            f"--executor must be local, dask or dask://HOST:PORT, not {args.executor!r}"
        )
    writable_folder(args.out, "--out")
    if not args.no_cache:
        writable_folder(args.cache, "--cache")
    external = [command_engine(spec) for spec in args.external]
    external += [server_engine(spec) for spec in args.engine_server]
    for engine in external:
        safe_name(engine.name)
    for engine in external:
        register(engine)
    engines = resolve_engines(args.engines) + external  # argument errors before a big corpus
    every_cell = args.force or args.no_cache or not (args.cache / "outputs.sqlite").exists()
    # the workers' fork server imports the engines while the corpus loads; not when
    # isolation is required: that is checked first, before any engine code runs
    if every_cell and not args.require_isolation:
        from benchmark.launch import prestart

        prestart(engines, args.isolation, args.executor == "local")
    try:
        return _run(args, engines, started)
    except BaseException:
        from benchmark.runner import forkserver

        forkserver.stop()
        raise


def _run(args: argparse.Namespace, engines: list[Engine], started: float) -> int:
    from benchmark.corpus import load_corpus
    from benchmark.stored import load_stored_dir

    corpus = load_corpus(args.corpus, None if args.no_cache else args.cache, args.metrics)
    stored = [item for folder in args.stored for item in load_stored_dir(folder, corpus)]
    settings = RunSettings(
        workers=args.workers,
        timeout=args.timeout,
        memory_mb=args.memory_limit or None,
        cache_dir=None if args.no_cache else args.cache,
        resamples=args.resamples,
        seed=args.seed,
        progress=not args.quiet,
        executor=args.executor,
        isolation=args.isolation,
        require_isolation=args.require_isolation,
        metrics=args.metrics,
    )
    from benchmark.plan import make_plan

    plan = make_plan(corpus, engines, stored, settings, args.force)
    up_to_date_possible = not args.force and settings.cache_dir is not None  # (see Plan)
    if up_to_date_possible and _show_if_up_to_date(args, plan, corpus, started):
        return 0
    from benchmark.launch import launch

    launched = launch(plan)  # the workers start now, while pandas and the scoring load
    try:
        from benchmark.pipeline import run_plan  # pandas: only when there is work
    except BaseException:
        launched.close()
        raise
    result = run_plan(plan, out=args.out, launched=launched, started=started)
    for warning in result.warnings:
        print(f"boilerbench: warning: {warning}", file=sys.stderr)
    if not args.quiet:
        from benchmark.report.terminal import print_table

        c = result.corpus
        print_table(result.engines, f"{c.spec}: {c.pages} pages, fingerprint {c.fingerprint}")
        sys.stdout.flush()
    elapsed = time.perf_counter() - started
    if result.up_to_date:  # (made current by another run meanwhile)
        _say_up_to_date(args, result.provenance.run_digest, elapsed)
        _report(args, corpus)
        return 0
    live = result.pages[result.pages["engine"].isin([e.name for e in engines])]
    computed = int((~live["cached"].astype(bool)).sum())
    t = result.provenance.timings
    print(
        f"boilerbench: {result.corpus.pages} pages x {len(result.engines)} engine rows;"
        f" {computed} cells computed, {len(live) - computed} from cache;"
        f" load {t['load_s']:.2f} s, extract {t['extract_s']:.2f} s, score {t['score_s']:.2f} s,"
        f" total {elapsed:.2f} s; results in {args.out}/",
        file=sys.stderr,
    )
    _report(args, corpus)
    return 0


def _show_if_up_to_date(
    args: argparse.Namespace, plan: Plan, corpus: Corpus, started: float
) -> bool:
    """When ``--out`` already holds this very run, show it and say so: the check and
    the table need neither pandas nor the scoring code, so an unchanged re-run takes a
    fraction of a second."""
    from benchmark.runner.cache import OutputCache

    with OutputCache(plan.settings.cache_dir) as cache:
        if not plan.up_to_date(args.out, cache):
            return False
    if not args.quiet:
        from benchmark.report.terminal import print_table
        from benchmark.results.io import load_summary

        _, c, figures, _ = load_summary(args.out)
        print_table(figures, f"{c.spec}: {c.pages} pages, fingerprint {c.fingerprint}")
        sys.stdout.flush()
    _say_up_to_date(args, plan.digest, time.perf_counter() - started)
    _report(args, corpus)
    return True


def _say_up_to_date(args: argparse.Namespace, digest: str, elapsed: float) -> None:
    print(
        f"boilerbench: results in {args.out}/ are up to date (same corpus, engines and"
        f" settings; digest {digest}); --force to recompute. {elapsed:.2f} s",
        file=sys.stderr,
    )


def _report(args: argparse.Namespace, corpus: Corpus) -> None:
    """Redraw report.html if what it shows changed; the last line names it."""
    if args.quiet or args.no_report:
        return
    from benchmark.report.key import relative, report_is_current

    path = args.out / "report.html"
    if report_is_current(args.out, corpus_loaded=True):
        print(f"report: {relative(path)} (unchanged)", file=sys.stderr)
        return
    from benchmark.report.build import write_report

    started = time.perf_counter()
    written = write_report(args.out, corpus)
    for note in written.notes:
        print(f"report: {note}", file=sys.stderr)
    print(
        f"report: {relative(written.report)} ({time.perf_counter() - started:.1f} s)",
        file=sys.stderr,
    )
