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


def score_snippets(gold: SnippetGold, text: str | None) -> dict[str, int]:
    """Counts for one page; with per-kind gold also ``snippet_fp:<kind>`` (found) and
    ``snippet_n:<kind>`` (present), so leaks can be read per boilerplate kind."""
    output = normalise(text)
    tp = sum(1 for s in gold.with_ if output and s in output)
    row = {"snippet_tp": tp, "snippet_fn": len(gold.with_) - tp}
    fp = 0
    for kind, snippet in gold.without:
        found = bool(output) and snippet in output
        fp += found
        if kind != "any":
            row[f"snippet_n:{kind}"] = row.get(f"snippet_n:{kind}", 0) + 1
            row[f"snippet_fp:{kind}"] = row.get(f"snippet_fp:{kind}", 0) + found
    return row | {"snippet_fp": fp, "snippet_tn": len(gold.without) - fp}


def aggregate_snippets(tp: int, fp: int, fn: int, tn: int) -> dict[str, float]:
    nan = float("nan")
    total = tp + fp + fn + tn
    return {
        "precision": tp / (tp + fp) if tp + fp else nan,
        "recall": tp / (tp + fn) if tp + fn else nan,
        "accuracy": (tp + tn) / total if total else nan,
        "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else nan,
    }
