"""Download a public dataset (AEB or WCXB) from its repository into the datasets folder.

Needs a network; nothing else in boilerbench ever downloads. The folder is --data DIR,
else $BOILERBENCH_DATA, else ~/.cache/boilerbench/datasets; runs then use
--corpus aeb:DIR/aeb or wcxb:DIR/wcxb/dev, and the real-page labels apply by digest.
"""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "fetch"
HELP = "download AEB or WCXB from its public repository"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dataset", choices=("aeb", "wcxb"), help="which dataset")
    parser.add_argument("--data", type=Path, metavar="DIR", help="datasets folder")
    parser.add_argument("--url", help="archive URL (default: the dataset's GitHub archive)")
    parser.add_argument("--force", action="store_true", help="replace an existing copy")


def run(args: argparse.Namespace) -> int:
    from benchmark.corpus.fetch import SOURCES, fetch

    folder = fetch(args.dataset, args.data, args.url, args.force)
    source = SOURCES[args.dataset]
    origin = f"github.com/{source.repo}@{source.ref}"
    print(f"fetch: {args.dataset} from {origin} in {folder} ({source.licence})")
    return 0
