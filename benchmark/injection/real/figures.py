"""Figures from a run over the injected corpus: the curves, and the seed's measure.

Curves (``curve_table``): per engine x attack x level, over the pages of that attack
(the same source pages at every level, level 0 being their clean originals), the
declared metrics of ``benchmark.scoring.metrics`` on those pages:

- ``spam_removal_recall``    = ``removal:spam:recall``    (mean over pages of removed
  spam units / spam units);
- ``spam_removal_precision`` = ``removal:spam:precision`` (mean over pages of removed
  spam / (removed spam + removed article));
- ``article_recall``         = ``recall`` (AEB content recall of the article);
- ``article_recall_delta``   = ``article_recall`` minus its value on the same pages
  clean (what the attack cost the article, paired page by page);

each with a 95% bootstrap interval over pages: one ``Resamples`` draw per attack,
shared by its levels and by every engine, so differences are paired.

The seed's measure (``sandwich_table``): of the spam shingles an engine kept, the share
with kept article text on both sides in its output (an article token somewhere before
the shingle and one somewhere after it). For ``mid-sentence`` that is the seed
capture's shape: the spam line kept in the middle of the article.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from benchmark.corpus.model import ARTICLE
from benchmark.injection.real.build import Variant
from benchmark.injection.real.corpus import InjectedCorpus
from benchmark.injection.real.dom import SPAM
from benchmark.results.model import RunResult
from benchmark.results.values import EngineValues
from benchmark.runner.worker import OK
from benchmark.scoring.metrics import BY_NAME
from benchmark.scoring.tokens import SHINGLE, Shingle, shingles, tokenize, windows
from benchmark.stats.bootstrap import Interval, Resamples

CURVE_METRICS = {
    "spam_removal_recall": "removal:spam:recall",
    "spam_removal_precision": "removal:spam:precision",
    "article_recall": "recall",
}


def _figure(samples: np.ndarray, point: float) -> dict[str, float]:
    interval = Interval.of(samples)
    return {"value": point, "low": interval.low, "high": interval.high}


def _columns(name: str, figure: dict[str, float]) -> dict[str, float]:
    return {name: figure["value"], f"{name}_low": figure["low"], f"{name}_high": figure["high"]}


def curve_table(
    result: RunResult, injected: InjectedCorpus, resamples: int, seed: int
) -> pd.DataFrame:
    rows: list[dict[str, Any]] = []
    recall = BY_NAME["recall"]
    for attack in injected.attacks:
        if not injected.pages_of(attack, 0.0):
            continue
        points = {level: injected.paired_pages(attack, level) for level in (0.0, *injected.levels)}
        # each point resampled over its own sources (the same seed at every point)
        draws_at = {
            level: Resamples.draw(len(ids), resamples, seed)
            for level, (_, ids) in points.items()
            if ids
        }
        for engine in result.names:
            for level, (clean_ids, ids) in points.items():
                if not ids:
                    continue
                draws = draws_at[level]
                clean = EngineValues(result.pages, result.kinds, engine, clean_ids)
                clean_parts = recall.components(clean)
                clean_samples = recall.estimate(clean_parts, draws)
                clean_point = recall.point(clean_parts)
                values = EngineValues(result.pages, result.kinds, engine, ids)
                shares = [injected.variants[i].share for i in ids]
                row: dict[str, Any] = {
                    "engine": engine,
                    "attack": attack,
                    "level": level,
                    "pages": len(ids),
                    "share_mean": float(np.mean(shares)) if shares else math.nan,
                }
                for column, name in CURVE_METRICS.items():
                    metric = BY_NAME[name]
                    parts = metric.components(values)
                    if metric.pages(parts) == 0:
                        figure = {"value": math.nan, "low": math.nan, "high": math.nan}
                    else:
                        figure = _figure(metric.estimate(parts, draws), metric.point(parts))
                    row |= _columns(column, figure)
                parts = recall.components(values)
                delta = _figure(
                    recall.estimate(parts, draws) - clean_samples,
                    recall.point(parts) - clean_point,
                )
                row |= _columns("article_recall_delta", delta)
                row["failures"] = int((~values.ok).sum())
                rows.append(row)
    return pd.DataFrame(rows)


# -- the seed's measure ----------------------------------------------------------------


def _shingle_set(texts: list[str]) -> set[Shingle]:
    found: set[Shingle] = set()
    for text in texts:
        found.update(shingles(tokenize(text)))
    return found


@dataclass(frozen=True)
class SpamIndex:
    """One injected page's article and spam shingles, built once for every engine."""

    article: frozenset[Shingle]
    spam: frozenset[Shingle]
    lengths: tuple[int, ...]  # lengths of the spam shingles (short spam segments: < 4)

    @classmethod
    def build(cls, variant: Variant) -> SpamIndex:
        article_text = [s.text for s in variant.segments if s.kind == ARTICLE]
        article = _shingle_set(article_text) | _shingle_set(["\n\n".join(article_text)])
        spam = _shingle_set([s.text for s in variant.segments if s.kind == SPAM])
        return cls(frozenset(article), frozenset(spam), tuple(sorted({len(s) for s in spam})))


