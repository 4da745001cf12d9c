"""Print (and rewrite) the summary table of a finished run from its summary.json."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from benchmark.errors import UserError
from benchmark.results.markdown import summary_table

NAME = "report"
HELP = "show the summary table of a results folder"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "results", nargs="?", type=Path, default=Path("results"), help="results folder"
    )


def load_summary(folder: Path) -> dict:
    path = folder / "summary.json" if folder.is_dir() else folder
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError("no summary.json here: run 'boilerbench run' first", path) from None
    except json.JSONDecodeError as exc:
        raise UserError(f"not valid JSON: {exc}", path) from None


def run(args: argparse.Namespace) -> int:
    document = load_summary(args.results)
    engines = document["engines"]
    summary = {e["name"]: e for e in engines}
    corpus = document["corpus"]
    print(
        f"Corpus {corpus['spec']} ({corpus['pages']} pages, fingerprint {corpus['fingerprint']}),"
        f" boilerbench {document['harness']['version']}, {document['created']}\n"
    )
    print(summary_table(engines, summary))
    return 0
