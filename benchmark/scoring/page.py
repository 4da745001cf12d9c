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
from benchmark.scoring.structure import Similarities, StructureScore, score_structure
from benchmark.scoring.tokens import PageTokens, tokenize
from benchmark.scoring.words import WordGold, WordScore, score_words
from benchmark.structure import TEXT, Document, parse_output
from benchmark.structure.memo import TreeMemo

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
    similarities: Similarities | None = None  # the structure gold's memo (per page)

    @classmethod
    def build(
        cls,
        gold: Gold,
        families: frozenset[str],
        page_tokens: PageTokens | None = None,
        trees: TreeMemo | None = None,
    ) -> GoldIndex:
        """``page_tokens``: the page's token memo, shared with its outputs' scoring;
        ``trees``: where structure gold parsed before is kept."""
        wants_snippets = SNIPPETS in families and (gold.has_snippets or gold.has_boilerplate)
        segments = (
            SegmentIndex.build(gold.segments)
            if REMOVAL in families and gold.has_boilerplate
            else None
        )
        # the segments' vocabulary holds every article token (the article is made of
        # segments): an output is then mapped to ids once for both metrics
        shared = segments.vocabulary if segments is not None else None
        structure = None
        if STRUCTURE in families:
            structure = trees.tree(gold) if trees is not None else gold.structure_tree()
        return cls(
            article=ArticleShingles.build(
                page_tokens.tokens(gold.article_text)
                if page_tokens is not None
                else tokenize(gold.article_text),
                shared,
            ),
            segments=segments,
            snippets=SnippetGold.build(gold) if wants_snippets else None,
            has_article=CONTENT in families and any(s.kind == ARTICLE for s in gold.segments),
            words=(
                WordGold.build(gold.article_text, gold.with_snippets, gold.without_snippets)
                if WCXB in families
                else None
            ),
            structure=structure,
            similarities=Similarities(structure) if structure is not None else None,
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


def score_output(
    index: GoldIndex,
    text: str | None,
    output_format: str = TEXT,
    page_tokens: PageTokens | None = None,
) -> PageScore:
    """Metrics of one output. ``text=None`` (the engine failed) scores as an empty
    output for the content metric and is left out of the removal figures.

    A structured output (``output_format`` markdown, html or xml) is parsed into its
    element tree once: the word metrics read the tree's plain text, the structure
    metrics the tree. Plain text is read as paragraphs only. ``page_tokens``: the
    page's token memo (the same figures, each repeated line tokenized once)."""
    document = None
    if output_format != TEXT:
        document = parse_output(text, output_format)
        text = None if text is None else document.text()
    structure = None
    if index.structure is not None:
        document = document if document is not None else parse_output(text, TEXT)
        structure = score_structure(index.structure, document, index.similarities)
    memo = page_tokens if page_tokens is not None else PageTokens()
    # one id mapping for both metrics when they share the vocabulary, else each maps its own
    vocabulary = index.article.vocabulary
    if index.segments is not None and index.segments.vocabulary is not vocabulary:
        vocabulary = None
    ids = None
    if vocabulary is not None:
        tokens, ids = memo.tokens_and_ids(text, vocabulary)
    else:
        tokens = memo.tokens(text)
    content = None
    if index.has_article:
        content = score_tokens(index.article, tokens, ids)
    removal = None
    if index.segments is not None and text is not None:
        removal = score_removal(index.segments, tokens, ids)
    snippets = score_snippets(index.snippets, text) if index.snippets is not None else None
    words = score_words(index.words, text) if index.words is not None else None
    return PageScore(len(tokens), content, removal, snippets, words, structure)
