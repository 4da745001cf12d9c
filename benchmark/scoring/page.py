"""Score one engine output against one page's gold, reusing the gold's shingles.

``GoldIndex`` is built once per page; ``score_output`` then costs one tokenisation and
a few Counter look-ups per engine. The result is a flat dict: one row of the per-page
table. Columns ``units:<kind>`` / ``kept:<kind>`` feed the per-kind removal figures.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from benchmark.corpus.model import ARTICLE, Gold
from benchmark.scoring.content import score_content
from benchmark.scoring.removal import SegmentIndex, score_removal
from benchmark.scoring.snippets import SnippetGold, score_snippets
from benchmark.scoring.tokens import Shingle, shingle_counts, tokenize


@dataclass(frozen=True, slots=True)
class GoldIndex:
    article_tokens: list[str]
    article_shingles: Counter[Shingle]
    segments: SegmentIndex | None
    snippets: SnippetGold | None
    has_article: bool

    @classmethod
    def build(cls, gold: Gold) -> GoldIndex:
        tokens = tokenize(gold.article_text)
        return cls(
            article_tokens=tokens,
            article_shingles=shingle_counts(tokens),
            segments=SegmentIndex.build(gold.segments) if gold.has_boilerplate else None,
            snippets=SnippetGold.build(gold) if gold.has_snippets or gold.has_boilerplate else None,
            has_article=any(s.kind == ARTICLE for s in gold.segments),
        )


def score_output(index: GoldIndex, text: str | None) -> dict[str, float | int | bool]:
    """Metrics of one output. ``text=None`` (the engine failed) scores as an empty
    output for the content metric and is left out of the removal figures."""
    tokens = tokenize(text)
    row: dict[str, float | int | bool] = {}
    if index.has_article:
        content = score_content(
            index.article_shingles, shingle_counts(tokens), index.article_tokens, tokens
        )
        row |= {
            "tp": content.tp,
            "fp": content.fp,
            "fn": content.fn,
            "precision": content.precision,
            "recall": content.recall,
            "exact": content.exact,
        }
    row["output_tokens"] = len(tokens)
    if index.segments is not None and text is not None:
        removal = score_removal(index.segments, tokens)
        for kind, units in removal.total.items():
            row[f"units:{kind}"] = units
            row[f"kept:{kind}"] = removal.kept.get(kind, 0)
        row["unmatched"] = removal.unmatched
        row["output_shingles"] = removal.output_shingles
    if index.snippets is not None:
        row |= score_snippets(index.snippets, text)
    return row
