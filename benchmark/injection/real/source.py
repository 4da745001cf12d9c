"""Real pages ready for injection: each page's tokens with their labels, and its checks.

A source page comes from AEB or the WCXB dev split as the dataset stores it (bytes,
article gold). With a fully reviewed stand-off annotation (``gold/real/``) every page
token carries its label exactly as ``benchmark.annotations.apply`` derives the page's
gold: ``article`` (aligned to the dataset's gold), the kind of the innermost labelled
region, or None. A page without labels carries ``article`` or None.

A page is used only when its derived gold passes the bundled-gold check
(``corpus.validate.check_page``: every segment found in the page, in page order) and
its article has at least ``MIN_ARTICLE_TOKENS`` tokens (below that, a 2% share is
smaller than one spam link).
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from benchmark.annotations.apply import page_segments
from benchmark.annotations.datasets import DatasetPage
from benchmark.annotations.regions import label_page
from benchmark.annotations.store import (
    Annotation,
    annotation_files,
    annotation_version,
    default_root,
    read_annotation,
)
from benchmark.annotations.view import PageView
from benchmark.corpus.model import ARTICLE, Corpus, Page
from benchmark.corpus.validate import CaseReport, check_page
from benchmark.errors import UserError
from benchmark.scoring.tokens import tokenize

MIN_ARTICLE_TOKENS = 100
DATASETS = ("aeb", "wcxb-dev")
_DOCTYPE = re.compile(r"^\s*(?:<!--.*?-->\s*)*<!doctype", re.IGNORECASE | re.DOTALL)
_ORDER_PROBLEMS = ("not found in page text", "out of page order", "has no letters")


@dataclass(frozen=True)
class SourcePage:
    """One real page and everything an attack needs to know about its text."""

    dataset: str
    page: Page  # with its derived gold (per-kind segments when labelled)
    html: str  # decoded as the corpus loader decodes it
    labelled: bool
    tokens: tuple[str, ...]  # page tokens (``annotations.pagetext``)
    labels: tuple[str | None, ...]  # per token: article, a kind, or None
    gold_index: tuple[int, ...]  # per token: the gold token it matched (-1: none)
    gold_spans: tuple[tuple[int, int], ...]
    gold: str  # the dataset's article gold, unchanged
    regions: tuple[tuple[str, str], ...]  # (xpath, kind) of the reviewed regions
    coverage: float  # what check_page reports for the page itself
    doctype: str | None

    @property
    def key(self) -> str:
        """``<dataset>.<page id>``: unique across both datasets."""
        return f"{self.dataset}.{self.page.id}"

    @property
    def article_tokens(self) -> int:
        return len(tokenize(self.gold))


def _doctype(html: str, declared: str | None) -> str | None:
    return declared if declared and _DOCTYPE.match(html[:4000]) else None


def order_problems(report: CaseReport) -> list[str]:
    """The problems of a check that concern segments (not coverage)."""
    return [p for p in report.problems if any(m in p for m in _ORDER_PROBLEMS)]


def prepare(dataset: str, page: Page, annotation: Annotation | None) -> SourcePage | str:
    """A ``SourcePage``, or the reason the page cannot be used."""
    data = page.source.read_bytes()
    if annotation is not None and hashlib.sha256(data).hexdigest() != annotation.html_sha256:
        return "labels pinned to other bytes"
    html = page.source.read_html()
    gold = page.gold.article_text
    if len(tokenize(gold)) < MIN_ARTICLE_TOKENS:
        return f"article under {MIN_ARTICLE_TOKENS} tokens"
    view = PageView.build(DatasetPage(dataset, page.id, page.url, data, gold, None), html)
    if not view.text.tokens:
        return "page has no text"
    alignment = view.alignment
    if annotation is not None:
        labelling = label_page(view, annotation.regions)
        labels = labelling.labels("kind")
        segments = page_segments(labelling, gold)
        regions = tuple((r.xpath, r.kind) for r in annotation.regions if r.kind is not None)
    else:
        from benchmark.annotations.apply import segments_of

        labels = [ARTICLE if a else None for a in alignment.article]
        segments = segments_of(view.text, labels, alignment.gold_index, alignment.gold_spans, gold)
        regions = ()
    derived = replace(page, gold=replace(page.gold, segments=segments))
    report = CaseReport(page.id, Path(page.source.path))
    check_page(derived, report, html)
    if order_problems(report):
        return "derived gold fails the page-order check"
    return SourcePage(
        dataset=dataset,
        page=derived,
        html=html,
        labelled=annotation is not None,
        tokens=tuple(view.text.tokens),
        labels=tuple(labels),
        gold_index=tuple(alignment.gold_index),
        gold_spans=tuple(alignment.gold_spans),
        gold=gold,
        regions=regions,
        coverage=report.coverage,
        doctype=_doctype(html, view.text.root.getroottree().docinfo.doctype),
    )


@dataclass
class Selection:
    """The source pages chosen, and why others were passed over."""

    pages: list[SourcePage] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    available: dict[str, int] = field(default_factory=dict)  # labelled pages per dataset
    annotation_version: str = ""


def _raw_corpus(dataset: str, path: Path) -> Corpus:
    if dataset == "aeb":
        from benchmark.corpus.aeb import load_aeb

        return load_aeb(path, f"aeb:{path}")
    from benchmark.corpus.wcxb import load_wcxb

    return load_wcxb(path, f"wcxb:{path}")


def reviewed_annotations(dataset: str, root: Path | None = None) -> dict[str, Annotation]:
    """Page id -> its fully reviewed annotation (pages with an unreviewed region left out)."""
    found = {}
    for path in annotation_files(root or default_root(), dataset):
        annotation = read_annotation(path)
        if annotation.reviewed:
            found[annotation.page] = annotation
    return found


def select_sources(
    folders: dict[str, Path],
    pages: int,
    seed: int,
    unlabelled: bool = False,
    labels_root: Path | None = None,
) -> Selection:
    """Up to ``pages`` usable pages (0: all), split evenly between the datasets of
    ``folders`` (dataset -> folder), drawn in a seeded order; with ``unlabelled``,
    pages without reviewed labels may be drawn too (after the labelled ones)."""
    selection = Selection(annotation_version=annotation_version(labels_root))
    candidates: dict[str, list[tuple[Page, Annotation | None]]] = {}
    for dataset in DATASETS:
        if dataset not in folders:
            continue
        corpus = _raw_corpus(dataset, folders[dataset])
        annotations = reviewed_annotations(dataset, labels_root)
        rng = random.Random(f"{seed}:{dataset}:sources")
        labelled = [p for p in corpus.pages if p.id in annotations]
        rng.shuffle(labelled)
        chosen: list[tuple[Page, Annotation | None]] = [(p, annotations[p.id]) for p in labelled]
        selection.available[dataset] = len(labelled)
        if unlabelled:
            rest = [p for p in corpus.pages if p.id not in annotations]
            rng.shuffle(rest)
            chosen += [(p, None) for p in rest]
        candidates[dataset] = chosen
    if not candidates:
        raise UserError("no dataset to inject into (need aeb/ or wcxb-dev/dev/)")
    # round robin over the datasets, one usable page at a time: an even split, and a
    # dataset that runs out leaves its share to the others
    streams = {d: _usable(d, items, selection.skipped) for d, items in candidates.items()}
    while streams and (pages <= 0 or len(selection.pages) < pages):
        for dataset in list(streams):
            if 0 < pages <= len(selection.pages):
                break
            prepared = next(streams[dataset], None)
            if prepared is None:
                del streams[dataset]
            else:
                selection.pages.append(prepared)
    selection.pages.sort(key=lambda s: s.key)
    return selection


def _usable(
    dataset: str, items: list[tuple[Page, Annotation | None]], skipped: Counter[str]
) -> Iterator[SourcePage]:
    for page, annotation in items:
        prepared = prepare(dataset, page, annotation)
        if isinstance(prepared, str):
            skipped[prepared] += 1
        else:
            yield prepared
