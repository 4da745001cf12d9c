"""``scan``'s spam detector measured: its family patterns on spam they were not built
from, and on clean real pages.

Three evaluations, each per family (``benchmark.injection.spam_patterns``):

- **texts**: every template of both sets rendered ``per_template`` times in every
  language; ``recall`` = share of a family's held-out texts its pattern flags (the
  figure that matters), ``train_recall`` the same on the training texts the patterns
  were written from (the gap is how much the patterns overfit); ``precision`` = of the
  held-out texts and clean page texts the pattern flags, the share of the family;
- **clean pages**: ``page_false_alarms`` = share of the clean source pages whose whole
  visible text (what an extractor keeping everything outputs) the pattern flags,
  ``article_false_alarms`` the same on their article gold;
- **outputs**: what ``scan`` really sees. ``output_recall`` = of the engines' outputs
  on held-out injected pages that kept at least one spam shingle of the family, the
  share flagged; ``output_false_alarms`` = share of the engines' outputs on clean pages
  flagged; ``output_precision`` = of flagged outputs (both sets), the share that truly
  held the family's spam.

Intervals: 95% bootstrap (``Resamples``) over texts for the text figures, over source
pages (all engines' outputs of a page together) for page and output figures. Clean
pages whose labels hold real spam are left out of the false-alarm figures.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from benchmark.corpus.validate import page_text
from benchmark.injection.real.build import CLEAN, HELDOUT_ATTACK, Variant
from benchmark.injection.real.corpus import InjectedCorpus
from benchmark.injection.real.spamtext import all_templates, render_template
from benchmark.injection.spam_patterns import CONTENT_FAMILIES, spam_families
from benchmark.results.model import RunResult
from benchmark.runner.worker import OK
from benchmark.stats.bootstrap import Interval, Resamples

ANY = "any"


def _ratio(
    numerator: Sequence[float], denominator: Sequence[float], resamples: int, seed: int
) -> dict[str, float]:
    top, bottom = np.asarray(numerator, float), np.asarray(denominator, float)
    if bottom.sum() == 0:
        return {"value": math.nan, "low": math.nan, "high": math.nan}
    interval = Interval.of(Resamples.draw(len(top), resamples, seed).ratios(top, bottom))
    return {"value": float(top.sum() / bottom.sum()), "low": interval.low, "high": interval.high}


def _put(row: dict[str, Any], name: str, figure: dict[str, float]) -> None:
    row[name] = figure["value"]
    row[f"{name}_low"], row[f"{name}_high"] = figure["low"], figure["high"]


@lru_cache(maxsize=200_000)
def _families(text: str | None) -> frozenset[str]:
    return frozenset(spam_families(text))


def _flags(text: str | None, family: str) -> bool:
    found = _families(text)
    return bool(found) if family == ANY else family in found


def template_texts(heldout: bool, per_template: int, seed: int) -> list[tuple[str, str, str]]:
    """(family, language, text) of every template rendered ``per_template`` times."""
    texts = []
    for family, language, template in all_templates(heldout):
        number = int(template.rsplit("/", 1)[1])
        for i in range(per_template):
            rng = random.Random(f"{seed}:{template}:{language}:{i}")
            unit = render_template(family, language, number, rng, heldout)
            texts.append((family, language, unit.text))
    return texts


def detector_table(
    result: RunResult,
    injected: InjectedCorpus,
    resamples: int,
    seed: int,
    per_template: int = 20,
) -> pd.DataFrame:
    heldout = template_texts(True, per_template, seed)
    train = template_texts(False, per_template, seed)
    pages = {p.id: p for p in injected.corpus.pages}
    clean_ids = [
        variant.id
        for variant in injected.variants.values()
        if variant.attack == CLEAN and not any(s.kind == "spam" for s in variant.segments)
    ]
    clean_text = {i: page_text(pages[i].source.read_html()) for i in clean_ids}
    article_text = {i: pages[i].gold.article_text for i in clean_ids}
    held_pages = [v for v in injected.variants.values() if v.heldout and v.attack == HELDOUT_ATTACK]
    rows = []
    for family in (*CONTENT_FAMILIES, ANY, "link-farm"):
        row: dict[str, Any] = {"family": family}
        content = family in CONTENT_FAMILIES or family == ANY

        def truth(of: str, family: str = family) -> bool:
            return of == family or (family == ANY and of in CONTENT_FAMILIES)

        # texts
        if content:
            mine = [t for t in heldout if truth(t[0])]
            row["heldout_texts"] = len(mine)
            _put(row, "recall", _ratio([_flags(t[2], family) for t in mine], [1] * len(mine),
                                       resamples, seed))  # fmt: skip
            for language in sorted({t[1] for t in mine}):
                of_language = [_flags(t[2], family) for t in mine if t[1] == language]
                row[f"recall_{language}"] = float(np.mean(of_language))
            train_mine = [t for t in train if truth(t[0])]
            _put(row, "train_recall", _ratio([_flags(t[2], family) for t in train_mine],
                                             [1] * len(train_mine), resamples, seed))  # fmt: skip
            pool = [(truth(t[0]), _flags(t[2], family)) for t in heldout]
            pool += [(False, _flags(text, family)) for text in clean_text.values()]
            _put(row, "precision", _ratio([t and f for t, f in pool], [f for _, f in pool],
                                          resamples, seed))  # fmt: skip
        # clean pages
        row["clean_pages"] = len(clean_ids)
        _put(row, "page_false_alarms", _ratio([_flags(clean_text[i], family) for i in clean_ids],
                                              [1] * len(clean_ids), resamples, seed))  # fmt: skip
        _put(row, "article_false_alarms", _ratio(
            [_flags(article_text[i], family) for i in clean_ids], [1] * len(clean_ids),
            resamples, seed))  # fmt: skip
        # engine outputs: counted per source page, all engines together
        counts = _output_counts(result, injected, held_pages, clean_ids, family, truth)
        cells = list(counts.values())
        row["heldout_outputs_with_spam"] = int(sum(c.positives for c in cells))
        row["clean_outputs"] = int(sum(c.clean for c in cells))
        if content:
            tp = [c.true_positives for c in cells]
            _put(row, "output_recall", _ratio(tp, [c.positives for c in cells], resamples, seed))
            _put(row, "output_precision", _ratio(tp, [c.flagged for c in cells], resamples, seed))
        flagged = [c.clean_flagged for c in cells]
        clean = [c.clean for c in cells]
        _put(row, "output_false_alarms", _ratio(flagged, clean, resamples, seed))
        rows.append(row)
    return pd.DataFrame(rows)


@dataclass
class _Counts:
    """One source page's engine outputs: held-out ones and clean ones."""

    true_positives: int = 0
    positives: int = 0  # held-out outputs that kept the family's spam
    flagged: int = 0  # outputs the pattern flags (held-out and clean)
    clean: int = 0
    clean_flagged: int = 0


def _output_counts(
    result: RunResult,
    injected: InjectedCorpus,
    held_pages: list[Variant],
    clean_ids: list[str],
    family: str,
    truth: Callable[[str], bool],
) -> dict[str, _Counts]:
    outputs = result.outputs or {}
    status = result.pages.set_index(["engine", "page"])["status"]
    kept = result.kinds[result.kinds["kind"] == "spam"].set_index(["engine", "page"])["kept"]
    counts: dict[str, _Counts] = {}
    for variant in held_pages:
        cell = counts.setdefault(variant.source, _Counts())
        for engine in result.names:
            if status.get((engine, variant.id)) != OK:
                continue
            flagged = _flags(outputs.get(engine, {}).get(variant.id), family)
            positive = truth(variant.family) and kept.get((engine, variant.id), 0) > 0
            cell.true_positives += positive and flagged
            cell.positives += positive
            cell.flagged += flagged
    for page in clean_ids:
        cell = counts.setdefault(injected.variants[page].source, _Counts())
        for engine in result.names:
            if status.get((engine, page)) != OK:
                continue
            flagged = _flags(outputs.get(engine, {}).get(page), family)
            cell.flagged += flagged
            cell.clean += 1
            cell.clean_flagged += flagged
    return counts
