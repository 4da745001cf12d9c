"""``boilerbench`` command line: a thin layer over the library, one module per command.

Each command module has ``NAME``, ``HELP``, ``add_arguments(parser)`` and
``run(args) -> int``.

Exit status, the same for every command (``compare`` is a CI gate, so it matters):
0 success (no regression); 1 a significant regression (``compare``) or failed checks
(``validate``); 2 bad usage or input, one line naming the file and the problem (a
``UserError``, or argparse); 3 an internal error, a bug: its traceback is printed, and
it can never pass for a regression; 130 interrupted.
"""

from __future__ import annotations

import argparse
import gc
import sys
import traceback
from collections.abc import Sequence
from typing import NoReturn

from benchmark.cli import (
    annotate_cmd,
    compare_cmd,
    engines_cmd,
    fetch_cmd,
    gate_cmd,
    inject_cmd,
    injection_real_cmd,
    pack_cmd,
    report_cmd,
    run_cmd,
    scan_cmd,
    setup_cmd,
    validate_cmd,
)
from benchmark.errors import UserError

USAGE, INTERNAL = 2, 3

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
    injection_real_cmd,
    setup_cmd,
)


class _Version(argparse.Action):
    """``--version``, reading the installed version only when asked (importing
    ``importlib.metadata`` costs a tenth of a second that ``--help`` need not pay)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from benchmark.version import __version__

        print(f"boilerbench {__version__}")
        parser.exit()


class _BadArguments(Exception):
    """argparse's complaint, to be printed as one line (not a usage block) with exit 2."""


class OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _BadArguments(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="boilerbench",
        description=(
            "Benchmark web-page boilerplate removal: how much of the article each"
            " extraction engine keeps, and how much spam, sidebar, navigation and"
            " comment text it lets through."
        ),
        epilog="Run 'boilerbench COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=OneLineParser
    )
    for module in COMMANDS:
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.__doc__)
        module.add_arguments(command)
        command.set_defaults(handler=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except _BadArguments as exc:
        print(f"boilerbench: error: {exc} (see --help)", file=sys.stderr)
        return USAGE
    try:
        return int(args.handler(args) or 0)
    except UserError as exc:
        print(f"boilerbench: error: {exc}", file=sys.stderr)
        return USAGE
    except BrokenPipeError:  # output piped into `head`: stop quietly, as cat would
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("boilerbench: interrupted; finished results are kept in the cache", file=sys.stderr)
        return 130
    except Exception:
        traceback.print_exc()
        print(
            "boilerbench: internal error (a bug, not a problem with your input): exit 3",
            file=sys.stderr,
        )
        return INTERNAL


def command() -> int:
    """The ``boilerbench`` command (and ``python -m benchmark``): ``main``, then the
    objects left are frozen out of the garbage collector, so the interpreter's last
    collections at exit skip them (they are freed all the same): a run on AEB's 15
    stored outputs ended ~0.08 s sooner. Not for callers that go on after ``main``."""
    status = main()
    gc.freeze()
    return status
