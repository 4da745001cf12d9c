"""The headline content metric: exactly the Scrapinghub AEB metric.

Per page, with G and P the multisets of 4-token shingles of gold and prediction::

    tp = Σ min(G[s], P[s]);  fp = Σ max(0, P[s] - G[s]);  fn = Σ max(0, G[s] - P[s])
    (tp, fp, fn) /= (tp + fp + fn)          # so long pages do not weigh more

    page precision = 1 if fp = fn = 0, else tp / (tp + fp)
    page recall    = 1 if fp = fn = 0, else tp / (tp + fn)

Over a corpus::

    precision = mean page precision over pages with tp + fp > 0 (non-empty prediction)
    recall    = mean page recall over pages with tp + fn > 0 (non-empty gold)
    F1        = 2 P R / (P + R)            # of the two means, not a mean of F1s
    accuracy  = share of pages whose token lists are equal
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from benchmark.scoring.tokens import (
    SHINGLE,
    Shingle,
    shingle_counts,
    token_ids,
    vocabulary_of,
    window_keys,
)

ArrayOrFloat = TypeVar("ArrayOrFloat", float, np.ndarray)


@dataclass(frozen=True, slots=True)
class ContentScore:
    """One page's normalised tp/fp/fn, and whether its tokens match the gold exactly."""

    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float:
        """Page precision, NaN when the page does not count (empty prediction)."""
        if self.tp + self.fp <= 0:
            return math.nan
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        """Page recall, NaN when the page does not count (empty gold)."""
        if self.tp + self.fn <= 0:
            return math.nan
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn)


def match_counts(gold: Counter[Shingle], pred: Counter[Shingle]) -> tuple[int, int, int]:
    """Raw (tp, fp, fn) between two shingle multisets."""
    tp = sum(min(n, pred[s]) for s, n in gold.items() if s in pred)
    return tp, sum(pred.values()) - tp, sum(gold.values()) - tp


def score_content(
    gold: Counter[Shingle], pred: Counter[Shingle], gold_tokens: list[str], pred_tokens: list[str]
) -> ContentScore:
    tp, fp, fn = match_counts(gold, pred)
    total = tp + fp + fn
    if total > 0:
        return ContentScore(tp / total, fp / total, fn / total, gold_tokens == pred_tokens)
    return ContentScore(0.0, 0.0, 0.0, gold_tokens == pred_tokens)


@dataclass(frozen=True, slots=True)
class ArticleShingles:
    """A gold article's shingles ready for fast, exact matching.

    Each distinct gold token gets an id 1..V (V < 65,536); a 4-token shingle is the
    64-bit number of its four ids, kept sorted with its count. An output token the gold
    never has maps to 0, and a shingle holding one can only be a false positive, so
    ``tp = Σ min(G[s], P[s])`` needs only the output's all-known shingles: the same
    figures as the Counter of tuples (``match_counts``), without a Python loop per
    shingle. Short texts (fewer than 4 tokens: one shorter shingle) and larger
    vocabularies use the Counter.
    """

    tokens: list[str]
    counter: Counter[Shingle] | None  # built only for matching with the Counter
    vocabulary: dict[str, int] | None  # None: match with the Counter
    keys: np.ndarray  # sorted distinct shingle keys (uint64)
    counts: np.ndarray  # how often each occurs

    @classmethod
    def build(cls, tokens: list[str], shared: dict[str, int] | None = None) -> ArticleShingles:
        """``shared``: ids for a vocabulary holding every token of ``tokens`` (the page's
        segments'), so an output's tokens are mapped to ids once for both metrics."""
        vocabulary: dict[str, int] | None = None
        keys: np.ndarray = np.zeros(0, dtype=np.uint64)
        counts: np.ndarray = np.zeros(0, dtype=np.int64)
        if len(tokens) >= SHINGLE:
            if shared is not None and all(token in shared for token in tokens):
                vocabulary = shared
            else:
                vocabulary = vocabulary_of([tokens])
            if vocabulary is not None:
                ids = token_ids(vocabulary, tokens)
                keys, counts = np.unique(window_keys(ids, SHINGLE), return_counts=True)
        counter = shingle_counts(tokens) if vocabulary is None else None
        return cls(tokens, counter, vocabulary, keys, counts)

    @property
    def total(self) -> int:
        return len(self.tokens) - SHINGLE + 1 if self.vocabulary is not None else 0

    def match(self, tokens: list[str], ids: np.ndarray | None = None) -> tuple[int, int, int]:
        """Raw (tp, fp, fn) of an output's tokens against this gold (``ids``: the tokens'
        ids in this gold's vocabulary, when the caller has them)."""
        if self.counter is not None:  # (no vocabulary: the Counter of tuples)
            return match_counts(self.counter, shingle_counts(tokens))
        if len(tokens) < SHINGLE:  # one short shingle, unlike any of the gold's 4 tokens
            return 0, 1 if tokens else 0, self.total
        assert self.vocabulary is not None  # (built with the keys, whenever no Counter is)
        ids = token_ids(self.vocabulary, tokens) if ids is None else ids
        found = window_keys(ids, SHINGLE)
        if found.size == 0:
            return 0, len(tokens) - SHINGLE + 1, self.total
        # each output shingle found among the gold's, counted per gold shingle
        at = np.minimum(np.searchsorted(self.keys, found), self.keys.size - 1)
        supply = np.bincount(at[self.keys[at] == found], minlength=self.keys.size)
        tp = int(np.minimum(supply, self.counts).sum())
        return tp, len(tokens) - SHINGLE + 1 - tp, self.total - tp


def score_tokens(
    gold: ArticleShingles, pred_tokens: list[str], ids: np.ndarray | None = None
) -> ContentScore:
    """``score_content`` with the gold prepared once per page (the same figures)."""
    tp, fp, fn = gold.match(pred_tokens, ids)
    total = tp + fp + fn
    exact = gold.tokens == pred_tokens
    if total > 0:
        return ContentScore(tp / total, fp / total, fn / total, exact)
    return ContentScore(0.0, 0.0, 0.0, exact)


def f1_score(precision: ArrayOrFloat, recall: ArrayOrFloat) -> ArrayOrFloat:
    """F1 = 2 P R / (P + R): 0 when both are 0, NaN when either is NaN. The one F1 of
    the package: scalars (a corpus figure) or arrays (one per bootstrap resample)."""
    p, r = np.asarray(precision, dtype=float), np.asarray(recall, dtype=float)
    total = p + r
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.where(total > 0, 2 * p * r / np.where(total > 0, total, 1.0), 0.0)
    f1 = np.where(np.isnan(total), np.nan, f1)
    return float(f1) if f1.ndim == 0 else f1  # type: ignore[return-value]
