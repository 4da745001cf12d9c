"""The bundled gold: one folder per case under ``gold/cases/``.

Each case folder holds ``page.html`` (the page exactly as captured, in its own
encoding) and ``gold.yaml``, written and reviewed by hand::

    url: https://news.example.test/2024/05/city-council-budget
    provenance: Modelled on a WordPress news theme with a right sidebar.
    template: news-wordpress
    language: en
    http_charset: windows-1252     # optional: the charset an HTTP header declared
    segments:                      # every text block of the page, in source order
      - navigation: Home | World | Business
      - article: |
          City council passes budget
      - spam: buy cheap pills online no prescription
      - sidebar: |
          Most read ...
    structure:                     # optional: the article's elements, by hand
      - h2: City council passes budget
      - li: ...

See ``gold/README.md`` for the annotation guidelines and ``benchmark.structure.gold``
for the structure format.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from benchmark.corpus.model import (
    KINDS,
    Corpus,
    Gold,
    Page,
    Segment,
    corpus_fingerprint,
)
from benchmark.corpus.source import PageSource
from benchmark.errors import UserError

GOLD_FILE = "gold.yaml"
PAGE_FILE = "page.html"
REQUIRED_FIELDS = ("url", "provenance", "template", "language", "segments")


def _yaml_loader() -> Any:
    """libyaml's safe loader where built (PyYAML loads only when YAML is read)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def default_gold_dir() -> Path:
    """The bundled gold: ``gold/`` of a source checkout, or the copy an installed wheel
    carries as package data (``benchmark.resources``); overridable by the caller."""
    from benchmark.resources import data_path

    return data_path("gold")


def parse_segments(raw: Any, where: Path) -> tuple[Segment, ...]:
    """Turn the YAML list of ``{kind: text}`` items into segments, checking each."""
    if not isinstance(raw, list) or not raw:
        raise UserError("'segments' must be a non-empty list of {kind: text} items", where)
    segments = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or len(item) != 1:
            raise UserError(f"segment {number} must be one 'kind: text' pair", where)
        ((kind, text),) = item.items()
        if kind not in KINDS:
            raise UserError(
                f"segment {number} has unknown kind {kind!r} (allowed: {', '.join(KINDS)})", where
            )
        if not isinstance(text, str) or not text.strip():
            raise UserError(f"segment {number} ({kind}) has no text", where)
        segments.append(Segment(kind, text.strip()))
    return tuple(segments)


def read_gold_file(path: Path) -> dict[str, Any]:
    """Parse and check one ``gold.yaml``; errors name the file and the problem."""
    import yaml

    try:
        with path.open("rb") as fh:
            data = yaml.load(fh, Loader=_yaml_loader())
    except FileNotFoundError:
        raise UserError("gold file is missing", path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        raise UserError(f"not valid YAML{at}: {getattr(exc, 'problem', exc)}", path) from None
    if not isinstance(data, dict):
        raise UserError("gold file must be a mapping", path)
    missing = [name for name in REQUIRED_FIELDS if name not in data]
    if missing:
        raise UserError(f"missing field(s): {', '.join(missing)}", path)
    data["segments"] = parse_segments(data["segments"], path)
    if "structure" in data:
        from benchmark.structure.gold import parse_structure

        data["structure"] = parse_structure(data["structure"], path)
    return data


def load_case(case_dir: Path) -> Page:
    """Load one case folder into a ``Page``."""
    data = read_gold_file(case_dir / GOLD_FILE)
    page_path = case_dir / PAGE_FILE
    try:
        content = page_path.read_bytes()
    except FileNotFoundError:
        raise UserError("saved page is missing", page_path) from None
    meta: dict[str, str] = {
        key: str(data[key])
        for key in ("provenance", "template", "language", "origin")
        if key in data
    }
    return Page(
        id=case_dir.name,
        url=str(data["url"]),
        source=PageSource(str(page_path), charset=data.get("http_charset")),
        digest=hashlib.sha256(content).hexdigest(),
        gold=Gold(segments=data["segments"], structure=data.get("structure")),
        meta=meta,
    )


def case_dirs(root: Path) -> list[Path]:
    cases = root / "cases" if (root / "cases").is_dir() else root
    return sorted(p for p in cases.iterdir() if p.is_dir() and not p.name.startswith("."))


def load_bundled(root: Path | None = None, spec: str = "gold") -> Corpus:
    root = Path(root) if root else default_gold_dir()
    if not root.is_dir():
        raise UserError("gold folder not found", root)
    pages = tuple(load_case(d) for d in case_dirs(root))
    if not pages:
        raise UserError("no cases found (expected one folder per case)", root)
    return Corpus(
        "boilerbench-gold", spec, pages, corpus_fingerprint(pages), hand_written_gold=True
    )
