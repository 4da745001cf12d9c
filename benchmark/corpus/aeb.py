"""The Scrapinghub article-extraction-benchmark (AEB) layout.

``DIR/html/<id>.html.gz`` (gzip, UTF-8) and ``DIR/ground-truth.json`` mapping each id
to ``{"articleBody": str, "url": str}``. Gold is article text only, so per-kind
removal does not apply. Stored outputs live in ``DIR/output/<engine>.json``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from benchmark.corpus.model import (
    ARTICLE,
    Corpus,
    Gold,
    Page,
    Segment,
    corpus_fingerprint,
)
from benchmark.corpus.source import PageSource
from benchmark.errors import UserError, read_json


def load_aeb(root: Path, spec: str) -> Corpus:
    truth_path = root / "ground-truth.json"
    truth = read_json(truth_path, "not an AEB folder: ground-truth.json is missing")
    if not isinstance(truth, dict):
        raise UserError("expected an object {id: {articleBody, url}}", truth_path)
    pages = []
    for page_id in sorted(truth):
        item = truth[page_id]
        if not isinstance(item, dict) or "articleBody" not in item:
            raise UserError(f"entry {page_id!r} has no articleBody", truth_path)
        html_path = root / "html" / f"{page_id}.html.gz"
        try:
            digest = hashlib.sha256(html_path.read_bytes()).hexdigest()
        except FileNotFoundError:
            raise UserError(f"saved page for {page_id!r} is missing", html_path) from None
        body = item.get("articleBody") or ""
        pages.append(
            Page(
                id=page_id,
                url=item.get("url", ""),
                source=PageSource(str(html_path), compression="gzip"),
                digest=digest,
                gold=Gold(segments=(Segment(ARTICLE, body),) if body else ()),
            )
        )
    if not pages:
        raise UserError("ground-truth.json lists no pages", truth_path)
    pages_t = tuple(pages)
    return Corpus(
        f"aeb:{root.name}",
        spec,
        pages_t,
        corpus_fingerprint(pages_t),
        families=frozenset({"content", "removal"}),  # article gold: no snippets
    )
