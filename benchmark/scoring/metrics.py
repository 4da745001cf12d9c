"""Every corpus-level metric, declared once.

A ``Metric`` names the per-page values it reads (its *components*, from the per-page
tables of ``benchmark.scoring.cells``) and how they aggregate over a set of pages.
The same ``estimate`` gives the point figure (all pages once), every bootstrap
resample (a matrix of drawn page indices) and every paired difference in ``compare``,
so a figure, its interval and its comparison can never be computed two ways.

Aggregates (v: per-page values, NaN = the page does not count for this metric):

- ``mean``:          M = mean of the non-NaN v
- ``f1-of-means``:   M = 2 P R / (P + R), P and R the means of two per-page values
                     (AEB: F1 of mean precision and mean recall, not a mean of F1s)
- ``ratio-of-sums``: M = Σ numerator / Σ denominator over the pages (snippet counts,
                     unmatched shingles)

Families are the blocks of ``summary.json`` (``content``, ``removal`` per kind,
``unmatched``, ``snippets``, ``wcxb``, ``structure`` per element type, with the
structure family's ``table_teds`` and ``code_edit`` in blocks of their own); a new
metric is one entry in ``METRICS``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

import numpy as np

from benchmark.corpus.model import ARTICLE, BOILERPLATE_KINDS
from benchmark.errors import UserError
from benchmark.scoring.content import f1_score
from benchmark.scoring.removal import removal_precision, removal_recall
from benchmark.scoring.snippets import RATIOS
from benchmark.stats.bootstrap import Resamples
from benchmark.structure.tree import ELEMENT_TYPES


class Aggregate(StrEnum):
    MEAN = "mean"
    F1_OF_MEANS = "f1-of-means"
    RATIO_OF_SUMS = "ratio-of-sums"


class PageValues(Protocol):
    """One engine's per-page values, aligned to the corpus's page order."""

    @property
    def ok(self) -> np.ndarray: ...  # bool: the engine produced an output

    def column(self, name: str) -> np.ndarray: ...  # float; NaN where not applicable

    def kind(self, kind: str, field: str) -> np.ndarray: ...  # float; 0 where absent


Components = tuple[np.ndarray, ...]


@dataclass(frozen=True)
class Metric:
    """One corpus figure. ``family`` and ``kind`` place it in ``summary.json``
    (``engine[family][stat]``, or ``engine[family][kind][stat]``); ``name`` is what a
    user types (``compare --metric``)."""

    name: str
    family: str
    stat: str
    aggregate: Aggregate
    components: Callable[[PageValues], Components] = field(repr=False)
    higher_is_better: bool = True
    kind: str | None = None
    formula: str = ""
    where: tuple[str, ...] = ()  # its block in summary.json, when not (family[, kind])

    @property
    def block(self) -> tuple[str, ...]:
        """Path of its block in an engine's entry of ``summary.json``."""
        if self.where:
            return self.where
        return (self.family, self.kind) if self.kind else (self.family,)

    def estimate(self, parts: Components, resamples: Resamples) -> np.ndarray:
        """The metric on each resample of pages (``Resamples.whole`` for the point)."""
        if self.aggregate is Aggregate.MEAN:
            return resamples.means(parts[0])
        if self.aggregate is Aggregate.F1_OF_MEANS:
            return f1_score(resamples.means(parts[0]), resamples.means(parts[1]))
        return resamples.ratios(parts[0], parts[1])

    def point(self, parts: Components) -> float:
        return float(self.estimate(parts, Resamples.whole(len(parts[0])))[0])

    def pages(self, parts: Components) -> int:
        """Pages that count: non-NaN values (for F1, those of recall: pages with gold),
        or a non-zero denominator. A metric with no such page does not apply."""
        if self.aggregate is Aggregate.RATIO_OF_SUMS:
            return int((parts[1] > 0).sum())
        counted = parts[1] if self.aggregate is Aggregate.F1_OF_MEANS else parts[0]
        return int(np.isfinite(counted).sum())


