"""List the engines boilerbench knows, with their exact installed versions.

Built-in engines, plugins (the ``boilerbench.engines`` entry points of installed
packages), and engines that need ``boilerbench setup-engines`` (Node, Java, side
environments). Plugins that failed to load are listed below the table with the reason.
"""

from __future__ import annotations

import argparse
import json

NAME = "engines"
HELP = "list engines, their versions and whether they are installed"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace) -> int:
    from benchmark.engines import all_engines, origin, plugin_problems

    rows = [
        {
            "name": e.name,
            "distribution": e.distribution,
            "version": e.version,
            "available": e.available,
            "from": origin(e.name),
            "needs_setup": e.sidecar is not None and not e.sidecar.installed(),
            "options": dict(e.options),
            "description": e.description,
            "output": e.output,
        }
        for e in all_engines().values()
    ]
    problems = plugin_problems()
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table("engine", "from", "package", "version", "available", "output", "what it runs")
    for row in rows:
        if row["available"]:
            available = "yes"
        elif row["needs_setup"]:
            available = "[red]no[/red] (boilerbench setup-engines)"
        else:
            available = "[red]no[/red]"
        table.add_row(
            str(row["name"]),
            str(row["from"]),
            str(row["distribution"] or "-"),
            str(row["version"] or "-"),
            available,
            str(row["output"]),
            str(row["description"]),
        )
    console = Console()
    console.print(table)
    for where, reason in problems.items():
        console.print(f"[red]plugin not loaded[/red]: {where}: {reason}", highlight=False)
    return 0
