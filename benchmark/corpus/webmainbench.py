"""WebMainBench (opendatalab, Apache-2.0): one JSON object per line, one page each.

``webmainbench:FILE.jsonl``. Both spellings of its fields are read, the dataset
card's and those its own loader (``DataSample.from_dict``) maps:

- page id: ``track_id`` (card) or ``id`` (loader); the page: ``html``; ``url``;
- gold Markdown: ``groundtruth_content`` (hand-calibrated, the 545-page subset), else
  ``convert_main_content`` (card: html2text of ``main_html``), else ``content``
  (loader's name for it); gold HTML: ``main_html``;
- language, style, level: ``meta.language``, ``meta.style``, ``meta.level`` (card) or
  ``language``, ``content_type``, ``difficulty`` (loader).

The gold is the Markdown, parsed into the element tree (``benchmark.structure``): its
plain text is the article gold of the word metrics, its tree the structure gold; a
record with no Markdown but a ``main_html`` takes both from that HTML. A record with
neither, or without ``html``, is skipped and counted. Pages are grouped by language,
style and level in every result (``by_language``, ``by_style``, ``by_level``).

The pages stay in the file: a page's source is the file and the byte offset of its line,
read by the worker that extracts it. WebMainBench's data could not be fetched where
this loader was written: it is tested on small fixtures of both spellings only.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

from benchmark.corpus.model import ARTICLE, Corpus, Gold, Page, Segment, corpus_fingerprint
from benchmark.corpus.source import PageSource
from benchmark.errors import UserError
from benchmark.structure.html import parse_html
from benchmark.structure.markdown import parse_markdown

ID_FIELDS = ("track_id", "id")
MARKDOWN_FIELDS = ("groundtruth_content", "convert_main_content", "content")
#: group dimension -> (dataset card's key inside ``meta``, its loader's top-level key)
GROUP_FIELDS = {
    "language": ("language", "language"),
    "style": ("style", "content_type"),
    "level": ("level", "difficulty"),
}


def _first(record: dict[str, Any], fields: tuple[str, ...]) -> Any:
    for name in fields:
        value = record.get(name)
        if value not in (None, ""):
            return value
    return None


def _meta(record: dict[str, Any]) -> dict[str, str]:
    nested: dict[str, Any] = record["meta"] if isinstance(record.get("meta"), dict) else {}
    meta = {}
    for dimension, (card, loader) in GROUP_FIELDS.items():
        value = nested.get(card) if nested.get(card) not in (None, "") else record.get(loader)
        if isinstance(value, str | int | float) and str(value).strip():
            meta[dimension] = str(value).strip()
    return meta


def _gold(record: dict[str, Any]) -> Gold | None:
    markdown = _first(record, MARKDOWN_FIELDS)
    if isinstance(markdown, str) and markdown.strip():
        tree = parse_markdown(markdown)
    elif isinstance(record.get("main_html"), str) and record["main_html"].strip():
        tree = parse_html(record["main_html"])
    else:
        return None
    text = tree.text()
    return Gold(
        segments=(Segment(ARTICLE, text),) if text.strip() else (),
        structure=tree if tree.elements else None,
    )


def load_webmainbench(path: Path, spec: str) -> Corpus:
    if not path.is_file():
        raise UserError("expected a WebMainBench .jsonl file", path)
    pages: list[Page] = []
    skipped: Counter[str] = Counter()
    offset = 0
    with path.open("rb") as fh:
        for number, line in enumerate(fh, start=1):
            start, offset = offset, offset + len(line)
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                raise UserError(f"line {number} is not JSON", path) from None
            if not isinstance(record, dict):
                raise UserError(f"line {number} is not a JSON object", path)
            html = record.get("html")
            if not isinstance(html, str) or not html.strip():
                skipped["no html"] += 1
                continue
            gold = _gold(record)
            if gold is None:
                skipped["no gold (no Markdown, no main_html)"] += 1
                continue
            page_id = _first(record, ID_FIELDS)
            pages.append(
                Page(
                    id=str(page_id) if page_id is not None else f"line-{number}",
                    url=str(record.get("url") or ""),
                    source=PageSource(str(path), jsonl_offset=start, charset="utf-8"),
                    digest=hashlib.sha256(html.encode("utf-8")).hexdigest(),
                    gold=gold,
                    meta=_meta(record),
                )
            )
    if not pages:
        raise UserError(f"no usable record (skipped: {dict(skipped) or 'none'})", path)
    pages_t = tuple(pages)
    return Corpus(
        f"webmainbench:{path.name}",
        spec,
        pages_t,
        corpus_fingerprint(pages_t),
        dict(skipped),
        families=frozenset({"content", "structure"}),
        group_by=("language", "style", "level"),
    )
