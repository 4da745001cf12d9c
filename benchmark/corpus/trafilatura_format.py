"""The trafilatura evaluation format: snippet gold.

One JSON file maps each page URL to ``{"file": NAME, "with": [...], "without": [...]}``
plus metadata fields (author, title, date...) that are ignored here. The HTML files are
found by name in the JSON file's folder and its subfolders, read as bytes and decoded
like any page (they are not always UTF-8).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from benchmark.corpus.model import Corpus, Gold, Page, corpus_fingerprint
from benchmark.corpus.source import PageSource
from benchmark.errors import UserError, read_json


def _snippets(item: dict[str, Any], field: str, url: str, path: Path) -> tuple[str, ...]:
    value = item.get(field, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UserError(f"entry {url!r}: '{field}' must be a list of strings", path)
    return tuple(v for v in value if v.strip())


def load_trafilatura(path: Path, spec: str) -> Corpus:
    if not path.is_file():
        raise UserError("expected the evaluation JSON file, not a folder", path)
    data = read_json(path)
    if not isinstance(data, dict):
        raise UserError("expected an object {url: {file, with, without}}", path)
    files: dict[str, Path] = {}
    for candidate in sorted(path.parent.rglob("*")):
        if candidate.is_file() and candidate != path:
            files.setdefault(candidate.name, candidate)
    pages = []
    for url, item in data.items():
        if not isinstance(item, dict) or not isinstance(item.get("file"), str):
            raise UserError(f"entry {url!r} has no 'file'", path)
        html_path = files.get(item["file"])
        if html_path is None:
            raise UserError(f"entry {url!r}: file {item['file']!r} not found beside it", path)
        gold = Gold(
            with_snippets=_snippets(item, "with", url, path),
            without_snippets=_snippets(item, "without", url, path),
        )
        if not gold.has_snippets:
            raise UserError(f"entry {url!r} has neither 'with' nor 'without' snippets", path)
        pages.append(
            Page(
                id=item["file"],
                url=url,
                source=PageSource(str(html_path)),
                digest=hashlib.sha256(html_path.read_bytes()).hexdigest(),
                gold=gold,
            )
        )
    if not pages:
        raise UserError("no entries", path)
    pages_t = tuple(pages)
    return Corpus(
        f"trafilatura:{path.name}",
        spec,
        pages_t,
        corpus_fingerprint(pages_t),
        families=frozenset({"snippets"}),  # snippet gold only
    )
