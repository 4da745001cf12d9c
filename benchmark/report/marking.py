"""Which words of a page an engine missed, and which it kept that it should not have.

Gold view: each gold token is *kept* when one of the shingles of its segment that
contain it occurs in the output (a segment shorter than 4 tokens: its one shingle).
Output view: each output token takes the kind of a gold shingle it is part of, the
article first, else ``unmatched``. The same shingles as the metric; approximate only
in that a repeated shingle counts as present for every copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from benchmark.corpus.model import ARTICLE, Segment
from benchmark.scoring.tokens import SHINGLE, tokenize

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Span:
    text: str
    label: str  # "kept", "missed" (gold view); a kind or "unmatched" (output view); "" = plain


def _shingles_of(tokens: list[str]) -> list[tuple[int, tuple[str, ...]]]:
    if len(tokens) < SHINGLE:
        return [(0, tuple(tokens))] if tokens else []
    return [(i, tuple(tokens[i : i + SHINGLE])) for i in range(len(tokens) - SHINGLE + 1)]


def _spans(text: str, labels: list[str]) -> list[Span]:
    """Cut ``text`` into spans, each word taking its label, in-between text plain."""
    spans, last = [], 0
    for label, match in zip(labels, _WORD.finditer(text), strict=False):
        if match.start() > last:
            spans.append(Span(text[last : match.start()], ""))
        spans.append(Span(match.group(), label))
        last = match.end()
    if last < len(text):
        spans.append(Span(text[last:], ""))
    return spans


def mark_gold(segments: tuple[Segment, ...], output: str) -> list[tuple[str, list[Span]]]:
    out_tokens = tokenize(output)
    present = {
        tuple(out_tokens[i : i + n])
        for n in range(1, SHINGLE + 1)
        for i in range(max(0, len(out_tokens) - n + 1))
    }
    marked = []
    for segment in segments:
        tokens = tokenize(segment.text)
        kept = [False] * len(tokens)
        for start, shingle in _shingles_of(tokens):
            if shingle in present:
                for i in range(start, start + len(shingle)):
                    kept[i] = True
        marked.append(
            (segment.kind, _spans(segment.text, ["kept" if k else "missed" for k in kept]))
        )
    return marked


def mark_output(segments: tuple[Segment, ...], output: str) -> list[Span]:
    owner: dict[tuple[str, ...], str] = {}
    for segment in sorted(segments, key=lambda s: s.kind != ARTICLE):  # article first
        for _, shingle in _shingles_of(tokenize(segment.text)):
            owner.setdefault(shingle, segment.kind)
    tokens = tokenize(output)
    labels = ["unmatched"] * len(tokens)
    for n in (SHINGLE, 3, 2, 1):
        for i in range(max(0, len(tokens) - n + 1)):
            kind = owner.get(tuple(tokens[i : i + n]))
            if kind:
                for j in range(i, i + n):
                    if labels[j] == "unmatched" or (kind == ARTICLE and n == SHINGLE):
                        labels[j] = kind
    return _spans(output, labels)
