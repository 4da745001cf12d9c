"""Run engines over every HTML page of web archives that have no gold.

Streams the archives in bounded memory and reports, per engine: pages/s, failures and
time-outs, output length, and the share of outputs still carrying pharmacy, casino,
loan or link-farm spam text. The keep-everything baselines show how much spam the
pages held to begin with.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from benchmark.cli.args import nonnegative_int, positive_float, positive_int
from benchmark.errors import UserError

NAME = "scan"
HELP = "run engines over unlabelled WARC archives (throughput, failures, spam left)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("archives", nargs="+", type=Path, help="WARC files (.warc, .warc.gz)")
    parser.add_argument("--engines", default="all", metavar="LIST", help="engines (default: all)")
    parser.add_argument(
        "--workers", type=positive_int, default=2, help="worker processes (default 2)"
    )
    parser.add_argument(
        "--timeout", type=positive_float, default=60.0, metavar="S", help="per-page limit, s"
    )
    parser.add_argument(
        "--memory-limit", type=nonnegative_int, default=4096, metavar="MB", help="per worker, MB"
    )
    parser.add_argument("--out", type=Path, default=Path("results/scan"), help="output folder")


def render(result: dict[str, Any]) -> str:
    from benchmark.injection.spam_patterns import FAMILIES

    families = ["any", *FAMILIES]
    lines = [
        f"{result['pages']} pages from {len(result['archives'])} archive(s);"
        f" skipped records: {result['skipped'] or 'none'}",
        "",
        "| engine | version | pages/s | failures | time-outs | median chars | "
        + " | ".join(f"spam left: {f}" for f in families)
        + " |",
        "|---|---|---:|---:|---:|---:|" + "---:|" * len(families),
    ]
    for name, e in result["engines"].items():
        rate = f"{e['pages_per_s']:.1f}" if e["pages_per_s"] else "–"
        shares = " | ".join(
            "–" if e["spam_share"][f] is None else f"{e['spam_share'][f]:.1%}" for f in families
        )
        median = "–" if e["chars_median"] is None else f"{e['chars_median']:.0f}"
        lines.append(
            f"| {name} | {e['version']} | {rate} | {e['failures']} | {e['timeouts']}"
            f" | {median} | {shares} |"
        )
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from benchmark.engines import resolve_engines
    from benchmark.injection.scan import scan_archives
    from benchmark.results.files import json_safe, write_atomic

    for path in args.archives:
        if not path.is_file():
            raise UserError("archive not found", path)
    engines = resolve_engines(args.engines)
    if not engines:
        raise UserError("no engine to run")
    result = scan_archives(
        args.archives,
        engines,
        workers=args.workers,
        timeout=args.timeout,
        memory_mb=args.memory_limit or None,
    )
    table = render(result)
    write_atomic(args.out / "scan.json", json.dumps(json_safe(result), indent=2) + "\n")
    write_atomic(args.out / "scan.md", table)
    print(table)
    return 0
