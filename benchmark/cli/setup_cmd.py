"""Install the engines that live outside the Python environment, from their lock files.

The Node.js servers' npm packages (``npm ci``), the Java Boilerpipe server class
(``javac`` against Debian's ``libboilerpipe-java``) and side Python environments
(``uv sync --locked``). In a source checkout they go into the repository's folders
(``make setup`` runs this); from an installed wheel, into ``$BOILERBENCH_HOME`` or
``~/.cache/boilerbench``. Already installed engines are skipped. An engine that cannot
install here (no Node, no JDK) is reported and stays unavailable; the exit status is
1 only when an install that could run failed.
"""

from __future__ import annotations

import argparse
import sys

from benchmark.errors import UserError

NAME = "setup-engines"
HELP = "install the Node, Java and side-environment engines (npm ci, javac, uv sync)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "engines", nargs="*", metavar="ENGINE", help="only these engines (default: all)"
    )
    parser.add_argument("--force", action="store_true", help="reinstall even if up to date")


def run(args: argparse.Namespace) -> int:
    from benchmark.engines import all_engines

    engines = [e for e in all_engines().values() if e.sidecar is not None]
    if args.engines:
        unknown = sorted(set(args.engines) - {e.name for e in engines})
        if unknown:
            raise UserError(
                f"no install step for {', '.join(unknown)}"
                f" (engines with one: {', '.join(e.name for e in engines)})"
            )
        engines = [e for e in engines if e.name in args.engines]
    failed = 0
    for engine in engines:
        assert engine.sidecar is not None
        reason = engine.sidecar.missing()
        if reason and not engine.sidecar.installed():
            print(f"{engine.name}: not installed ({reason}); reported unavailable")
            continue
        try:
            done = engine.sidecar.install(force=args.force)
        except UserError as exc:
            print(f"{engine.name}: FAILED: {exc}", file=sys.stderr)
            failed += 1
            continue
        print(f"{engine.name}: {done}")
    return 1 if failed else 0
