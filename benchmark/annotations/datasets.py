"""Where the real datasets are, and one page of them read on its own.

The datasets are never in the repository (licences). They are found under, in order:
the ``--data DIR`` flag, ``$BOILERBENCH_DATA``, ``../shared/datasets`` beside this
checkout (the Makefile's default too), or ``~/.cache/boilerbench/datasets`` (where
``boilerbench fetch`` puts them). Layout under that folder: ``aeb/`` and
``wcxb-dev/dev/`` (``wcxb/dev/`` is accepted too).

Reviewer commands open one page at a time, so a page is read directly (its HTML and its
gold) instead of loading the whole corpus.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from benchmark.annotations.store import check_dataset
from benchmark.corpus.decoding import decode_html
from benchmark.corpus.limits import read_bounded
from benchmark.corpus.wcxb import WCXB_CHARSET
from benchmark.errors import UserError

ENV = "BOILERBENCH_DATA"
#: The charset a dataset's files are known to be in, passed as an HTTP header would be.
CHARSETS = {"wcxb-dev": WCXB_CHARSET}
_SUBDIRS = {"aeb": ("aeb",), "wcxb-dev": ("wcxb-dev/dev", "wcxb/dev")}
_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def data_root(explicit: Path | None = None) -> Path | None:
    """The datasets folder, or None when none is configured or present."""
    if explicit is not None:
        if not explicit.is_dir():
            raise UserError("datasets folder not found", explicit)
        return explicit
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    beside = Path(__file__).resolve().parents[3] / "shared" / "datasets"
    if beside.is_dir():
        return beside
    fetched = Path.home() / ".cache" / "boilerbench" / "datasets"  # boilerbench fetch
    return fetched if fetched.is_dir() else None


def dataset_dir(dataset: str, root: Path | None) -> Path | None:
    """The folder of one dataset under ``root``, or None when it is not there."""
    check_dataset(dataset)
    if root is None:
        return None
    for sub in _SUBDIRS[dataset]:
        if (root / sub).is_dir():
            return root / sub
    return None


def require_dataset(dataset: str, root: Path | None) -> Path:
    found = dataset_dir(dataset, root)
    if found is None:
        where = f"under {root}" if root else f"(set ${ENV} or pass --data DIR)"
        raise UserError(f"dataset {dataset!r} not found {where}")
    return found


@dataclass(frozen=True)
class DatasetPage:
    """One real page: its bytes, decoded HTML, the dataset's article gold and labels."""

    dataset: str
    id: str
    url: str
    data: bytes  # decompressed HTML bytes (what html_sha256 pins)
    gold: str
    page_type: str | None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def html(self) -> str:
        """Decoded as the corpus loader decodes it (WCXB files are UTF-8, whatever a stale
        ``<meta charset>`` from the original capture says)."""
        return decode_html(self.data, CHARSETS.get(self.dataset))

    @property
    def language(self) -> str | None:
        """The ``<html lang>`` primary subtag (neither dataset records a language)."""
        match = _LANG.search(self.data[:20000])
        return match.group(1).decode().lower() if match else None


@lru_cache(maxsize=4)
def _aeb_truth(folder: Path) -> dict[str, Any]:
    path = folder / "ground-truth.json"
    try:
        truth: dict[str, Any] = json.loads(path.read_bytes())
        return truth
    except FileNotFoundError:
        raise UserError("not an AEB folder: ground-truth.json is missing", path) from None


def page_ids(dataset: str, root: Path | None) -> list[str]:
    """Every page id of a dataset, sorted."""
    folder = require_dataset(dataset, root)
    if dataset == "aeb":
        return sorted(_aeb_truth(folder))
    return sorted(p.stem for p in (folder / "ground-truth").glob("*.json"))


def load_page(dataset: str, page_id: str, root: Path | None) -> DatasetPage:
    """Read one page; an unknown id is a ``UserError`` with a hint."""
    folder = require_dataset(dataset, root)
    html_path = folder / "html" / f"{page_id}.html.gz"
    if dataset == "aeb":
        item = _aeb_truth(folder).get(page_id)
        if not isinstance(item, dict) or not html_path.is_file():
            raise UserError(_unknown(dataset, page_id, root))
        gold, url, page_type = item.get("articleBody") or "", item.get("url", ""), None
    else:
        from benchmark.corpus.wcxb import page_type_of

        truth_path = folder / "ground-truth" / f"{page_id}.json"
        if not truth_path.is_file() or not html_path.is_file():
            raise UserError(_unknown(dataset, page_id, root))
        item = json.loads(truth_path.read_bytes())
        truth = item.get("ground_truth") or {}
        gold = truth.get("main_content") or ""
        url = str(item.get("url") or truth.get("url") or "")
        page_type = page_type_of(item)
    try:
        with gzip.open(html_path, "rb") as fh:
            data = read_bounded(fh)
    except (OSError, EOFError) as exc:
        raise UserError(f"cannot read the saved page: {exc}", html_path) from None
    return DatasetPage(dataset, page_id, url, data, gold, page_type)


def _unknown(dataset: str, page_id: str, root: Path | None) -> str:
    from difflib import get_close_matches

    near = get_close_matches(page_id, page_ids(dataset, root), n=1)
    hint = f"; did you mean {near[0]!r}?" if near else ""
    return f"no page {page_id!r} in dataset {dataset!r}{hint}"
