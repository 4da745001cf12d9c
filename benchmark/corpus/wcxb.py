"""WCXB (Web Content eXtraction Benchmark, Foley 2026, CC-BY-4.0) split layout.

``DIR/ground-truth/<id>.json`` and ``DIR/html/<id>.html.gz`` (gzip, UTF-8), DIR being
one split (``dev/`` of github.com/Murrough-Foley/web-content-extraction-benchmark).
Each ground-truth file holds ``ground_truth.main_content`` (plain text, the article
gold), ``with`` / ``without`` snippets and ``_internal.page_type.primary``; the page
type travels with the page as ``meta["page_type"]``, read exactly as WCXB's
``evaluate.py`` reads it (missing: ``article``; ``category`` counts as ``collection``).

Pages are read as UTF-8, as WCXB's README reads them (``gzip.open(..., "rt",
encoding="utf-8")``): the files were saved as UTF-8, but four dev pages (0193, 0452,
0527, 0533) still carry a ``<meta>`` charset of their original ISO-8859-1/Windows-1252,
which a browser-like decoding would follow and so garble their non-ASCII text. UTF-8
is given as the page's charset, which outranks ``<meta>`` as an HTTP header would.

A page with empty ``main_content`` is kept: WCXB's word metric scores it 1 for an
empty output and 0 otherwise, while the AEB metric leaves it out of recall.

Structure gold: ``ground_truth.main_content_markdown`` (1,476 of the 1,497 dev pages
have one), parsed with markdown-it-py into the element tree (``benchmark.structure``)
when the pages are scored;
pages without it have no structure gold and are left out of the structure metrics
(``Corpus.structure_pages`` counts the others). It is not always character-identical to
``main_content``: the word metrics keep reading ``main_content``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

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

#: WCXB stores every page as UTF-8 (its evaluate.py reads them so); 7 dev pages keep a
#: stale ``<meta charset>`` of their original capture (cp1252, mac-roman), which would
#: turn their non-ASCII letters into mojibake. Passed like an HTTP header charset.
WCXB_CHARSET = "utf-8"

PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")


def page_type_of(data: dict[str, Any]) -> str:
    """``_internal.page_type.primary`` (or a plain string there), as evaluate.py reads it."""
    internal = data.get("_internal") or {}
    value = internal.get("page_type", {}) if isinstance(internal, dict) else {}
    if isinstance(value, dict):
        page_type = value.get("primary", "article")
    elif isinstance(value, str):
        page_type = value
    else:
        page_type = "article"
    return "collection" if page_type == "category" else str(page_type)


def _strings(value: Any, field: str, path: Path) -> tuple[str, ...]:
    value = value or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UserError(f"ground_truth.{field} must be a list of strings", path)
    return tuple(value)


def load_page(truth_path: Path, html_dir: Path) -> Page:
    data: Any = read_json(truth_path)
    if not isinstance(data, dict) or not isinstance(data.get("ground_truth"), dict):
        raise UserError("not a WCXB ground-truth file (no ground_truth object)", truth_path)
    truth = data["ground_truth"]
    body = truth.get("main_content") or ""
    if not isinstance(body, str):
        raise UserError("ground_truth.main_content must be text", truth_path)
    page_id = truth_path.stem
    html_path = html_dir / f"{page_id}.html.gz"
    try:
        digest = hashlib.sha256(html_path.read_bytes()).hexdigest()
    except FileNotFoundError:
        raise UserError(f"saved page for {page_id!r} is missing", html_path) from None
    meta = {"page_type": page_type_of(data)}
    markdown = truth.get("main_content_markdown")
    if markdown is not None and not isinstance(markdown, str):
        raise UserError("ground_truth.main_content_markdown must be text", truth_path)

    return Page(
        id=page_id,
        url=str(data.get("url") or truth.get("url") or ""),
        source=PageSource(str(html_path), compression="gzip", charset=WCXB_CHARSET),
        digest=digest,
        gold=Gold(
            segments=(Segment(ARTICLE, body),) if body.strip() else (),
            with_snippets=_strings(truth.get("with"), "with", truth_path),
            without_snippets=_strings(truth.get("without"), "without", truth_path),
            structure_markdown=markdown if markdown and markdown.strip() else None,
        ),
        meta=meta,
    )


def load_wcxb(root: Path, spec: str) -> Corpus:

    truth_dir, html_dir = root / "ground-truth", root / "html"
    if not truth_dir.is_dir():
        hint = (
            f"; the split folders are inside: use wcxb:{root / 'dev'}"
            if (root / "dev" / "ground-truth").is_dir()
            else ""
        )
        raise UserError(f"not a WCXB split: no ground-truth/ folder{hint}", root)
    pages = tuple(load_page(p, html_dir) for p in sorted(truth_dir.glob("*.json")))
    if not pages:
        raise UserError("ground-truth/ holds no .json file", truth_dir)
    return Corpus(
        f"wcxb:{root.name}",
        spec,
        pages,
        corpus_fingerprint(pages),
        # its with/without snippets belong to WCXB's own metric, not trafilatura's
        families=frozenset({"content", "removal", "wcxb", "structure"}),
    )
