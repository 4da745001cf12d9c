"""How far to trust the labels: reviewer agreement and the pre-labeller's accuracy.

Everything is word-level over the page's **non-article** words (article words are fixed
by the dataset's gold, so counting them would only inflate agreement). A word's label
is the kind of the innermost region holding it, or ``none``.

Cohen's kappa over two label sequences a, b of n words::

    p_o = (1/n) * #{i : a_i = b_i}                    observed agreement
    p_e = sum over labels k of p_a(k) * p_b(k)         agreement expected by chance,
          with p_a(k) = #{i : a_i = k} / n
    kappa = (p_o - p_e) / (1 - p_e)                    1 when p_e = 1 and p_o = 1

Per kind, the same formula on the binary labels "k" / "not k" (one-vs-rest).
Written out here rather than taken from scikit-learn: a dozen lines do not justify a
SciPy-sized dependency, and ``tests/test_annotations.py`` checks it by hand.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmark.annotations.prelabel import prelabel
from benchmark.annotations.regions import label_page
from benchmark.annotations.store import (
    Region,
    annotation_files,
    annotation_path,
    read_annotation,
)
from benchmark.annotations.view import PageView
from benchmark.corpus.model import ARTICLE, BOILERPLATE_KINDS

NONE = "none"
#: a review that changed fewer words than this from the pre-label may be rubber-stamping
RUBBER_STAMP = 0.02


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float:
    """Cohen's kappa of two equally long label sequences (see the module docstring)."""
    if len(a) != len(b):
        raise ValueError("label sequences differ in length")
    n = len(a)
    if not n:
        return float("nan")
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[k] * count_b[k] for k in count_a) / (n * n)
    if expected == 1:
        return 1.0 if observed == 1 else float("nan")
    return (observed - expected) / (1 - expected)


def one_vs_rest(a: Sequence[str], b: Sequence[str], kind: str) -> float:
    return cohen_kappa([x == kind for x in a], [y == kind for y in b])  # type: ignore[misc]


def changed_share(review: Sequence[str], prelabels: Sequence[str]) -> float:
    """Share of words whose label the review changed from the pre-label."""
    if not review:
        return 0.0
    return sum(x != y for x, y in zip(review, prelabels, strict=True)) / len(review)


def non_article_labels(view: PageView, regions: list[Region], field_name: str) -> list[str]:
    """The label of every non-article word of the page, in page order."""
    labels = label_page(view, regions).labels(field_name)
    return [label or NONE for label in labels if label != ARTICLE]


@dataclass
class PageLabels:
    """One page's word labels: pre-label, first review, second review (if any)."""

    page: str
    prelabel: list[str]
    first: list[str]
    second: list[str] | None = None


@dataclass
class Pool:
    pages: list[PageLabels] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # why pages were left out

    def joined(self, which: str) -> list[str]:
        out: list[str] = []
        for page in self.pages:
            out += getattr(page, which) or []
        return out


def collect(
    root: Path,
    data: Path | None,
    dataset: str | None,
    need_second: bool,
    current: bool = False,
) -> Pool:
    """Word labels of every fully reviewed page (and second review when needed).

    ``current``: pre-label the page again with today's pre-labeller instead of reading
    the stored pre-labels, to measure a change to the pre-labeller on reviewed pages.
    """
    pool = Pool()
    for path in annotation_files(root, dataset):
        first = read_annotation(path)
        name = f"{first.dataset}/{first.page}"
        if not first.reviewed:
            continue
        second_path = annotation_path(root, first.dataset, first.page, second=True)
        second = read_annotation(second_path, second=True) if second_path.is_file() else None
        if need_second and (second is None or not second.reviewed):
            if second is not None:
                pool.skipped.append(f"{name}: second review not finished")
            continue
        view = PageView.load(first.dataset, first.page, data)
        if view.source.sha256 != first.html_sha256:
            pool.skipped.append(f"{name}: page differs from the annotated one")
            continue
        # what the pre-labeller said: its own regions only, not those added since
        proposed = prelabel(view) if current else [r for r in first.regions if r.prelabel]
        pool.pages.append(
            PageLabels(
                name,
                non_article_labels(view, proposed, "prelabel"),
                non_article_labels(view, first.regions, "kind"),
                non_article_labels(view, second.regions, "kind") if second else None,
            )
        )
    return pool


