"""Per-kind boilerplate removal, with the AEB shingles attributed to gold segments.

Units. Every gold segment (article or boilerplate) is shingled on its own: its 4-token
windows, or one shorter shingle when it has 1–3 tokens, so short blocks (a "Home" menu
item, a "Share" button) still count. A unit is one such shingle of one segment.

Which units the output kept (the double-counting rule). For each distinct shingle s,
the output supplies as many copies as it contains (its windows of len(s) tokens).
Copies go first to the article's units of s, then to boilerplate units of s in page
order; a copy is credited once. So a title repeated in a "Related" box counts as kept
article text when the engine outputs it once, and as leaked "related" text only for
a second copy. For a short shingle (fewer than 4 tokens), occurrences of the same
words *inside* longer article segments are also reserved for the article first, so a
menu item "World" is not counted as leaked just because the article says "World".

Per kind K present on a page, with removed = units not kept:

    removal recall    = removed_K / units_K
    removal precision = removed_K / (removed_K + removed_article)   # NaN if both are 0

Corpus figures are means over the pages that have the kind (removal precision over the
pages where it is defined). Output shingles credited to no unit are "unmatched".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain

import numpy as np

from benchmark.corpus.model import ARTICLE, Segment
from benchmark.scoring.tokens import (
    SHINGLE,
    Shingle,
    shingles,
    token_ids,
    tokenize,
    vocabulary_of,
    window_keys,
    windows,
)

Numeric = float | int | np.ndarray


@dataclass(frozen=True, slots=True)
class UnitArrays:
    """The units of one shingle length as arrays (the rule above, without a Python loop
    per shingle): per distinct gold shingle, sorted by its exact 64-bit key (token ids,
    see ``tokens.window_keys``), the article units and reserved occurrences; and every
    boilerplate unit as an entry: its shingle, its rank among that shingle's boilerplate
    units (page order) and its kind."""

    keys: np.ndarray  # uint64, sorted
    article: np.ndarray  # article units per shingle
    reserved: np.ndarray  # reserved occurrences per shingle
    boilerplate: np.ndarray  # boilerplate units per shingle
    entry_shingle: np.ndarray
    entry_rank: np.ndarray
    entry_kind: np.ndarray  # index into SegmentIndex.kind_names


@dataclass(frozen=True, slots=True)
class LoopUnits:
    """The units as Python containers, for ``score_removal_loop``: the tested reference
    of the array version, and the way for pages with more distinct tokens than 16-bit
    ids can number."""

    #: shingle -> (article segment numbers, boilerplate segment numbers in page order)
    units: dict[Shingle, tuple[tuple[int, ...], tuple[int, ...]]]
    reserved: dict[Shingle, int]  # short shingles also found inside longer article text
    lengths: frozenset[int]

    @classmethod
    def build(cls, kinds: tuple[str, ...], token_lists: tuple[list[str], ...]) -> LoopUnits:
        owners: dict[Shingle, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        for i, (kind, tokens) in enumerate(zip(kinds, token_lists, strict=True)):
            for shingle in shingles(tokens):
                owners[shingle][kind != ARTICLE].append(i)
        short = {s for s in owners if len(s) < SHINGLE}
        reserved: Counter[Shingle] = Counter()
        for n in {len(s) for s in short}:
            for kind, tokens in zip(kinds, token_lists, strict=True):
                if kind == ARTICLE and len(tokens) > n:
                    reserved.update(w for w in windows(tokens, n) if w in short)
        return cls(
            units={s: (tuple(a), tuple(b)) for s, (a, b) in owners.items()},
            reserved=dict(reserved),
            lengths=frozenset(len(s) for s in owners),
        )


@dataclass(frozen=True, slots=True)
class SegmentIndex:
    """Gold segments of one page, shingled once and reused for every engine."""

    kinds: tuple[str, ...]
    token_lists: tuple[list[str], ...]
    totals: tuple[int, ...]  # units per segment
    total_by_kind: dict[str, int]  # units per kind, kinds in order of first appearance
    kind_names: tuple[str, ...]  # distinct kinds in order of first appearance
    #: the units as arrays per shingle length, over the page's token ids (None when the
    #: page has more distinct tokens than 16-bit ids: then ``loop`` holds them)
    vocabulary: dict[str, int] | None
    arrays: dict[int, UnitArrays] | None
    loop: LoopUnits | None

    @classmethod
    def build(cls, segments: tuple[Segment, ...]) -> SegmentIndex:
        kinds = tuple(s.kind for s in segments)
        token_lists = tuple(tokenize(s.text) for s in segments)
        totals = tuple(
            len(t) - SHINGLE + 1 if len(t) >= SHINGLE else int(bool(t)) for t in token_lists
        )
        kind_names = tuple(dict.fromkeys(kinds))
        total_by_kind = dict.fromkeys(kind_names, 0)
        for kind, units in zip(kinds, totals, strict=True):
            total_by_kind[kind] += units
        vocabulary = vocabulary_of(token_lists)
        arrays = None if vocabulary is None else _unit_arrays(kinds, token_lists, vocabulary)
        return cls(
            kinds=kinds,
            token_lists=token_lists,
            totals=totals,
            total_by_kind=total_by_kind,
            kind_names=kind_names,
            vocabulary=vocabulary,
            arrays=arrays,
            loop=LoopUnits.build(kinds, token_lists) if arrays is None else None,
        )


def _unit_arrays(
    kinds: tuple[str, ...], token_lists: tuple[list[str], ...], vocabulary: dict[str, int]
) -> dict[int, UnitArrays]:
    """Every unit of the page as (length, key, segment), grouped by length with numpy:
    the same arrays a loop over ``LoopUnits`` gives (tested against it)."""
    kind_names = tuple(dict.fromkeys(kinds))
    kind_of_segment = np.array([kind_names.index(k) for k in kinds], dtype=np.int64)
    article_segment = np.array([k == ARTICLE for k in kinds], dtype=bool)
    lengths = np.array([len(t) for t in token_lists], dtype=np.int64)
    ids = token_ids(vocabulary, list(chain.from_iterable(token_lists)))
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
    segment_of = np.repeat(np.arange(len(token_lists), dtype=np.int64), lengths)
    ends = (starts + lengths)[segment_of]  # per token position: where its segment ends
    units_key: dict[int, list[np.ndarray]] = defaultdict(list)
    units_segment: dict[int, list[np.ndarray]] = defaultdict(list)
    # windows of SHINGLE tokens inside one segment, in page order
    keys = window_keys(ids, SHINGLE, drop_unknown=False)
    inside = np.arange(keys.size) + SHINGLE <= ends[: keys.size]
    units_key[SHINGLE].append(keys[inside])
    units_segment[SHINGLE].append(segment_of[: keys.size][inside])
    # a segment of 1..SHINGLE-1 tokens is one shorter unit
    for n in range(1, SHINGLE):
        short = np.flatnonzero(lengths == n)
        if short.size:
            units_key[n].append(window_keys(ids, n, drop_unknown=False)[starts[short]])
            units_segment[n].append(short)
    arrays = {}
    for n in sorted(units_key):
        key = np.concatenate(units_key[n])
        segment = np.concatenate(units_segment[n])
        if key.size == 0:
            continue
        order = np.argsort(segment, kind="stable")  # page order: segment, then position
        key, segment = key[order], segment[order]
        distinct, shingle = np.unique(key, return_inverse=True)
        is_article = article_segment[segment]
        reserved = np.zeros(distinct.size, dtype=np.int64)
        if n < SHINGLE:  # occurrences inside longer article segments come first
            window = window_keys(ids, n, drop_unknown=False)
            position = np.arange(window.size)
            longer = article_segment[segment_of[: window.size]] & (
                lengths[segment_of[: window.size]] > n
            )
            found = window[longer & (position + n <= ends[: window.size])]
            at = np.minimum(np.searchsorted(distinct, found), distinct.size - 1)
            hit = distinct[at] == found
            reserved = np.bincount(at[hit], minlength=distinct.size).astype(np.int64)
        boilerplate = np.flatnonzero(~is_article)
        by_shingle = boilerplate[np.argsort(shingle[boilerplate], kind="stable")]
        entry_shingle = shingle[by_shingle]
        counts = np.bincount(entry_shingle, minlength=distinct.size)
        first = np.concatenate(([0], np.cumsum(counts)[:-1]))
        arrays[n] = UnitArrays(
            keys=distinct,
            article=np.bincount(shingle[is_article], minlength=distinct.size).astype(np.int64),
            reserved=reserved,
            boilerplate=counts.astype(np.int64),
            entry_shingle=entry_shingle.astype(np.int64),
            entry_rank=(np.arange(by_shingle.size) - first[entry_shingle]).astype(np.int64),
            entry_kind=kind_of_segment[segment[by_shingle]],
        )
    return arrays


@dataclass(frozen=True, slots=True)
class RemovalScore:
    """Per kind (article included): units on the page and units the output kept."""

    total: dict[str, int]
    kept: dict[str, int]
    unmatched: int  # output shingles credited to no gold unit
    output_shingles: int

    def removal_recall(self, kind: str) -> float:
        return float(removal_recall(self.total.get(kind, 0), self.kept.get(kind, 0)))

    def removal_precision(self, kind: str) -> float:
        return float(
            removal_precision(
                self.total.get(kind, 0),
                self.kept.get(kind, 0),
                self.total.get(ARTICLE, 0),
                self.kept.get(ARTICLE, 0),
            )
        )


def removal_recall(units: Numeric, kept: Numeric) -> np.ndarray:
    """removed_K / units_K, NaN where the page has no unit of K (scalars or arrays)."""
    units_a, kept_a = np.asarray(units, dtype=float), np.asarray(kept, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(units_a > 0, (units_a - kept_a) / np.where(units_a > 0, units_a, 1), np.nan)


def removal_precision(
    units: Numeric, kept: Numeric, article_units: Numeric, article_kept: Numeric
) -> np.ndarray:
    """removed_K / (removed_K + removed_article), NaN where K is absent or nothing of
    K and the article was removed (scalars or arrays)."""
    units_a = np.asarray(units, dtype=float)
    removed = units_a - np.asarray(kept, dtype=float)
    denominator = (
        removed + np.asarray(article_units, dtype=float) - np.asarray(article_kept, dtype=float)
    )
    defined = (units_a > 0) & (denominator > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(defined, removed / np.where(defined, denominator, 1), np.nan)


def score_removal(
    index: SegmentIndex, output_tokens: list[str], ids: np.ndarray | None = None
) -> RemovalScore:
    """Credit the output's shingle copies to gold units (article first, see module doc);
    ``ids``: the tokens' ids in the index's vocabulary, when the caller has them."""
    if index.arrays is None or index.vocabulary is None:
        return score_removal_loop(index, output_tokens)
    ids = token_ids(index.vocabulary, output_tokens) if ids is None else ids
    kept = np.zeros(len(index.kind_names), dtype=np.int64)
    article_kept = 0
    credited: dict[int, int] = {}
    for n, units in index.arrays.items():
        found = window_keys(ids, n)
        if found.size == 0 or units.keys.size == 0:
            credited[n] = 0
            continue
        keys, counts = np.unique(found, return_counts=True)
        at = np.minimum(np.searchsorted(units.keys, keys), units.keys.size - 1)
        hit = units.keys[at] == keys
        supply = np.zeros(units.keys.size, dtype=np.int64)
        supply[at[hit]] = counts[hit]
        to_article = np.minimum(supply, units.article)
        left = np.maximum(supply - units.article - units.reserved, 0)
        to_boilerplate = np.minimum(left, units.boilerplate)
        served = units.entry_rank < to_boilerplate[units.entry_shingle]
        kept += np.bincount(units.entry_kind[served], minlength=len(index.kind_names))
        article_kept += int(to_article.sum())
        credited[n] = int(to_article.sum() + to_boilerplate.sum())
    count = len(output_tokens) - SHINGLE + 1 if len(output_tokens) >= SHINGLE else 0
    outputs = count if count else (1 if output_tokens else 0)
    length = SHINGLE if count else len(output_tokens)
    matched = min(outputs, credited.get(length, 0)) if outputs else 0
    kept_by_kind = {k: int(kept[i]) for i, k in enumerate(index.kind_names)}
    if ARTICLE in kept_by_kind:
        kept_by_kind[ARTICLE] += article_kept
    return RemovalScore(
        total=dict(index.total_by_kind),
        kept=kept_by_kind,
        unmatched=outputs - matched,
        output_shingles=outputs,
    )


def score_removal_loop(index: SegmentIndex, output_tokens: list[str]) -> RemovalScore:
    """``score_removal`` one gold shingle at a time: the reference the array version is
    tested against, and the way for pages with more distinct tokens than 16-bit ids."""
    loop = index.loop or LoopUnits.build(index.kinds, index.token_lists)
    supply_by_length = {n: Counter(windows(output_tokens, n)) for n in loop.lengths}
    kept = [0] * len(index.kinds)
    credited: Counter[int] = Counter()  # credited units by shingle length
    units = loop.units
    # only the gold shingles the output holds can be credited: the (C-level) key
    # intersection skips the rest of the page's units without a Python-level loop
    for shingle in (s for supply in supply_by_length.values() for s in supply.keys() & units):
        article, boilerplate = units[shingle]
        supply = supply_by_length[len(shingle)][shingle]
        served = article[:supply]
        supply -= len(served)
        supply -= min(supply, loop.reserved.get(shingle, 0))
        served += boilerplate[:supply]
        for i in served:
            kept[i] += 1
        credited[len(shingle)] += len(served)
    output = shingles(output_tokens)
    matched = min(len(output), credited[len(output[0])]) if output else 0
    total_by_kind: Counter[str] = Counter()
    kept_by_kind: Counter[str] = Counter()
    for i, kind in enumerate(index.kinds):
        total_by_kind[kind] += index.totals[i]
        kept_by_kind[kind] += kept[i]
    return RemovalScore(
        total=dict(total_by_kind),
        kept=dict(kept_by_kind),
        unmatched=len(output) - matched,
        output_shingles=len(output),
    )
