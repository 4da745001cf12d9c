"""Reviewed annotations become gold segments: article from the dataset, boilerplate from us.

For a page whose annotation is fully reviewed, the new ``Gold.segments`` are, in page
order:

- boilerplate segments: each maximal run of consecutive non-article page tokens owned by
  regions of one kind, its text cut from the page's text nodes (``PageText.text_of``:
  punctuation kept, nodes cut only at token boundaries);
- ``article`` segments: the dataset's own gold text, unchanged, cut (at gold token
  boundaries) only where boilerplate sits between two article runs of the page, so a
  caption or an ad inside the body keeps its place. The pieces' tokens, in order, are
  exactly the gold's, so the content metric (which joins them) is unchanged.

Gold tokens the page does not match stay in the piece of their gold position. Tokens no
labelled region owns are left out (validation reports them). Unreviewed regions are
never applied: a page with any region still without a kind keeps its dataset gold.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from benchmark.annotations.datasets import DatasetPage
from benchmark.annotations.memo import LabelMemo, corpus_label_key, label_key
from benchmark.annotations.pagetext import PageText
from benchmark.annotations.regions import Labelling, label_page
from benchmark.annotations.store import (
    Annotation,
    annotation_files,
    annotation_version,
    default_root,
    read_annotation,
)
from benchmark.annotations.view import PageView
from benchmark.corpus.model import ARTICLE, Corpus, Gold, Page, Segment
from benchmark.errors import UserError


def page_segments(labelling: Labelling, gold: str) -> tuple[Segment, ...]:
    """The page's segments in page order (see the module docstring)."""
    alignment = labelling.view.alignment
    return segments_of(
        labelling.view.text,
        labelling.labels("kind"),
        alignment.gold_index,
        alignment.gold_spans,
        gold,
    )


def segments_of(
    text: PageText,
    labels: Sequence[str | None],
    gold_index: Sequence[int],
    gold_spans: Sequence[tuple[int, int]],
    gold: str,
) -> tuple[Segment, ...]:
    """Segments from per-token labels (``article``, a kind, or None for unlabelled
    tokens) of ``text``, with ``gold_index`` the gold token each article token matched
    and ``gold_spans`` where each gold token sits in ``gold``. ``page_segments`` for a
    reviewed page; the injection of spam into real pages calls it with the labels of
    the page it built."""
    runs: list[tuple[str, int, int]] = []  # (label, start, end) over page tokens
    for i, label in enumerate(labels):
        if label is None:
            continue
        if runs and runs[-1][0] == label and runs[-1][2] == i:
            runs[-1] = (label, runs[-1][1], i + 1)
        else:
            runs.append((label, i, i + 1))
    # cut the gold where boilerplate separates two article runs
    cuts: list[int] = []  # gold token indices starting a new article piece
    seen_article = boilerplate_since = False
    for label, start, _ in runs:
        if label == ARTICLE:
            if seen_article and boilerplate_since:
                cuts.append(gold_index[start])
            seen_article, boilerplate_since = True, False
        elif seen_article:
            boilerplate_since = True
    offsets = [0] + [gold_spans[c][0] for c in cuts] + [len(gold)]
    pieces = [gold[a:b].strip() for a, b in pairwise(offsets)]
    segments: list[Segment] = []
    placed = 0
    for label, start, end in runs:
        if label == ARTICLE:
            if placed < len(pieces) and (not segments or segments[-1].kind != ARTICLE):
                segments.append(Segment(ARTICLE, pieces[placed]))
                placed += 1
        else:
            segments.append(Segment(label, text.text_of(start, end)))
    if gold.strip() and placed == 0:  # the page never matched its gold: article first
        segments.insert(0, Segment(ARTICLE, gold.strip()))
    return tuple(s for s in segments if s.text)


@dataclass
class ApplyStats:
    """What ``annotate_corpus`` did, for a one-line summary."""

    dataset: str
    version: str
    applied: int = 0
    unreviewed: list[str] = field(default_factory=list)  # pages with a region still unlabelled
    not_in_corpus: int = 0
    without_annotation: int = 0

    def line(self) -> str:
        parts = [f"{self.applied} pages with reviewed boilerplate labels"]
        if self.unreviewed:
            parts.append(f"{len(self.unreviewed)} not applied (unreviewed regions)")
        parts.append(f"{self.without_annotation} without labels")
        return f"annotations {self.dataset} v{self.version}: " + ", ".join(parts)