def agreement_report(pool: Pool) -> str:
    if not pool.pages:
        return "agreement: no page has both a finished first and a blind second review yet"
    a, b, pre = pool.joined("first"), pool.joined("second"), pool.joined("prelabel")
    lines = [
        f"agreement over {len(pool.pages)} page(s) with both reviews,"
        f" {len(a):,} non-article words:",
        f"  Cohen's kappa (all kinds, word level): {cohen_kappa(a, b):.3f};"
        f" raw agreement {sum(x == y for x, y in zip(a, b, strict=True)) / len(a):.1%}",
        "  per kind (one-vs-rest kappa; words labelled so by first / second review):",
    ]
    for kind in (*BOILERPLATE_KINDS, NONE):
        n_a, n_b = a.count(kind), b.count(kind)
        if n_a or n_b:
            lines.append(f"    {kind:<11} {one_vs_rest(a, b, kind):6.3f}   {n_a:>7,} / {n_b:,}")
    lines.append("  changed from the pre-label (share of words):")
    for name, review in (("first review", a), ("second review (blind)", b)):
        share = changed_share(review, pre)
        flag = "   <- under 2%: rubber-stamping?" if share < RUBBER_STAMP else ""
        lines.append(f"    {name:<22} {share:6.1%}{flag}")
    stamped = [p.page for p in pool.pages if changed_share(p.first, p.prelabel) < RUBBER_STAMP]
    if stamped:
        lines.append(
            f"  first reviews changing < 2% of the pre-label: {len(stamped)} of"
            f" {len(pool.pages)} ({', '.join(stamped[:8])}{' …' if len(stamped) > 8 else ''})"
        )
    pairs = Counter((x, y) for x, y in zip(a, b, strict=True) if x != y)
    if pairs:
        lines.append("  most frequent disagreements (first -> second: words):")
        lines += [f"    {x} -> {y}: {n:,}" for (x, y), n in pairs.most_common(10)]
    lines += [f"  skipped {s}" for s in pool.skipped]
    return "\n".join(lines)


def accuracy_report(pool: Pool) -> str:
    if not pool.pages:
        return "accuracy: no fully reviewed page yet"
    pre, ref = pool.joined("prelabel"), pool.joined("first")
    boiler = [i for i, k in enumerate(ref) if k != NONE]
    covered = sum(pre[i] != NONE for i in boiler)
    exact = sum(pre[i] == ref[i] for i in boiler)
    lines = [
        f"pre-labeller accuracy over {len(pool.pages)} reviewed page(s),"
        f" {len(ref):,} non-article words ({len(boiler):,} labelled as boilerplate):",
        f"  boilerplate words in a pre-labelled region: {covered / max(len(boiler), 1):.1%}",
        f"  boilerplate words given the reviewed kind: {exact / max(len(boiler), 1):.1%}",
        "  per kind:      precision   recall   words (pre-label / reviewed)",
    ]
    for kind in BOILERPLATE_KINDS:
        n_pre, n_ref = pre.count(kind), ref.count(kind)
        if not (n_pre or n_ref):
            continue
        hit = sum(1 for x, y in zip(pre, ref, strict=True) if x == y == kind)
        precision = f"{hit / n_pre:.1%}" if n_pre else "–"
        recall = f"{hit / n_ref:.1%}" if n_ref else "–"
        lines.append(f"    {kind:<11} {precision:>10} {recall:>8}   {n_pre:>7,} / {n_ref:,}")
    confusions = Counter((x, y) for x, y in zip(pre, ref, strict=True) if x != y)
    if confusions:
        lines.append("  most frequent corrections (pre-label -> reviewed: words):")
        lines += [f"    {x} -> {y}: {n:,}" for (x, y), n in confusions.most_common(8)]
    return "\n".join(lines)
