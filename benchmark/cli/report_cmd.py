"""Print (and rewrite) the summary table of a finished run from its summary.json."""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmark.errors import read_json
from benchmark.results.markdown import summary_table

NAME = "report"
HELP = "show the summary table of a results folder"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "results", nargs="?", type=Path, default=Path("results"), help="results folder"
    )


def load_summary(folder: Path) -> dict:
    path = folder / "summary.json" if folder.is_dir() else folder
    return read_json(path, "no summary.json here: run 'boilerbench run' first")  # type: ignore[return-value]


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