def _content() -> list[Metric]:
    def column(name: str) -> Callable[[PageValues], Components]:
        return lambda v: (v.column(name),)

    formula = "AEB: per-page tp/fp/fn over 4-token shingles, see scoring.content"
    return [
        Metric(
            "f1",
            "content",
            "f1",
            Aggregate.F1_OF_MEANS,
            lambda v: (v.column("precision"), v.column("recall")),
            formula=f"2PR/(P+R) of mean page precision and recall; {formula}",
        ),
        Metric(
            "precision",
            "content",
            "precision",
            Aggregate.MEAN,
            column("precision"),
            formula=formula,
        ),
        Metric("recall", "content", "recall", Aggregate.MEAN, column("recall"), formula=formula),
        Metric(
            "accuracy",
            "content",
            "accuracy",
            Aggregate.MEAN,
            column("exact"),
            formula="share of pages whose tokens equal the gold's",
        ),
    ]


def _removal(kind: str) -> list[Metric]:
    def recall(v: PageValues) -> Components:
        units = np.where(v.ok, v.kind(kind, "units"), 0.0)  # a crash is not a removal
        return (removal_recall(units, v.kind(kind, "kept")),)

    def precision(v: PageValues) -> Components:
        units = np.where(v.ok, v.kind(kind, "units"), 0.0)
        article = (v.kind(ARTICLE, "units"), v.kind(ARTICLE, "kept"))
        return (removal_precision(units, v.kind(kind, "kept"), *article),)

    return [
        Metric(
            f"removal:{kind}:recall",
            "removal",
            "recall",
            Aggregate.MEAN,
            recall,
            kind=kind,
            formula="mean over pages with the kind of removed_K / units_K",
        ),
        Metric(
            f"removal:{kind}:precision",
            "removal",
            "precision",
            Aggregate.MEAN,
            precision,
            kind=kind,
            formula="mean over pages of removed_K / (removed_K + removed_article)",
        ),
    ]


def _unmatched() -> Metric:
    def parts(v: PageValues) -> Components:
        ok = v.ok & np.isfinite(v.column("output_shingles"))
        return (
            np.where(ok, v.column("unmatched"), 0.0),
            np.where(ok, v.column("output_shingles"), 0.0),
        )

    return Metric(
        "unmatched:share",
        "unmatched",
        "share",
        Aggregate.RATIO_OF_SUMS,
        parts,
        higher_is_better=False,
        formula="Σ output shingles credited to no gold unit / Σ output shingles",
    )


def _snippets() -> list[Metric]:
    def ratio(
        numerator: tuple[str, ...], denominator: tuple[str, ...]
    ) -> Callable[[PageValues], Components]:
        def parts(v: PageValues) -> Components:
            def total(names: tuple[str, ...]) -> np.ndarray:
                return np.asarray(np.nansum([v.column(f"snippet_{n}") for n in names], axis=0))

            return total(numerator), total(denominator)

        return parts

    metrics = [
        Metric(
            f"snippets:{stat}",
            "snippets",
            stat,
            Aggregate.RATIO_OF_SUMS,
            ratio(*RATIOS[stat]),
            formula=f"Σ {'+'.join(RATIOS[stat][0])} / Σ {'+'.join(RATIOS[stat][1])} (counts)",
        )
        for stat in ("f1", "precision", "recall", "accuracy")
    ]
    for kind in BOILERPLATE_KINDS:
        metrics.append(
            Metric(
                f"snippets:found:{kind}",
                "snippets",
                "share",
                Aggregate.RATIO_OF_SUMS,
                (lambda k: lambda v: (v.kind(k, "snippets_found"), v.kind(k, "snippets")))(kind),
                higher_is_better=False,
                kind=kind,
                formula="Σ snippets of the kind found in the output / Σ snippets of the kind",
                where=("snippets", "found_by_kind", kind),
            )
        )
    return metrics


