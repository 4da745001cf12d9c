"""Corpora: the bundled gold and the public formats, chosen by a spec string.

``gold`` (default) or ``gold:DIR``; ``aeb:DIR``; ``trafilatura:FILE.json``;
``warc:FILE[,FILE...]`` (gold from the bundled corpus, joined by URL).
"""

from __future__ import annotations

from pathlib import Path

from benchmark.corpus.model import Corpus
from benchmark.errors import UserError

FORMATS = ("gold", "aeb", "trafilatura", "warc")


def load_corpus(spec: str = "gold") -> Corpus:
    kind, _, arg = spec.partition(":")
    if kind not in FORMATS:
        raise UserError(
            f"unknown corpus format {kind!r} in {spec!r} (use one of: {', '.join(FORMATS)})"
        )
    if kind == "gold":
        from benchmark.corpus.bundled import load_bundled

        return load_bundled(Path(arg) if arg else None, spec)
    if not arg:
        raise UserError(f"corpus {spec!r} needs a path, e.g. {kind}:PATH")
    path = Path(arg)
    if not path.exists():
        raise UserError("corpus path does not exist", path)
    if kind == "aeb":
        from benchmark.corpus.aeb import load_aeb

        return load_aeb(path, spec)
    raise UserError(f"corpus format {kind!r} is not supported yet")
