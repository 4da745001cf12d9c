"""List the engines boilerbench knows, with their exact installed versions."""

from __future__ import annotations

import argparse
import json

from benchmark.engines import all_engines

NAME = "engines"
HELP = "list engines, their versions and whether they are installed"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace) -> int:
    rows = [
        {
            "name": e.name,
            "distribution": e.distribution,
            "version": e.version,
            "available": e.available,
            "options": dict(e.options),
            "description": e.description,
            "output": e.output,
        }
        for e in all_engines().values()
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table("engine", "package", "version", "available", "output", "what it runs")
    for row in rows:
        table.add_row(
            str(row["name"]),
            str(row["distribution"] or "-"),
            str(row["version"] or "-"),
            "yes" if row["available"] else "[red]no[/red]",
            str(row["output"]),
            str(row["description"]),
        )
    Console().print(table)
    return 0
