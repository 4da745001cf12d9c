"""Which page tokens are the article: a monotone alignment to the dataset's own gold.

Both sides are tokenised as the metric does (``\\w+``) and lowercased. difflib's
``SequenceMatcher(autojunk=False)`` finds matching blocks (longest first, then
recursively left and right, so blocks never cross); a page token is *article* when it
sits in a block of at least ``MIN_BLOCK`` tokens, or of the whole gold when the gold is
shorter. Three tokens keep a stray "the" or a menu word that also occurs in the article
from counting, while a three-word subheading still does.

Equal-length candidates are resolved by difflib towards the *earliest* page position,
so a headline repeated in a breadcrumb would be matched there rather than in the
article's own heading. ``_pull_towards_next`` moves such a block to its last
occurrence before the next block, which is where an article's first lines sit.

Measured on the largest pages of AEB and WCXB dev (17,667 page tokens; 12,708 page x
8,860 gold tokens) it takes at most 0.2 s, so no faster matcher is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from benchmark.annotations.pagetext import TOKEN

MIN_BLOCK = 3


@dataclass(frozen=True, slots=True)
class Alignment:
    """Per page token: article or not, and the gold token it matched (-1 when none)."""

    article: list[bool]
    gold_index: list[int]
    gold_tokens: int
    gold_spans: list[tuple[int, int]]  # character span of each gold token in the gold text

    @property
    def article_tokens(self) -> int:
        return sum(self.article)

    @property
    def first(self) -> int | None:
        """Index of the first article token on the page, if any."""
        return next((i for i, a in enumerate(self.article) if a), None)

    @property
    def last(self) -> int | None:
        """Index of the last article token on the page, if any."""
        return next((i for i in range(len(self.article) - 1, -1, -1) if self.article[i]), None)


def align(page_tokens: list[str], gold_text: str) -> Alignment:
    """Mark the page tokens that lie in a matching block of the article gold."""
    gold_spans = [m.span() for m in TOKEN.finditer(gold_text)]
    gold = [gold_text[a:b].lower() for a, b in gold_spans]
    page = [t.lower() for t in page_tokens]
    article = [False] * len(page)
    gold_index = [-1] * len(page)
    if gold and page:
        least = min(MIN_BLOCK, len(gold))
        blocks = [
            (b.a, b.b, b.size)
            for b in SequenceMatcher(None, page, gold, autojunk=False).get_matching_blocks()
            if b.size >= least
        ]
        for a, b, size in _pull_towards_next(blocks, page):
            for k in range(size):
                article[a + k] = True
                gold_index[a + k] = b + k
    return Alignment(article, gold_index, len(gold), gold_spans)


def _pull_towards_next(
    blocks: list[tuple[int, int, int]], page: list[str]
) -> list[tuple[int, int, int]]:
    """Move each block to its last copy in the page gap before the next block."""
    moved = list(blocks)
    for i in range(len(moved) - 2, -1, -1):
        a, b, size = moved[i]
        limit = moved[i + 1][0]
        words = page[a : a + size]
        for start in range(limit - size, a, -1):
            if page[start] == words[0] and page[start : start + size] == words:
                moved[i] = (start, b, size)
                break
    return moved
