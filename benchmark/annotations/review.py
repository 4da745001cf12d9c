"""The edits a reviewer makes: pre-label, set kinds, add and drop regions.

Every write goes through ``save``, which checks the page is still the annotated one,
recomputes each region's ``words`` (innermost region wins, so adding a region inside
another changes the outer one's count) and keeps the regions in page order. Region ids
never change, so the numbers a reviewer read in ``annotate show`` stay valid.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from benchmark.annotations.prelabel import PRELABELLER, prelabel
from benchmark.annotations.regions import label_page
from benchmark.annotations.store import (
    Annotation,
    Region,
    annotation_path,
    check_kind,
    read_annotation,
    write_annotation,
)
from benchmark.annotations.view import PageView
from benchmark.errors import UserError


def now() -> str:
    """UTC time to the second, ISO 8601 (``2026-11-25T10:12:03Z``)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def load(root: Path, view: PageView, second: bool = False) -> tuple[Annotation, Path]:
    """The page's first review, or its blind second review (started from the first's
    region list, without pre-labels or kinds, when it does not exist yet)."""
    dataset, page = view.source.dataset, view.source.id
    first_path = annotation_path(root, dataset, page)
    if not first_path.is_file():
        raise UserError(
            f"page {page!r} of {dataset} is not pre-labelled yet"
            f" (run: boilerbench annotate prelabel {dataset} {page})"
        )
    first = read_annotation(first_path)
    _check_digest(first, view, first_path)
    if not second:
        return first, first_path
    path = annotation_path(root, dataset, page, second=True)
    if path.is_file():
        annotation = read_annotation(path, second=True)
        _check_digest(annotation, view, path)
        return annotation, path
    blind = [Region(id=r.id, xpath=r.xpath, words=r.words) for r in first.regions]
    return Annotation(
        dataset,
        page,
        first.html_sha256,
        blind,
        page_type=first.page_type,
        language=first.language,
        second=True,
    ), path


def _check_digest(annotation: Annotation, view: PageView, path: Path) -> None:
    if annotation.html_sha256 != view.source.sha256:
        raise UserError(
            "the dataset's page differs from the annotated one (html_sha256 mismatch):"
            " re-annotate it or restore the dataset",
            path,
        )


def save(root: Path, view: PageView, annotation: Annotation) -> Path:
    """Recompute words, order regions as the page has them, write atomically."""
    labelling = label_page(view, annotation.regions)
    for resolved in labelling.resolved:
        resolved.region.words = resolved.owned
    order = {id(r.region): (r.start, r.target.depth if r.target else 0) for r in labelling.resolved}
    annotation.regions.sort(key=lambda r: order[id(r)])
    return write_annotation(root, annotation)


def new_annotation(view: PageView) -> Annotation:
    """A fresh pre-labelled annotation for the page (``kind`` left empty everywhere)."""
    source = view.source
    return Annotation(
        dataset=source.dataset,
        page=source.id,
        html_sha256=source.sha256,
        regions=prelabel(view),
        page_type=source.page_type,
        language=source.language,
        prelabeller=PRELABELLER,
    )


def write_prelabels(root: Path, view: PageView, force: bool = False) -> tuple[Annotation, Path]:
    """Pre-label a page; refuse to replace a file that holds reviewed kinds."""
    path = annotation_path(root, view.source.dataset, view.source.id)
    if path.is_file() and not force:
        old = read_annotation(path)
        if old.has_kinds:
            raise UserError(
                "has reviewed kinds; pre-labelling again would discard them (use --force)", path
            )
    annotation = new_annotation(view)
    return annotation, write_annotation(root, annotation)


_IDS = re.compile(r"^\d+(-\d+)?(,\d+(-\d+)?)*$")

#: one assignment: explicit ids, id ranges (low, high), and the kind
Assignment = tuple[list[int], list[tuple[int, int]], str]


def parse_assignment(text: str) -> Assignment:
    """``N=KIND``, ``N,M=KIND`` or ``N-M=KIND`` (a range of ids, both ends included).

    Forums and listings repeat the same small block per post; a range labels them in
    one go, and a later assignment in the same command overrides an earlier one.
    """
    ids, sep, kind = text.partition("=")
    ids = ids.strip()
    if not sep or not _IDS.match(ids):
        raise UserError(f"expected N=KIND, N,M=KIND or N-M=KIND (e.g. 3=navigation), got {text!r}")
    single: list[int] = []
    ranges: list[tuple[int, int]] = []
    for item in ids.split(","):
        low, dash, high = item.partition("-")
        if dash:
            ranges.append((int(low), int(high)))
        else:
            single.append(int(low))
    return single, ranges, check_kind(kind.strip())


def set_kinds(
    annotation: Annotation, assignments: list[Assignment], by: str, path: Path
) -> list[Region]:
    """Apply assignments in order; explicit ids must exist, ranges take the ids they hit."""
    stamp = now()
    changed: dict[int, Region] = {}
    for single, ranges, kind in assignments:
        regions = [annotation.region(number, path) for number in single]
        for low, high in ranges:
            hit = [r for r in annotation.regions if low <= r.id <= high]
            if not hit:
                raise UserError(f"no region with an id in {low}-{high}", path)
            regions += hit
        for region in regions:
            region.kind, region.reviewed_by, region.reviewed_at = kind, by, stamp
            changed[region.id] = region
    return sorted(changed.values(), key=lambda r: r.id)


def accept_prelabels(annotation: Annotation, by: str) -> int:
    """Give every unlabelled region its pre-label as kind; returns how many."""
    stamp = now()
    count = 0
    for region in annotation.regions:
        if region.kind is None and region.prelabel:
            region.kind, region.reviewed_by, region.reviewed_at = region.prelabel, by, stamp
            count += 1
    return count


def add_region(
    view: PageView, annotation: Annotation, xpath: str, kind: str, by: str, path: Path
) -> Region:
    check_kind(kind)
    try:
        target = view.text.resolve(xpath)
    except ValueError as exc:
        raise UserError(f"cannot add {xpath!r}: {exc}", path) from None
    canonical = (
        view.text.node_xpath(target.node) if target.node else view.text.xpath_of(target.element)
    )
    for region in annotation.regions:
        if region.xpath == canonical:
            raise UserError(
                f"region {region.id} already is {canonical} (change its kind with set)", path
            )
    if not target.words:
        raise UserError(f"{canonical} holds no page text", path)
    region = Region(annotation.next_id(), canonical, kind, None, None, 0, by, now())
    annotation.regions.append(region)
    return region


def drop_region(annotation: Annotation, number: int, path: Path) -> Region:
    region = annotation.region(number, path)
    annotation.last_id = max(annotation.last_id, *(r.id for r in annotation.regions))
    annotation.regions.remove(region)
    return region
