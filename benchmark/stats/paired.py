"""Paired comparison of two runs' per-page values on the same pages.

Both sides are resampled with the *same* page indices, so page difficulty cancels out
and only the engines' difference varies (AEB's bootstrap of differences, seeded).
For a metric M given as its estimator (resamples -> one value per resample; the point
figure is the estimator on every page once)::

    delta     = M(head) - M(base)                 on all common pages
    delta_b   = M(head[idx_b]) - M(base[idx_b])   for each resample b
    95% CI    = 2.5th .. 97.5th percentile of delta_b
    significant when the CI excludes 0
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from benchmark.stats.bootstrap import Resamples


@dataclass(frozen=True, slots=True)
class Difference:
    base: float
    head: float
    delta: float
    low: float
    high: float
    std: float = math.nan  # of the resampled differences (AEB prints mean ± this)

    @property
    def significant(self) -> bool:
        return not math.isnan(self.low) and (self.low > 0 or self.high < 0)


Estimator = Callable[[Resamples], np.ndarray]


def paired_difference(base: Estimator, head: Estimator, resamples: Resamples) -> Difference:
    whole = Resamples.whole(resamples.pages)
    b, h = float(base(whole)[0]), float(head(whole)[0])
    samples = head(resamples) - base(resamples)
    samples = samples[~np.isnan(samples)]
    if samples.size < 2:
        return Difference(b, h, h - b, math.nan, math.nan)
    low, high = np.percentile(samples, [2.5, 97.5])
    return Difference(b, h, h - b, float(low), float(high), float(samples.std(ddof=1)))
