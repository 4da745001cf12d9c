"""``boilerbench`` command line: a thin layer over the library, one module per command.

Each command module has ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``. A ``UserError`` anywhere becomes one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from benchmark.cli import (
    annotate_cmd,
    compare_cmd,
    engines_cmd,
    fetch_cmd,
    gate_cmd,
    inject_cmd,
    pack_cmd,
    report_cmd,
    run_cmd,
    scan_cmd,
    setup_cmd,
    validate_cmd,
)
from benchmark.errors import UserError
from benchmark.version import __version__

COMMANDS = (
    run_cmd,
    report_cmd,
    compare_cmd,
    gate_cmd,
    engines_cmd,
    validate_cmd,
    annotate_cmd,
    fetch_cmd,
    pack_cmd,
    scan_cmd,
    inject_cmd,
    setup_cmd,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boilerbench",
        description=(
            "Benchmark web-page boilerplate removal: how much of the article each"
            " extraction engine keeps, and how much spam, sidebar, navigation and"
            " comment text it lets through."
        ),
        epilog="Run 'boilerbench COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"boilerbench {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.__doc__)
        module.add_arguments(command)
        command.set_defaults(handler=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except UserError as exc:
        print(f"boilerbench: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head`: stop quietly, as cat would
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("boilerbench: interrupted; finished results are kept in the cache", file=sys.stderr)
        return 130
