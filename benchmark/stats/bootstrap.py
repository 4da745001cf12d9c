"""Seeded, vectorised bootstrap over pages.

One (resamples x pages) index matrix is drawn per run and shared by every engine, so
the same resampled corpora underlie every figure: differences between engines are
then *paired* (AEB's ``--bootstrap-differences`` idea, but reproducible).

For a per-page value v (NaN = the page does not count for this figure), resample b's
estimate is the mean of the non-NaN v over the drawn pages. The 95% interval is the
2.5th..97.5th percentile of those estimates; ``std`` is their standard deviation (what
AEB prints after "±"; its script prints 1.96 x std).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from benchmark.runner.settings import DEFAULT_RESAMPLES, DEFAULT_SEED


def draw_indices(
    pages: int, resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED
) -> np.ndarray:
    """(resamples, pages) matrix of page indices drawn with replacement."""
    rng = np.random.default_rng(seed)
    return (
        rng.integers(0, pages, size=(resamples, pages)) if pages else np.zeros((resamples, 0), int)
    )


def resampled_means(values: np.ndarray, indices: np.ndarray) -> np.ndarray:
    """Mean of the non-NaN values in each resample (NaN where a resample has none)."""
    valid = ~np.isnan(values)
    filled = np.where(valid, values, 0.0)
    sums = filled[indices].sum(axis=1)
    counts = valid[indices].sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


@dataclass(frozen=True, slots=True)
class Interval:
    low: float
    high: float
    std: float

    @classmethod
    def of(cls, samples: np.ndarray) -> Interval:
        samples = samples[~np.isnan(samples)]
        if samples.size < 2:
            return cls(float("nan"), float("nan"), float("nan"))
        low, high = np.percentile(samples, [2.5, 97.5])
        return cls(float(low), float(high), float(np.std(samples, ddof=1)))

    def as_dict(self) -> dict[str, float]:
        return {"low": self.low, "high": self.high, "std": self.std}


def f1_samples(precision: np.ndarray, recall: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        total = precision + recall
        return np.where(total > 0, 2 * precision * recall / np.where(total > 0, total, 1), 0.0)
