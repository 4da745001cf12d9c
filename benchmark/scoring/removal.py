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

import numpy as np

from benchmark.corpus.model import ARTICLE, Segment
from benchmark.scoring.tokens import (
    ID_BITS,
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
class SegmentIndex:
    """Gold segments of one page, shingled once and reused for every engine."""

    kinds: tuple[str, ...]
    #: shingle -> (article segment numbers, boilerplate segment numbers in page order)
    units: dict[Shingle, tuple[tuple[int, ...], tuple[int, ...]]]
    totals: tuple[int, ...]  # units per segment
    reserved: dict[Shingle, int]  # short shingles also found inside longer article text
    lengths: frozenset[int]
    #: the same units as arrays per shingle length, over the page's token ids (None
    #: when the page has more distinct tokens than 16-bit ids: then the loop is used)
    vocabulary: dict[str, int] | None = None
    arrays: dict[int, UnitArrays] | None = None
    kind_names: tuple[str, ...] = ()  # distinct kinds in order of first appearance

    @classmethod
    def build(cls, segments: tuple[Segment, ...]) -> SegmentIndex:
        token_lists = [tokenize(s.text) for s in segments]
        owners: dict[Shingle, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        totals = [0] * len(segments)
        for i, (segment, tokens) in enumerate(zip(segments, token_lists, strict=True)):
            for shingle in shingles(tokens):
                owners[shingle][segment.kind != ARTICLE].append(i)
                totals[i] += 1
        short = {s for s in owners if len(s) < SHINGLE}
        reserved: Counter[Shingle] = Counter()
        for n in {len(s) for s in short}:
            for segment, tokens in zip(segments, token_lists, strict=True):
                if segment.kind == ARTICLE and len(tokens) > n:
                    reserved.update(w for w in windows(tokens, n) if w in short)
        kinds = tuple(s.kind for s in segments)
        kind_names = tuple(dict.fromkeys(kinds))
        vocabulary = vocabulary_of(token_lists)
        arrays = (
            _unit_arrays(owners, reserved, kinds, kind_names, vocabulary)
            if vocabulary is not None
            else None
        )
        return cls(
            kinds=kinds,
            units={s: (tuple(a), tuple(b)) for s, (a, b) in owners.items()},
            totals=tuple(totals),
            reserved=dict(reserved),
            lengths=frozenset(len(s) for s in owners),
            vocabulary=vocabulary,
            arrays=arrays,
            kind_names=kind_names,
        )


def _unit_arrays(
    owners: dict[Shingle, tuple[list[int], list[int]]],
    reserved: Counter[Shingle],
    kinds: tuple[str, ...],
    kind_names: tuple[str, ...],
    vocabulary: dict[str, int],
) -> dict[int, UnitArrays]:
    kind_id = {k: i for i, k in enumerate(kind_names)}
    by_length: dict[int, list[Shingle]] = defaultdict(list)
    for shingle in owners:
        by_length[len(shingle)].append(shingle)
    arrays = {}
    for n, group in by_length.items():
        ids = np.array([[vocabulary[t] for t in s] for s in group], dtype=np.uint64)
        keys = ids[:, 0].copy()  # (the key window_keys gives the same n tokens)
        for column in range(1, n):
            keys <<= np.uint64(ID_BITS)
            keys |= ids[:, column]
        order = np.argsort(keys, kind="stable")
        group = [group[i] for i in order]
        entries = [
            (position, rank, kind_id[kinds[segment]])
            for position, shingle in enumerate(group)
            for rank, segment in enumerate(owners[shingle][1])
        ]
        table = np.array(entries, dtype=np.int64).reshape(-1, 3)
        arrays[n] = UnitArrays(
            keys=keys[order],
            article=np.array([len(owners[s][0]) for s in group], dtype=np.int64),
            reserved=np.array([reserved.get(s, 0) for s in group], dtype=np.int64),
            boilerplate=np.array([len(owners[s][1]) for s in group], dtype=np.int64),
            entry_shingle=table[:, 0],
            entry_rank=table[:, 1],
            entry_kind=table[:, 2],
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


def score_removal(index: SegmentIndex, output_tokens: list[str]) -> RemovalScore:
    """Credit the output's shingle copies to gold units (article first, see module doc)."""
    if index.arrays is None or index.vocabulary is None:
        return score_removal_loop(index, output_tokens)
    ids = token_ids(index.vocabulary, output_tokens)
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
    total_by_kind: Counter[str] = Counter()
    for kind, units_of_segment in zip(index.kinds, index.totals, strict=True):
        total_by_kind[kind] += units_of_segment
    kept_by_kind = {k: int(kept[i]) for i, k in enumerate(index.kind_names)}
    if ARTICLE in kept_by_kind:
        kept_by_kind[ARTICLE] += article_kept
    return RemovalScore(
        total=dict(total_by_kind),
        kept=kept_by_kind,
        unmatched=outputs - matched,
        output_shingles=outputs,
    )


def score_removal_loop(index: SegmentIndex, output_tokens: list[str]) -> RemovalScore:
    """``score_removal`` one gold shingle at a time: the reference the array version is
    tested against, and the way for pages with more distinct tokens than 16-bit ids."""
    supply_by_length = {n: Counter(windows(output_tokens, n)) for n in index.lengths}
    kept = [0] * len(index.kinds)
    credited: Counter[int] = Counter()  # credited units by shingle length
    units = index.units
    # only the gold shingles the output holds can be credited: the (C-level) key
    # intersection skips the rest of the page's units without a Python-level loop
    for shingle in (s for supply in supply_by_length.values() for s in supply.keys() & units):
        article, boilerplate = units[shingle]
        supply = supply_by_length[len(shingle)][shingle]
        served = article[:supply]
        supply -= len(served)
        supply -= min(supply, index.reserved.get(shingle, 0))
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
