"""Which words of a page an engine missed, and which it kept that it should not have.

Gold view: each gold token is *kept* when one of the shingles of its segment that
contain it occurs in the output (a segment shorter than 4 tokens: its one shingle).
Output view: each output token takes the kind of a gold shingle it is part of, the
article first, else ``unmatched``. The same shingles as the metric; approximate only
in that a repeated shingle counts as present for every copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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


def _present(out_tokens: list[str], sizes: Iterable[int]) -> set[tuple[str, ...]]:
    """The output's windows of each size in ``sizes`` (the gold's shingle lengths)."""
    found: set[tuple[str, ...]] = set()
    for n in sizes:
        found.update(zip(*(out_tokens[i:] for i in range(n)), strict=False))
    return found


def _kept(tokens: list[str], present: set[tuple[str, ...]]) -> list[bool]:
    kept = [False] * len(tokens)
    for start, shingle in _shingles_of(tokens):
        if shingle in present:
            for i in range(start, start + len(shingle)):
                kept[i] = True
    return kept


class PageMarker:
    """One page's gold, tokenised and shingled once, for marking every engine's output
    (a report marks ~20 outputs per page: the gold side is the same for all of them)."""

    def __init__(self, segments: tuple[Segment, ...]) -> None:
        self.segments = segments
        self.tokens = [tokenize(segment.text) for segment in segments]
        # shingle lengths that occur: 4, and the length of each shorter segment
        self.sizes = sorted({min(len(t), SHINGLE) for t in self.tokens if t})
        self.owner: dict[tuple[str, ...], str] = {}
        order = sorted(range(len(segments)), key=lambda i: segments[i].kind != ARTICLE)
        for i in order:  # article first
            for _, shingle in _shingles_of(self.tokens[i]):
                self.owner.setdefault(shingle, segments[i].kind)

    def gold(self, output: str) -> list[tuple[str, list[Span]]]:
        present = _present(tokenize(output), self.sizes)
        return [
            (seg.kind, _spans(seg.text, ["kept" if k else "missed" for k in _kept(toks, present)]))
            for seg, toks in zip(self.segments, self.tokens, strict=True)
        ]

    def kept_flags(self, output: str) -> list[bool]:
        present = _present(tokenize(output), self.sizes)
        return [k for tokens in self.tokens for k in _kept(tokens, present)]

    def output_labels(self, output: str) -> list[str]:
        return self._labels(tokenize(output))

    def _labels(self, tokens: list[str]) -> list[str]:
        labels = ["unmatched"] * len(tokens)
        for n in (SHINGLE, 3, 2, 1):
            for i in range(max(0, len(tokens) - n + 1)):
                if n < SHINGLE and "unmatched" not in labels[i : i + n]:
                    continue  # shorter shingles only label words still unmatched
                kind = self.owner.get(tuple(tokens[i : i + n]))
                if kind:
                    for j in range(i, i + n):
                        if labels[j] == "unmatched" or (kind == ARTICLE and n == SHINGLE):
                            labels[j] = kind
        return labels

    def unmatched_text(self, output: str, limit: int = 1500) -> list[str]:
        """Runs of output text found in no gold segment (at most ``limit`` characters):
        from an unmatched word up to the next matched word, stripped."""
        words = list(_WORD.finditer(output))
        labels = self._labels([m.group() for m in words])
        if "unmatched" not in labels:
            return []
        runs: list[str] = []
        start: int | None = None
        for label, match in zip(labels, words, strict=False):
            if label == "unmatched":
                if start is None:
                    start = match.start()
            elif start is not None:
                runs.append(output[start : match.start()])
                start = None
        if start is not None:
            runs.append(output[start:])
        out, used = [], 0
        for run in (r.strip() for r in runs):
            if used >= limit:
                break
            out.append(run[: limit - used])
            used += len(out[-1])
        return out


def mark_gold(segments: tuple[Segment, ...], output: str) -> list[tuple[str, list[Span]]]:
    return PageMarker(segments).gold(output)


def mark_output(segments: tuple[Segment, ...], output: str) -> list[Span]:
    return _spans(output, PageMarker(segments).output_labels(output))


def kept_flags(segments: tuple[Segment, ...], output: str) -> list[bool]:
    """For every gold token of the page, segments in order: does the output keep it?
    (the gold view of ``mark_gold``, as one flat list)."""
    return PageMarker(segments).kept_flags(output)


def unmatched_text(segments: tuple[Segment, ...], output: str, limit: int = 1500) -> list[str]:
    """Runs of output text found in no gold segment (at most ``limit`` characters)."""
    return PageMarker(segments).unmatched_text(output, limit)
