"""``boilerbench validate --real``: every annotation file, one line per problem.

Format is always checked (fields, kinds from the fixed list, unique ids). When the
dataset is present, each file is checked against its page as well: the digest matches,
every region's XPath resolves and still holds ``words`` tokens (anything else means the
parser or the page changed), no region holds a run of article words, and regions cover
at least 95% of the page's non-article words (the largest unlabelled stretches are
named, as the page writes them, so they can be added). Coverage becomes a problem once
a review has started (a file with any kind); an untouched pre-label is only reported
with ``-v``, since fixing it is the reviewer's first job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from benchmark.annotations.datasets import dataset_dir
from benchmark.annotations.regions import MAX_ARTICLE_RUN, MIN_COVERAGE, is_region, label_page
from benchmark.annotations.store import DATASETS, Annotation, annotation_files, read_annotation
from benchmark.annotations.view import PageView
from benchmark.errors import UserError


@dataclass
class FileReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    checked: bool = False  # against the page's HTML
    reviewed: bool = False
    coverage: float | None = None


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def check_against_page(annotation: Annotation, view: PageView, report: FileReport) -> None:
    report.checked = True
    if annotation.html_sha256 != view.source.sha256:
        report.problems.append("html_sha256 differs from the dataset's page (page changed?)")
        return
    labelling = label_page(view, annotation.regions)
    runs = labelling.article_runs()
    for index, resolved in enumerate(labelling.resolved):
        region = resolved.region
        name = f"region {region.id} ({region.xpath})"
        if resolved.problem:
            report.problems.append(f"{name}: {resolved.problem}")
            continue
        if resolved.owned != region.words:
            report.problems.append(
                f"{name}: holds {resolved.owned} words, the file says {region.words}"
                " (parser or page drift; re-check the region)"
            )
        start, length = runs.get(index, (0, 0))
        if length >= MAX_ARTICLE_RUN:
            report.problems.append(
                f"{name}: holds {length} article words in a row (from page word {start + 1});"
                " split the region so the article stays outside it"
            )
    covered, total = labelling.coverage(is_region)
    report.coverage = covered / total if total else 1.0
    if report.coverage < MIN_COVERAGE and annotation.has_kinds:
        view_text = view.text
        gaps = ", ".join(
            f"{_short(view_text.text_of(s, e))!r} ({e - s} words at"
            f" {view_text.xpath_of(view_text.smallest_element(s, e))})"
            for s, e in labelling.stretches(is_region)[:3]
        )
        report.problems.append(
            f"regions cover {report.coverage:.1%} of the non-article words"
            f" (< {MIN_COVERAGE:.0%}); largest unlabelled: {gaps}"
        )


def check_file(path: Path, second: bool, data: Path | None) -> FileReport:
    report = FileReport(path)
    try:
        annotation = read_annotation(path, second=second)
    except UserError as exc:
        report.problems.append(exc.problem)
        return report
    report.reviewed = annotation.reviewed
    if not annotation.regions:
        report.problems.append("no regions")
    if dataset_dir(annotation.dataset, data) is None:
        return report
    try:
        view = PageView.load(annotation.dataset, annotation.page, data)
    except UserError as exc:
        report.problems.append(exc.problem)
        return report
    check_against_page(annotation, view, report)
    return report


def check_tree(root: Path, data: Path | None) -> list[FileReport]:
    """Check every first and second review file under ``root``."""
    reports = []
    for second in (False, True):
        for path in annotation_files(root, second=second):
            reports.append(check_file(path, second, data))
    stray = [
        p
        for p in root.glob("*/*.yaml")
        if p.parent.name not in DATASETS and p.parent.name != "second-review"
    ]
    reports += [FileReport(p, ["not in a dataset folder (aeb/ or wcxb-dev/)"]) for p in stray]
    return reports
