"""Stand-off annotation files: ``gold/real/<dataset>/<page>.yaml``, one per page.

One file per page so reviewers never edit the same file. No page text is ever written:
a file pins the page by the SHA-256 of its decompressed HTML bytes and lists regions,
each an XPath into that page plus a kind. A region carries:

- ``id``: its number, stable for the life of the file (never reused), so the number a
  reviewer read in ``annotate show`` still names the same region after an ``add``;
- ``xpath``: absolute positional XPath of an element, or of one text node
  (``…/text()[k]``) for loose text beside the article;
- ``kind``: the reviewed label (null until a person sets it);
- ``prelabel`` and ``rule``: the pre-labeller's proposal and the rule that fired;
- ``words``: tokens the region contributes (innermost region wins), to catch parser drift;
- ``reviewed_by`` / ``reviewed_at``: who set ``kind``, and when (UTC, ISO 8601).

The blind second review, ``gold/real/second-review/<dataset>/<page>.yaml``, has the same
shape, with no ``prelabel``/``rule``: it starts from the region list alone.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmark.corpus.bundled import default_gold_dir
from benchmark.corpus.model import BOILERPLATE_KINDS
from benchmark.errors import UserError

DATASETS = ("aeb", "wcxb-dev")
SECOND = "second-review"
HEADER = (
    "# boilerbench stand-off annotation (format: gold/real/README.md)."
    " Hashes, XPaths, counts and kinds only: never page text.\n"
)


def _yaml_loader() -> Any:
    """libyaml's safe loader where built (PyYAML loads only when YAML is read)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_REGION_FIELDS = (
    "id",
    "xpath",
    "kind",
    "prelabel",
    "rule",
    "words",
    "reviewed_by",
    "reviewed_at",
    "note",
)


def default_root() -> Path:
    """``gold/real`` of the bundled gold (a checkout's, or the installed package data's)."""
    return default_gold_dir() / "real"


def annotation_version(root: Path | None = None) -> str:
    """The annotation set's version (``gold/real/VERSION``), for loaders and results."""
    path = (root or default_root()) / "VERSION"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        return "unversioned"


def check_dataset(dataset: str) -> str:
    if dataset not in DATASETS:
        raise UserError(f"unknown dataset {dataset!r} (use one of: {', '.join(DATASETS)})")
    return dataset


def check_kind(kind: str) -> str:
    if kind not in BOILERPLATE_KINDS:
        from difflib import get_close_matches

        near = get_close_matches(kind, BOILERPLATE_KINDS, n=1)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        raise UserError(f"unknown kind {kind!r}{hint} (kinds: {', '.join(BOILERPLATE_KINDS)})")
    return kind


@dataclass
class Region:
    """One labelled (or still unlabelled) part of a page, named by its XPath."""

    id: int
    xpath: str
    kind: str | None = None
    prelabel: str | None = None
    rule: str | None = None
    words: int = 0
    reviewed_by: str | None = None
    reviewed_at: str | None = None
    note: str | None = None  # the reviewer's reason, for `other` and doubtful calls

    def as_dict(self, blind: bool = False) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in _REGION_FIELDS}
        if blind:
            del data["prelabel"], data["rule"]
        if data["note"] is None:
            del data["note"]
        return data

    @property
    def settled(self) -> bool:
        """Has a kind, or owns no word (an emptied parent after a split needs none)."""
        return self.kind is not None or self.words == 0


@dataclass
class Annotation:
    """One page's stand-off annotation (first review or blind second review)."""

    dataset: str
    page: str
    html_sha256: str
    regions: list[Region] = field(default_factory=list)
    page_type: str | None = None
    language: str | None = None
    prelabeller: str | None = None
    second: bool = False
    last_id: int = 0  # the highest id ever given, so a dropped region's id is never reused

    @property
    def reviewed(self) -> bool:
        """Every region that owns words has a kind (a page is applied only then)."""
        return any(r.kind for r in self.regions) and all(r.settled for r in self.regions)

    @property
    def has_kinds(self) -> bool:
        return any(r.kind for r in self.regions)

    def region(self, number: int, path: Path) -> Region:
        for region in self.regions:
            if region.id == number:
                return region
        ids = ", ".join(str(r.id) for r in self.regions) or "none"
        raise UserError(f"no region {number} (regions: {ids})", path)

    def next_id(self) -> int:
        self.last_id = max(self.last_id, *(r.id for r in self.regions)) + 1
        return self.last_id

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "dataset": self.dataset,
            "page": self.page,
            "html_sha256": self.html_sha256,
        }
        for name in ("page_type", "language", "prelabeller"):
            if getattr(self, name) is not None and not (self.second and name == "prelabeller"):
                data[name] = getattr(self, name)
        if self.last_id > max((r.id for r in self.regions), default=0):
            data["last_id"] = self.last_id
        data["regions"] = [r.as_dict(blind=self.second) for r in self.regions]
        return data