def _wcxb() -> list[Metric]:
    """WCXB's own metric (Foley 2026): plain means over every page; see scoring.words."""

    def column(name: str) -> Callable[[PageValues], Components]:
        return lambda v: (v.column(name),)

    formula = "WCXB evaluate.py: mean over pages of the bag-of-lowercase-words page {}"
    return [
        Metric(
            "wcxb:f1",
            "wcxb",
            "f1",
            Aggregate.MEAN,
            column("words_f1"),
            formula=formula.format("F1"),
        ),
        Metric(
            "wcxb:precision",
            "wcxb",
            "precision",
            Aggregate.MEAN,
            column("words_precision"),
            formula=formula.format("precision"),
        ),
        Metric(
            "wcxb:recall",
            "wcxb",
            "recall",
            Aggregate.MEAN,
            column("words_recall"),
            formula=formula.format("recall"),
        ),
        Metric(
            "wcxb:with_rate",
            "wcxb",
            "with_rate",
            Aggregate.MEAN,
            column("with_rate"),
            formula="mean over pages of the share of 'with' snippets found (1 without any)",
        ),
        Metric(
            "wcxb:without_rate",
            "wcxb",
            "without_rate",
            Aggregate.MEAN,
            column("without_rate"),
            higher_is_better=False,
            formula="mean over pages of the share of 'without' snippets found (1 without any)",
        ),
    ]


def _structure() -> list[Metric]:
    """Per element type, precision and recall of elements matched to gold elements,
    and the type-blind share found; table TEDS and code edit similarity. Per-page
    counts and figures come from ``scoring.structure`` (its docstring has the rules)."""

    def share(type_: str, numerator: str, denominator: str) -> Callable[[PageValues], Components]:
        def parts(v: PageValues) -> Components:
            den = v.column(f"{type_}_{denominator}")
            num = v.column(f"{type_}_{numerator}")
            with np.errstate(invalid="ignore", divide="ignore"):
                return (np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan),)

        return parts

    metrics = []
    for type_ in ELEMENT_TYPES:
        metrics += [
            Metric(
                f"structure:{type_}:recall",
                "structure",
                "recall",
                Aggregate.MEAN,
                share(type_, "matched", "gold"),
                kind=type_,
                formula=f"mean over pages with gold {type_}s of matched / gold {type_}s"
                " (type, heading level and text similarity >= 0.8 agree; one-to-one)",
            ),
            Metric(
                f"structure:{type_}:precision",
                "structure",
                "precision",
                Aggregate.MEAN,
                share(type_, "matched", "out"),
                kind=type_,
                formula=f"mean over pages whose output has {type_}s of matched / output {type_}s",
            ),
            Metric(
                f"structure:{type_}:found",
                "structure",
                "found",
                Aggregate.MEAN,
                share(type_, "found", "gold"),
                kind=type_,
                formula=f"mean over pages with gold {type_}s of the share whose text the"
                " output holds as any element type (type-blind matching)",
            ),
        ]
    metrics += [
        Metric(
            "table_teds",
            "structure",
            "mean",
            Aggregate.MEAN,
            lambda v: (v.column("table_teds"),),
            formula="mean over pages with gold tables of the page's mean TEDS, 1 - TED /"
            " max(nodes) per gold table (APTED; tables cut to 100 cells; unpaired: 0)",
            where=("table_teds",),
        ),
        Metric(
            "code_edit",
            "structure",
            "mean",
            Aggregate.MEAN,
            lambda v: (v.column("code_edit"),),
            formula="mean over pages with gold code of 1 - Levenshtein distance / longer"
            " length, gold vs output code blocks (rapidfuzz)",
            where=("code_edit",),
        ),
    ]
    return metrics


METRICS: tuple[Metric, ...] = (
    *_content(),
    *_wcxb(),
    *(m for kind in BOILERPLATE_KINDS for m in _removal(kind)),
    _unmatched(),
    *_snippets(),
    *_structure(),
)
BY_NAME: dict[str, Metric] = {m.name: m for m in METRICS}
assert len(BY_NAME) == len(METRICS), "metric names must be unique"


def get_metric(name: str) -> Metric:
    """The metric called ``name``; an unknown name is a ``UserError`` with a suggestion."""
    if name in BY_NAME:
        return BY_NAME[name]
    close = difflib.get_close_matches(name.lower(), BY_NAME, n=1) or difflib.get_close_matches(
        name, BY_NAME, n=1, cutoff=0.4
    )
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise UserError(
        f"unknown metric {name!r}{hint} (metrics: f1, precision, recall, accuracy,"
        " removal:<kind>:recall, ...; see the README)"
    )
