"""Tokens and shingles exactly as the Scrapinghub AEB evaluation defines them.

tokens  = re.findall(r"\\w+", text)   (Unicode, case kept, punctuation dropped)
shingles(tokens, n) = every window of n consecutive tokens; a text with 1..n-1 tokens
                      gives one shorter shingle (all its tokens); no tokens, no shingle.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from itertools import chain, repeat
from typing import Any

import numpy as np

SHINGLE = 4
_TOKEN = re.compile(r"\w+")

Shingle = tuple[str, ...]


def tokenize(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


class PageTokens:
    """Tokens and token ids of one page's texts, each distinct line worked out once.

    The outputs of one page repeat its article's paragraphs, line for line (half of
    AEB's characters, gold and 15 outputs); ``\\w+`` never matches a line break, so
    tokenize(text) == the concatenated tokens of ``text.split("\\n")``: exactly
    ``tokenize``, for less. One instance per page and vocabulary: what it holds is
    dropped with it."""

    __slots__ = ("_lines", "_vocabulary")

    def __init__(self) -> None:
        # line -> [its tokens, their ids in ``_vocabulary`` (None until asked for)]
        self._lines: dict[str, list[Any]] = {}
        self._vocabulary: dict[str, int] | None = None

    def tokens(self, text: str | None) -> list[str]:
        """``tokenize(text)``."""
        tokens: list[str] = []
        if not text:
            return tokens
        lines, findall = self._lines, _TOKEN.findall
        for line in text.split("\n"):
            entry = lines.get(line)
            if entry is None:
                entry = [findall(line), None]
                lines[line] = entry
            tokens += entry[0]
        return tokens

    def tokens_and_ids(
        self, text: str | None, vocabulary: dict[str, int]
    ) -> tuple[list[str], np.ndarray]:
        """``tokenize(text)`` and ``token_ids(vocabulary, tokenize(text))``."""
        if vocabulary is not self._vocabulary:
            if self._vocabulary is not None:
                for cached in self._lines.values():
                    cached[1] = None
            self._vocabulary = vocabulary
        tokens: list[str] = []
        ids: list[int] = []
        lines, findall, get = self._lines, _TOKEN.findall, vocabulary.get
        for line in (text or "").split("\n"):
            entry = lines.get(line)
            if entry is None:
                entry = [findall(line), None]
                lines[line] = entry
            if entry[1] is None:
                entry[1] = list(map(get, entry[0], repeat(0)))
            tokens += entry[0]
            ids += entry[1]
        return tokens, np.array(ids, dtype=np.uint64)


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


#: Token ids of one page's gold fit in 16 bits, so up to four of them make one exact
#: 64-bit shingle key (id 0: a token the gold never has).
ID_BITS = 16
MAX_VOCABULARY = (1 << ID_BITS) - 1


def vocabulary_of(token_lists: Iterable[list[str]]) -> dict[str, int] | None:
    """Ids 1..V for the distinct tokens, in order of first appearance; None when there
    are more than 16-bit ids can number (then keys would not be exact)."""
    distinct = dict.fromkeys(chain.from_iterable(token_lists))  # (in C loops)
    if len(distinct) > MAX_VOCABULARY:
        return None
    return dict(zip(distinct, range(1, len(distinct) + 1), strict=True))


def token_ids(vocabulary: dict[str, int], tokens: list[str]) -> np.ndarray:
    """Each token's id (0 for a token outside the vocabulary)."""
    return np.fromiter(map(vocabulary.get, tokens, repeat(0)), dtype=np.uint64, count=len(tokens))


def window_keys(ids: np.ndarray, n: int, drop_unknown: bool = True) -> np.ndarray:
    """The exact 64-bit keys of the ``n``-token windows (``n`` <= 4) of an id array;
    windows holding an unknown token (id 0) are left out unless ``drop_unknown`` is
    False (an output's such windows can match no gold shingle)."""
    count = len(ids) - n + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    keys = ids[:count].copy()
    for offset in range(1, n):
        keys <<= np.uint64(ID_BITS)
        keys |= ids[offset : offset + count]
    if not drop_unknown:
        return keys
    known = ids != 0
    whole = known[:count].copy()
    for offset in range(1, n):
        whole &= known[offset : offset + count]
    found: np.ndarray = keys[whole]
    return found
