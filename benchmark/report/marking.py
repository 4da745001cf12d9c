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


def _present(output: str) -> set[tuple[str, ...]]:
    out_tokens = tokenize(output)
    return {
        tuple(out_tokens[i : i + n])
        for n in range(1, SHINGLE + 1)
        for i in range(max(0, len(out_tokens) - n + 1))
    }


def _kept(tokens: list[str], present: set[tuple[str, ...]]) -> list[bool]:
    kept = [False] * len(tokens)
    for start, shingle in _shingles_of(tokens):
        if shingle in present:
            for i in range(start, start + len(shingle)):
                kept[i] = True
    return kept


def mark_gold(segments: tuple[Segment, ...], output: str) -> list[tuple[str, list[Span]]]:
    present = _present(output)
    marked = []
    for segment in segments:
        kept = _kept(tokenize(segment.text), present)
        marked.append(
            (segment.kind, _spans(segment.text, ["kept" if k else "missed" for k in kept]))
        )
    return marked


def _output_labels(segments: tuple[Segment, ...], output: str) -> list[str]:
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
    return labels


def mark_output(segments: tuple[Segment, ...], output: str) -> list[Span]:
    return _spans(output, _output_labels(segments, output))


def kept_flags(segments: tuple[Segment, ...], output: str) -> list[bool]:
    """For every gold token of the page, segments in order: does the output keep it?
    (the gold view of ``mark_gold``, as one flat list)."""
    present = _present(output)
    return [k for segment in segments for k in _kept(tokenize(segment.text), present)]


def unmatched_text(segments: tuple[Segment, ...], output: str, limit: int = 1500) -> list[str]:
    """Runs of output text found in no gold segment (at most ``limit`` characters)."""
    labels = _output_labels(segments, output)
    if "unmatched" not in labels:
        return []
    runs: list[str] = []
    current: list[str] = []
    for span in _spans(output, labels):
        if span.label == "unmatched":
            current.append(span.text)
        elif span.label:
            if current:
                runs.append("".join(current))
            current = []
        elif current:
            current.append(span.text)
    if current:
        runs.append("".join(current))
    out, used = [], 0
    for run in (r.strip() for r in runs):
        if used >= limit:
            break
        out.append(run[: limit - used])
        used += len(out[-1])
    return out
