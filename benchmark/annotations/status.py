"""``annotate status``: how far the review is, per dataset, page type and language.

Read from the annotation files alone (their ``page_type`` and ``language`` fields), so
it works without the datasets.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from benchmark.annotations.store import (
    DATASETS,
    annotation_files,
    annotation_path,
    annotation_version,
    read_annotation,
)
from benchmark.errors import UserError

_STAGES = ("pre-labelled", "in review", "reviewed", "second-reviewed")


def status_report(root: Path, dataset: str | None = None) -> str:
    lines = [f"annotations in {root} (version {annotation_version(root)})"]
    for name in [dataset] if dataset else DATASETS:
        table: dict[str, Counter[str]] = {}
        for path in annotation_files(root, name):
            try:
                first = read_annotation(path)
            except UserError as exc:
                lines.append(f"  {exc} (run: boilerbench validate --real)")
                continue
            second_path = annotation_path(root, name, first.page, second=True)
            second = read_annotation(second_path, second=True) if second_path.is_file() else None
            stage = "pre-labelled"
            if first.reviewed:
                stage = "second-reviewed" if second and second.reviewed else "reviewed"
            elif first.has_kinds:
                stage = "in review"
            for key in (
                "all",
                f"type {first.page_type}" if first.page_type else "",
                f"lang {first.language or '?'}",
            ):
                if key:
                    table.setdefault(key, Counter())[stage] += 1
        lines.append("")
        lines.append(f"{name}:")
        if not table:
            lines.append("  no annotation files yet")
            continue
        lines.append(f"  {'':<20}" + f"{'pages':>7}" + "".join(f"{s:>16}" for s in _STAGES))
        for key in sorted(table, key=lambda k: (k != "all", k[:4], -table[k].total(), k)):
            counts = table[key]
            lines.append(
                f"  {key:<20}{counts.total():>7}" + "".join(f"{counts[s]:>16}" for s in _STAGES)
            )
    return "\n".join(lines)