def sandwiched(variant: Variant | SpamIndex, text: str | None) -> tuple[int, int]:
    """(kept spam shingles, of them with kept article text on both sides) in ``text``."""
    index = variant if isinstance(variant, SpamIndex) else SpamIndex.build(variant)
    tokens = tokenize(text)
    if not tokens:
        return 0, 0
    covered = [False] * len(tokens)
    for i, window in enumerate(windows(tokens, SHINGLE)):
        if window in index.article:
            covered[i : i + SHINGLE] = [True] * SHINGLE
    marked = [i for i, flag in enumerate(covered) if flag]
    first, last = (marked[0], marked[-1]) if marked else (len(tokens), -1)
    kept = inside = 0
    for n in index.lengths:
        for i, window in enumerate(windows(tokens, n)):
            if window in index.spam and window not in index.article:
                kept += 1
                inside += first < i and last > i + n - 1
    return kept, inside


def sandwich_table(
    result: RunResult, injected: InjectedCorpus, resamples: int, seed: int
) -> pd.DataFrame:
    """Per engine x attack x level: pages, pages where the engine kept spam, and the
    mean over those pages of the share of kept spam shingles sandwiched in article."""
    outputs = result.outputs or {}
    status = result.pages.set_index(["engine", "page"])["status"]
    rows: list[dict[str, Any]] = []
    indexes: dict[str, SpamIndex] = {}
    for attack in injected.attacks:
        if not injected.pages_of(attack, 0.0):
            continue
        for engine in result.names:
            texts = outputs.get(engine, {})
            for level in injected.levels:
                ids = injected.pages_of(attack, level)
                if not ids:
                    continue
                draws = Resamples.draw(len(ids), resamples, seed)
                values = []
                for page in ids:
                    ok = status.get((engine, page)) == OK
                    if page not in indexes:
                        indexes[page] = SpamIndex.build(injected.variants[page])
                    kept, inside = sandwiched(indexes[page], texts.get(page))
                    values.append(inside / kept if ok and kept else math.nan)
                array = np.asarray(values, dtype=float)
                kept_pages = int(np.isfinite(array).sum())
                figure = (
                    _figure(draws.means(array), float(np.nanmean(array)))
                    if kept_pages
                    else {"value": math.nan, "low": math.nan, "high": math.nan}
                )
                rows.append(
                    {
                        "engine": engine,
                        "attack": attack,
                        "level": level,
                        "pages": len(ids),
                        "pages_keeping_spam": kept_pages,
                        **_columns("sandwiched_share", figure),
                    }
                )
    return pd.DataFrame(rows)
