"""Score one engine output against one page's gold, reusing the gold's shingles.

``GoldIndex`` is built once per page; ``score_output`` then costs one tokenisation and
a few Counter look-ups per engine. The result is a typed ``PageScore``: each metric
family's per-page figures, or None where the family does not apply to the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from benchmark.corpus.model import ARTICLE, Gold
from benchmark.scoring.content import ArticleShingles, ContentScore, score_tokens
from benchmark.scoring.removal import RemovalScore, SegmentIndex, score_removal
from benchmark.scoring.snippets import SnippetCounts, SnippetGold, score_snippets
from benchmark.scoring.structure import StructureScore, score_structure
from benchmark.scoring.tokens import token_ids, tokenize
from benchmark.scoring.words import WordGold, WordScore, score_words
from benchmark.structure import TEXT, Document, parse_output

#: Metric families a corpus can ask for (``Corpus.families``).
CONTENT, REMOVAL, SNIPPETS, WCXB, STRUCTURE = (
    "content",
    "removal",
    "snippets",
    "wcxb",
    "structure",
)


@dataclass(frozen=True, slots=True)
class GoldIndex:
    article: ArticleShingles
    segments: SegmentIndex | None
    snippets: SnippetGold | None
    has_article: bool
    words: WordGold | None
    structure: Document | None

    @classmethod
    def build(cls, gold: Gold, families: frozenset[str]) -> GoldIndex:
        wants_snippets = SNIPPETS in families and (gold.has_snippets or gold.has_boilerplate)
        segments = (
            SegmentIndex.build(gold.segments)
            if REMOVAL in families and gold.has_boilerplate
            else None
        )
        # the segments' vocabulary holds every article token (the article is made of
        # segments): an output is then mapped to ids once for both metrics
        shared = segments.vocabulary if segments is not None else None
        return cls(
            article=ArticleShingles.build(tokenize(gold.article_text), shared),
            segments=segments,
            snippets=SnippetGold.build(gold) if wants_snippets else None,
            has_article=CONTENT in families and any(s.kind == ARTICLE for s in gold.segments),
            words=(
                WordGold.build(gold.article_text, gold.with_snippets, gold.without_snippets)
                if WCXB in families
                else None
            ),
            structure=gold.structure_tree() if STRUCTURE in families else None,
        )


@dataclass(frozen=True, slots=True)
class PageScore:
    """Every metric family's figures for one output on one page (None: not applicable;
    removal is also None for a failed engine, whose crash is not a removal)."""

    output_tokens: int
    content: ContentScore | None
    removal: RemovalScore | None
    snippets: SnippetCounts | None
    words: WordScore | None
    structure: StructureScore | None = None


def score_output(index: GoldIndex, text: str | None, output_format: str = TEXT) -> PageScore:
    """Metrics of one output. ``text=None`` (the engine failed) scores as an empty
    output for the content metric and is left out of the removal figures.

    A structured output (``output_format`` markdown, html or xml) is parsed into its
    element tree once: the word metrics read the tree's plain text, the structure
    metrics the tree. Plain text is read as paragraphs only."""
    document = None
    if output_format != TEXT:
        document = parse_output(text, output_format)
        text = None if text is None else document.text()
    structure = None
    if index.structure is not None:
        document = document if document is not None else parse_output(text, TEXT)
        structure = score_structure(index.structure, document)
    tokens = tokenize(text)
    ids = None
    shared = index.segments is not None and index.segments.vocabulary is not None
    if shared and index.article.vocabulary is index.segments.vocabulary:  # type: ignore[union-attr]
        ids = token_ids(index.article.vocabulary, tokens)  # type: ignore[arg-type]
    content = None
    if index.has_article:
        content = score_tokens(index.article, tokens, ids)
    removal = None
    if index.segments is not None and text is not None:
        removal = score_removal(index.segments, tokens, ids)
    snippets = score_snippets(index.snippets, text) if index.snippets is not None else None
    words = score_words(index.words, text) if index.words is not None else None
    return PageScore(len(tokens), content, removal, snippets, words, structure)
