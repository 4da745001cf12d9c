"""The trafilatura evaluation metric on snippet gold ("with" / "without" snippets).

The output is whitespace-normalised; a "with" snippet found is a tp, missed a fn; a
"without" snippet found is a fp, absent a tn. Summed over the corpus::

    precision = tp / (tp + fp)      recall = tp / (tp + fn)
    accuracy  = (tp + tn) / (tp + fp + fn + tn)      F1 = 2 tp / (2 tp + fp + fn)

An engine failure or an empty output finds no snippet. Bundled gold scores this way
with its article segments as "with" and its boilerplate segments as "without".
"""

from __future__ import annotations

from dataclasses import dataclass

from benchmark.corpus.model import ARTICLE, Gold


def normalise(text: str | None) -> str:
    return " ".join((text or "").split())


@dataclass(frozen=True, slots=True)
class SnippetGold:
    with_: tuple[str, ...]
    without: tuple[tuple[str, str], ...]  # (kind, snippet)

    @classmethod
    def build(cls, gold: Gold) -> SnippetGold:
        if gold.with_snippets or gold.without_snippets:
            return cls(
                tuple(normalise(s) for s in gold.with_snippets),
                tuple(("any", normalise(s)) for s in gold.without_snippets),
            )
        return cls(
            tuple(normalise(s.text) for s in gold.segments if s.kind == ARTICLE),
            tuple((s.kind, normalise(s.text)) for s in gold.segments if s.kind != ARTICLE),
        )


@dataclass(frozen=True, slots=True)
class SnippetCounts:
    """One page's snippet counts; ``by_kind`` maps a boilerplate kind to (its snippets
    on the page, how many of them the output holds), for per-kind gold only."""

    tp: int
    fp: int
    fn: int
    tn: int
    by_kind: dict[str, tuple[int, int]]


def score_snippets(gold: SnippetGold, text: str | None) -> SnippetCounts:
    """Counts for one page (a failed engine, ``text=None``, finds nothing)."""
    output = normalise(text)
    tp = sum(1 for s in gold.with_ if output and s in output)
    by_kind: dict[str, tuple[int, int]] = {}
    fp = 0
    for kind, snippet in gold.without:
        found = bool(output) and snippet in output
        fp += found
        if kind != "any":
            present, kept = by_kind.get(kind, (0, 0))
            by_kind[kind] = (present + 1, kept + found)
    return SnippetCounts(tp, fp, len(gold.with_) - tp, len(gold.without) - fp, by_kind)


#: Each corpus figure as (numerator, denominator) of sums of page counts, so the point
#: figure and every bootstrap resample are computed the same way.
RATIOS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "precision": (("tp",), ("tp", "fp")),
    "recall": (("tp",), ("tp", "fn")),
    "accuracy": (("tp", "tn"), ("tp", "fp", "fn", "tn")),
    "f1": (("tp", "tp"), ("tp", "tp", "fp", "fn")),  # 2 tp / (2 tp + fp + fn)
}
