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

from benchmark.settings import DEFAULT_RESAMPLES, DEFAULT_SEED


def draw_indices(
    pages: int, resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED
) -> np.ndarray:
    """(resamples, pages) matrix of page indices drawn with replacement."""
    rng = np.random.default_rng(seed)
    return (
        rng.integers(0, pages, size=(resamples, pages)) if pages else np.zeros((resamples, 0), int)
    )


@dataclass(frozen=True)
class Resamples:
    """How often each page is drawn in each resample: a (resamples x pages) count
    matrix, so a resampled sum is one matrix-vector product (``counts @ values``)
    instead of a gather of resamples x pages values."""

    counts: np.ndarray

    @classmethod
    def draw(
        cls, pages: int, resamples: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED
    ) -> Resamples:
        return cls.of_indices(draw_indices(pages, resamples, seed), pages)

    @classmethod
    def of_indices(cls, indices: np.ndarray, pages: int) -> Resamples:
        rows = indices.shape[0]
        flat = (indices + np.arange(rows)[:, None] * pages).ravel()
        counts = np.bincount(flat, minlength=rows * pages).reshape(rows, pages)
        return cls(counts.astype(float))

    @classmethod
    def whole(cls, pages: int) -> Resamples:
        """Every page once: the point estimate."""
        return cls(np.ones((1, pages)))

    @property
    def pages(self) -> int:
        return int(self.counts.shape[1])

    def means(self, values: np.ndarray) -> np.ndarray:
        """Mean of the non-NaN values in each resample (NaN where it drew none)."""
        valid = ~np.isnan(values)
        sums = self.counts @ np.where(valid, values, 0.0)
        drawn = self.counts @ valid.astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(drawn > 0, sums / np.where(drawn > 0, drawn, 1), np.nan)

    def ratios(self, numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
        """Σ numerator / Σ denominator in each resample (NaN where Σ denominator = 0)."""
        top, bottom = self.counts @ numerator, self.counts @ denominator
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(bottom > 0, top / np.where(bottom > 0, bottom, 1), np.nan)


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
