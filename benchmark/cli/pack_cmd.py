"""Pack a corpus's saved pages into a WARC file (response records with HTTP headers).

With the bundled gold this gives an archive that ``--corpus warc:FILE`` runs exactly
like the folder of pages: same pages, same gold, same corpus fingerprint.
"""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "pack-warc"
HELP = "pack a corpus's pages into a .warc.gz archive"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, help="archive to write (.warc.gz or .warc)")
    parser.add_argument(
        "--corpus", default="gold", metavar="SPEC", help="corpus to pack (default: gold)"
    )


def run(args: argparse.Namespace) -> int:
    from benchmark.corpus import load_corpus
    from benchmark.corpus.warc import write_warc

    corpus = load_corpus(args.corpus)
    count = write_warc(list(corpus.pages), args.out)
    print(f"pack-warc: {count} pages of {corpus.spec} written to {args.out}")
    return 0