def annotated_gold(
    page: Page, annotation: Annotation, path: Path, memo: LabelMemo | None = None
) -> Gold:
    """The page's gold with annotation segments; refuses a page whose bytes changed.
    ``memo``: segments applied before from the same annotation, page, gold and code."""
    data = page.source.read_bytes()
    if hashlib.sha256(data).hexdigest() != annotation.html_sha256:
        raise UserError(
            f"page {page.id!r} differs from the annotated one (html_sha256 mismatch)", path
        )
    gold = page.gold.article_text
    key = label_key(path.read_bytes(), annotation.html_sha256, gold) if memo else ""
    segments = memo.get(key) if memo else None
    if segments is None:
        source = DatasetPage(annotation.dataset, page.id, page.url, data, gold, None)
        view = PageView.build(source, page.source.read_html())
        segments = page_segments(label_page(view, annotation.regions), gold)
        if memo:
            memo.put(key, segments)
    return dataclasses.replace(page.gold, segments=segments)


def annotate_corpus(
    corpus: Corpus, dataset: str, root: Path | None = None, memo_dir: Path | None = None
) -> tuple[Corpus, ApplyStats]:
    """Give every fully reviewed page of ``corpus`` its per-kind segments.

    Pages without an annotation file keep their gold; pages with an unreviewed region
    keep it too and are listed in the stats. The fingerprint is recomputed (it hashes
    the segments), so it changes whenever labels do. ``memo_dir``: where applied labels
    are kept between runs (``benchmark.annotations.memo``).
    """
    from benchmark.corpus.model import corpus_fingerprint

    root = root or default_root()
    stats = ApplyStats(dataset, annotation_version(root))
    files = annotation_files(root, dataset)
    memo = LabelMemo(memo_dir)
    try:
        key = corpus_label_key(
            dataset,
            stats.version,
            [(path.name, path.read_bytes()) for path in files],
            [(p.id, p.digest, p.gold.article_text) for p in corpus.pages],
        )
        pages = _from_memo(corpus, memo.get_json(key), stats)
        if pages is None:
            pages = _apply_files(corpus, files, stats, memo)
            memo.put_json(key, _memo_value(corpus, pages, stats))
    finally:
        memo.close()
    if not stats.applied:
        return corpus, stats
    pages_t = tuple(pages)
    return dataclasses.replace(
        corpus, pages=pages_t, fingerprint=corpus_fingerprint(pages_t)
    ), stats


def _apply_files(
    corpus: Corpus, files: list[Path], stats: ApplyStats, memo: LabelMemo
) -> list[Page]:
    annotations = {}
    for path in files:
        annotation = read_annotation(path)
        annotations[annotation.page] = (annotation, path)
    by_id = {page.id for page in corpus.pages}
    stats.not_in_corpus = sum(page not in by_id for page in annotations)
    return _apply_all(corpus, annotations, stats, memo)


def _memo_value(corpus: Corpus, pages: list[Page], stats: ApplyStats) -> dict[str, object]:
    """What ``_from_memo`` needs to give the same pages and stats without reading a
    single annotation or page again: the labelled pages' segments and the counts."""
    labelled = {
        new.id: [[s.kind, s.text] for s in new.gold.segments]
        for old, new in zip(corpus.pages, pages, strict=True)
        if new.gold is not old.gold
    }
    return {
        "segments": labelled,
        "unreviewed": stats.unreviewed,
        "not_in_corpus": stats.not_in_corpus,
        "without_annotation": stats.without_annotation,
    }


def _from_memo(corpus: Corpus, value: object, stats: ApplyStats) -> list[Page] | None:
    """The corpus's pages with the labels kept under its key, or None (not kept, or
    kept in a shape this code does not read: then they are applied again)."""
    try:
        assert isinstance(value, dict)
        labelled: dict[str, list[list[str]]] = value["segments"]
        pages = [
            dataclasses.replace(
                page,
                gold=dataclasses.replace(
                    page.gold, segments=tuple(Segment(k, t) for k, t in labelled[page.id])
                ),
            )
            if page.id in labelled
            else page
            for page in corpus.pages
        ]
        unreviewed = [str(p) for p in value["unreviewed"]]
        not_in_corpus, without = int(value["not_in_corpus"]), int(value["without_annotation"])
    except (AssertionError, KeyError, TypeError, ValueError):
        return None
    stats.applied = len(labelled)
    stats.unreviewed, stats.not_in_corpus, stats.without_annotation = (
        unreviewed,
        not_in_corpus,
        without,
    )
    return pages


def _apply_all(
    corpus: Corpus,
    annotations: dict[str, tuple[Annotation, Path]],
    stats: ApplyStats,
    memo: LabelMemo,
) -> list[Page]:
    pages = []
    for page in corpus.pages:
        found = annotations.get(page.id)
        if found is None:
            stats.without_annotation += 1
            pages.append(page)
        elif not found[0].reviewed:
            stats.unreviewed.append(page.id)
            pages.append(page)
        else:
            pages.append(dataclasses.replace(page, gold=annotated_gold(page, *found, memo)))
            stats.applied += 1
    return pages
