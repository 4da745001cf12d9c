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

from benchmark.scoring.tokens import Shingle

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


def f1_score(precision: ArrayOrFloat, recall: ArrayOrFloat) -> ArrayOrFloat:
    """F1 = 2 P R / (P + R): 0 when both are 0, NaN when either is NaN. The one F1 of
    the package: scalars (a corpus figure) or arrays (one per bootstrap resample)."""
    p, r = np.asarray(precision, dtype=float), np.asarray(recall, dtype=float)
    total = p + r
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.where(total > 0, 2 * p * r / np.where(total > 0, total, 1.0), 0.0)
    f1 = np.where(np.isnan(total), np.nan, f1)
    return float(f1) if f1.ndim == 0 else f1  # type: ignore[return-value]
