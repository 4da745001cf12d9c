"""WCXB's word metric, exactly as its ``evaluate.py`` defines it (WCXB, Foley 2026, CC-BY-4.0).

Tokens are ``re.findall(r"\\w+", text.lower())``: the text is lowercased *first*, then
split into Unicode word runs (punctuation dropped, CJK runs without spaces are one
token). Unlike the AEB metric (``content.py``: case kept, 4-token shingles), this is a
bag of single words, so word order and repetition across places do not matter.

Per page, with P and R the token multisets of the prediction and the reference::

    overlap   = Σ min(P[w], R[w])
    precision = overlap / |P|        recall = overlap / |R|
    F1        = 2 precision recall / (precision + recall)     (0 when both are 0)

    empty reference: (1, 1, 1) if the prediction is empty too, else (0, 0, 0)
    empty prediction, non-empty reference: (0, 0, 0)
    a failed engine (``None``) is an empty prediction, as a missing id is in evaluate.py

"Empty" means no ``\\w`` token, so a prediction of only punctuation is empty.

Snippet rates, per page: the share of snippets found in the prediction as a
case-insensitive substring (``s.lower() in text.lower()``, no whitespace
normalisation, so a snippet split over two lines of output is not found, and a
snippet that itself holds a line break — 234 of the dev split's 6,659 "with"
snippets do — is found only where the output breaks the line the same way)::

    with rate    = found "with" snippets / number of "with" snippets
    without rate = found "without" snippets / number of "without" snippets
    an empty list scores 1.0 for either rate

So the "without rate" (lower is better) is *not* a leak rate on a page without
"without" snippets: such a page counts as 1.0, a full leak, whatever the output.

Over a corpus (or one page type; ``category`` counts as ``collection``, done in the
loader), every figure is the plain mean over pages: precision, recall, F1, with rate
and without rate are each averaged separately, so corpus F1 is the mean of page F1s,
not 2PR/(P+R) of the means. Every page counts, a failed one as an empty prediction.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

_WORD = re.compile(r"\w+")

FIGURES = ("precision", "recall", "f1", "with_rate", "without_rate")


def words(text: str | None, lines: dict[str, list[str]] | None = None) -> list[str]:
    """Lowercase, then Unicode ``\\w+`` runs (evaluate.py's ``tokenize``).

    ``lines``: a memo of each line's words (a page's rows share most lines). The words
    are the same: ``\\w`` never matches a line break, and lowercasing never looks
    across one (only Greek final sigma depends on its neighbours, and a line break is
    neither a cased nor a case-ignorable character)."""
    if not text:
        return []
    if lines is None:
        return _WORD.findall(text.lower())
    found: list[str] = []
    for line in text.split("\n"):
        tokens = lines.get(line)
        if tokens is None:
            tokens = lines[line] = _WORD.findall(line.lower())
        found += tokens
    return found


def _prf(pred: list[str], ref_counts: Counter[str], ref_len: int) -> tuple[float, float, float]:
    if not ref_len:
        return (1.0, 1.0, 1.0) if not pred else (0.0, 0.0, 0.0)
    if not pred:
        return (0.0, 0.0, 0.0)
    counts = Counter(pred)
    shared = counts.keys() & ref_counts.keys()  # Σ min(P[w], R[w]) over shared words
    overlap = sum(map(min, map(counts.__getitem__, shared), map(ref_counts.__getitem__, shared)))
    precision = overlap / len(pred)
    recall = overlap / ref_len
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return precision, recall, f1


def word_prf(predicted: str | None, reference: str | None) -> tuple[float, float, float]:
    """Page (precision, recall, F1) of the bag of lowercase words."""
    ref = words(reference)
    return _prf(words(predicted), Counter(ref), len(ref))


def snippet_rate(text: str | None, snippets: Sequence[str]) -> float:
    """Share of ``snippets`` found in ``text`` (case-insensitive substring); 1.0 if none."""
    if not snippets:
        return 1.0
    lowered = (text or "").lower()
    return sum(1 for s in snippets if s.lower() in lowered) / len(snippets)


@dataclass(frozen=True, slots=True)
class WordGold:
    """One page's reference, tokenised once and reused for every engine."""

    counts: Counter[str]
    length: int
    with_: tuple[str, ...]
    without: tuple[str, ...]
    lines: dict[str, list[str]]  # each line's words, for this page's outputs (``words``)

    @classmethod
    def build(
        cls, reference: str | None, with_: Sequence[str] = (), without: Sequence[str] = ()
    ) -> WordGold:
        lines: dict[str, list[str]] = {}
        tokens = words(reference, lines)
        return cls(Counter(tokens), len(tokens), tuple(with_), tuple(without), lines)


@dataclass(frozen=True, slots=True)
class WordScore:
    precision: float
    recall: float
    f1: float
    with_rate: float
    without_rate: float


def score_words(gold: WordGold, predicted: str | None) -> WordScore:
    """All five page figures of one output (``None``, a failure, scores as empty)."""
    p, r, f1 = _prf(words(predicted, gold.lines), gold.counts, gold.length)
    return WordScore(
        p, r, f1, snippet_rate(predicted, gold.with_), snippet_rate(predicted, gold.without)
    )


def _means(scores: Sequence[WordScore]) -> dict[str, float]:
    n = len(scores)
    if not n:
        return {name: math.nan for name in FIGURES} | {"pages": 0}
    # plain left-to-right sums, as evaluate.py adds them (same order: same last bits)
    return {name: sum(getattr(s, name) for s in scores) / n for name in FIGURES} | {"pages": n}


def aggregate_words(
    scores: Mapping[str, WordScore], page_types: Mapping[str, str] | None = None
) -> dict[str, dict[str, float]]:
    """Corpus means, keyed ``"all"`` and (with ``page_types``) one key per page type.

    Pages are taken in sorted id order, as evaluate.py walks its ground truth."""
    ids = sorted(scores)
    out = {"all": _means([scores[i] for i in ids])}
    if page_types is not None:
        for page_type in sorted({page_types[i] for i in ids}):
            out[page_type] = _means([scores[i] for i in ids if page_types[i] == page_type])
    return out
