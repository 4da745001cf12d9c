"""Outputs produced elsewhere, read back as engine rows (``--stored DIR``).

Two layouts, one engine row per item in DIR, named after it:

- ``NAME.json``: AEB output format, ``{id: {"articleBody": str}}`` or
  ``{"version": str, "output": {id: {"articleBody": str}}}``, with an optional
  ``"format"`` (``text``, ``markdown``, ``html``, ``xml``: how the outputs are read for
  the structure metrics; a results folder's ``outputs/`` carry it);
- ``NAME/``: a folder of ``<id>.txt`` files, one per page (or ``<id>.md`` /
  ``<id>.html`` files: Markdown / HTML outputs).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmark.corpus.model import Corpus
from benchmark.errors import UserError, read_json
from benchmark.structure import FORMATS


@dataclass(frozen=True)
class StoredOutputs:
    """Outputs produced elsewhere (another language, a paid API), scored as an engine row.
    A page missing from ``outputs`` is an ``error`` cell. ``files`` feed the run digest."""

    name: str
    version: str | None
    outputs: dict[str, str]
    origin: str
    files: tuple[Path, ...] = ()
    format: str = "text"  # how outputs are read: text, markdown, html, xml


def read_output_json(path: Path) -> StoredOutputs:
    data: Any = read_json(path)
    version = None
    fmt = "text"
    if isinstance(data, dict) and isinstance(data.get("output"), dict):
        version = data.get("version")
        fmt = data.get("format") or "text"
        if fmt not in FORMATS:
            raise UserError(f"unknown format {fmt!r} (one of: {', '.join(FORMATS)})", path)
        data = data["output"]
    if not isinstance(data, dict):
        raise UserError('expected {page id: {"articleBody": text}}', path)
    outputs = {}
    for page_id, item in data.items():
        text = item.get("articleBody") if isinstance(item, dict) else item
        if not isinstance(text, str | None):
            raise UserError(f"page {page_id!r}: articleBody is not text", path)
        outputs[page_id] = text or ""
    return StoredOutputs(
        path.stem, str(version) if version is not None else None, outputs, str(path), (path,), fmt
    )


#: a stored folder's file suffix -> how its outputs are read
SUFFIXES = {".txt": "text", ".md": "markdown", ".html": "html"}


def read_output_folder(folder: Path) -> StoredOutputs:
    found = [s for s in SUFFIXES if any(folder.glob(f"*{s}"))]
    if len(found) > 1:
        raise UserError(f"mixed output files ({', '.join(found)}): use one kind per folder", folder)
    suffix = found[0] if found else ".txt"
    files = sorted(folder.glob(f"*{suffix}"))
    outputs = {p.stem: p.read_text(encoding="utf-8", errors="replace") for p in files}
    version_file = folder / "VERSION"
    version = version_file.read_text().strip() if version_file.is_file() else None
    return StoredOutputs(folder.name, version, outputs, str(folder), tuple(files), SUFFIXES[suffix])


def load_stored_dir(folder: Path, corpus: Corpus) -> list[StoredOutputs]:
    """Every stored engine in ``folder``; warns (by error) when none matches the corpus."""
    if not folder.is_dir():
        raise UserError("stored outputs folder not found", folder)
    items = [read_output_json(p) for p in sorted(folder.glob("*.json"))]
    items += [
        read_output_folder(p)
        for p in sorted(folder.iterdir())
        if p.is_dir() and any(any(p.glob(f"*{s}")) for s in SUFFIXES)
    ]
    if not items:
        raise UserError(
            "no stored outputs here (expected NAME.json files or NAME/ folders of .txt)", folder
        )
    ids = {p.id for p in corpus.pages}
    for item in items:
        if not ids & set(item.outputs):
            raise UserError(
                f"stored output {item.name!r} has no page of corpus {corpus.spec!r}", item.origin
            )
    return items
