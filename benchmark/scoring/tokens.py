"""Tokens and shingles exactly as the Scrapinghub AEB evaluation defines them.

tokens  = re.findall(r"\\w+", text)   (Unicode, case kept, punctuation dropped)
shingles(tokens, n) = every window of n consecutive tokens; a text with 1..n-1 tokens
                      gives one shorter shingle (all its tokens); no tokens, no shingle.
"""

from __future__ import annotations

import re
from collections import Counter

SHINGLE = 4
_TOKEN = re.compile(r"\w+")

Shingle = tuple[str, ...]


def tokenize(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def windows(tokens: list[str], n: int) -> list[Shingle]:
    """All windows of exactly ``n`` tokens (none if there are fewer tokens)."""
    return list(zip(*(tokens[i:] for i in range(n)), strict=False))


def shingles(tokens: list[str], n: int = SHINGLE) -> list[Shingle]:
    """AEB shingles: windows of ``n``, or the whole text when it has fewer tokens."""
    if len(tokens) >= n:
        return windows(tokens, n)
    return [tuple(tokens)] if tokens else []


def shingle_counts(tokens: list[str], n: int = SHINGLE) -> Counter[Shingle]:
    if len(tokens) >= n:  # count straight from the window iterator: no list in between
        return Counter(zip(*(tokens[i:] for i in range(n)), strict=False))
    return Counter(shingles(tokens, n))