def annotation_path(root: Path, dataset: str, page: str, second: bool = False) -> Path:
    base = root / SECOND if second else root
    return base / dataset / f"{page}.yaml"


def write_annotation(root: Path, annotation: Annotation) -> Path:
    """Write atomically (a reviewer's Ctrl-C never leaves half a file)."""
    path = annotation_path(root, annotation.dataset, annotation.page, annotation.second)
    import yaml

    path.parent.mkdir(parents=True, exist_ok=True)
    text = HEADER + yaml.safe_dump(
        annotation.as_dict(), sort_keys=False, allow_unicode=True, width=200
    )
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)
    return path


def read_annotation(path: Path, second: bool = False) -> Annotation:
    """Parse and check one file's format; any problem is a ``UserError`` naming it."""
    import yaml

    try:
        with path.open("rb") as fh:
            data = yaml.load(fh, Loader=_yaml_loader())
    except FileNotFoundError:
        raise UserError("annotation file not found", path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        raise UserError(f"not valid YAML{at}: {getattr(exc, 'problem', exc)}", path) from None
    if not isinstance(data, dict):
        raise UserError("annotation file must be a mapping", path)
    missing = [k for k in ("dataset", "page", "html_sha256", "regions") if k not in data]
    if missing:
        raise UserError(f"missing field(s): {', '.join(missing)}", path)
    dataset, page = str(data["dataset"]), str(data["page"])
    if dataset not in DATASETS:
        raise UserError(f"unknown dataset {dataset!r} (use one of: {', '.join(DATASETS)})", path)
    if path.stem != page or path.parent.name != dataset:
        raise UserError(f"file name does not match dataset {dataset!r} / page {page!r}", path)
    if not isinstance(data["html_sha256"], str) or not _SHA256.match(data["html_sha256"]):
        raise UserError("html_sha256 must be 64 lowercase hex digits", path)
    if not isinstance(data["regions"], list):
        raise UserError("'regions' must be a list", path)
    regions = [_region(item, number, path) for number, item in enumerate(data["regions"], 1)]
    ids = [r.id for r in regions]
    if len(set(ids)) != len(ids):
        raise UserError("region ids must be unique", path)
    return Annotation(
        dataset=dataset,
        page=page,
        html_sha256=data["html_sha256"],
        regions=regions,
        page_type=data.get("page_type"),
        language=data.get("language"),
        prelabeller=data.get("prelabeller"),
        second=second,
        last_id=int(data.get("last_id") or 0),
    )


def _region(item: Any, number: int, path: Path) -> Region:
    where = f"region {number}"
    if not isinstance(item, dict):
        raise UserError(f"{where} must be a mapping", path)
    unknown = set(item) - set(_REGION_FIELDS)
    if unknown:
        raise UserError(f"{where} has unknown field(s): {', '.join(sorted(unknown))}", path)
    if not isinstance(item.get("id"), int) or not isinstance(item.get("xpath"), str):
        raise UserError(f"{where} needs an integer 'id' and an 'xpath' string", path)
    if not item["xpath"].startswith("/"):
        raise UserError(f"{where}: xpath must be absolute (start with '/')", path)
    for name in ("kind", "prelabel"):
        value = item.get(name)
        if value is not None and value not in BOILERPLATE_KINDS:
            raise UserError(f"{where} ({item['xpath']}) has unknown {name} {value!r}", path)
    if not isinstance(item.get("words", 0), int):
        raise UserError(f"{where}: 'words' must be an integer", path)
    if item.get("kind") and not item.get("reviewed_by"):
        raise UserError(f"{where} has a kind but no reviewed_by", path)
    values = {k: item[k] for k in _REGION_FIELDS if k in item}
    if values.get("reviewed_at") is not None:  # an unquoted timestamp parses as a datetime
        values["reviewed_at"] = str(values["reviewed_at"])
    return Region(**values)


def annotation_files(root: Path, dataset: str | None = None, second: bool = False) -> list[Path]:
    """Every annotation file under ``root`` (one dataset, or all), sorted."""
    base = root / SECOND if second else root
    names = [dataset] if dataset else list(DATASETS)
    return sorted(p for name in names for p in (base / name).glob("*.yaml"))
