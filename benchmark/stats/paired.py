"""Paired comparison of two result sets on the same pages.

Both sides are resampled with the *same* page indices, so page difficulty cancels out
and only the engines' difference varies (AEB's bootstrap of differences, seeded).
For a metric M computed from per-page values (a mean, or F1 from two means)::

    delta     = M(head) - M(base)                 on all common pages
    delta_b   = M(head[idx_b]) - M(base[idx_b])   for each resample b
    95% CI    = 2.5th .. 97.5th percentile of delta_b
    significant when the CI excludes 0
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from benchmark.stats.bootstrap import f1_samples, resampled_means


@dataclass(frozen=True, slots=True)
class PerPage:
    """Per-page values of one metric: ``values`` for a mean, or (precision, recall) for F1."""

    values: np.ndarray | None = None
    precision: np.ndarray | None = None
    recall: np.ndarray | None = None

    def point(self) -> float:
        everything = np.arange(self._length())[None, :]
        return float(self.resampled(everything)[0])

    def resampled(self, indices: np.ndarray) -> np.ndarray:
        if self.values is not None:
            return resampled_means(self.values, indices)
        assert self.precision is not None and self.recall is not None
        return f1_samples(
            resampled_means(self.precision, indices), resampled_means(self.recall, indices)
        )

    def _length(self) -> int:
        array = self.values if self.values is not None else self.precision
        return 0 if array is None else len(array)


@dataclass(frozen=True, slots=True)
class Difference:
    base: float
    head: float
    delta: float
    low: float
    high: float

    @property
    def significant(self) -> bool:
        return not math.isnan(self.low) and (self.low > 0 or self.high < 0)


def paired_difference(base: PerPage, head: PerPage, indices: np.ndarray) -> Difference:
    b, h = base.point(), head.point()
    samples = head.resampled(indices) - base.resampled(indices)
    samples = samples[~np.isnan(samples)]
    low, high = np.percentile(samples, [2.5, 97.5]) if samples.size > 1 else (math.nan, math.nan)
    return Difference(b, h, h - b, float(low), float(high))
