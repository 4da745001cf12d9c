"""What a reviewer reads in the terminal: ``annotate show`` and ``annotate children``.

Written for someone deciding a kind per region from text alone: where the article is
(its first and last words, from the dataset's gold), then each region with its place
relative to the article, its markup and its text, then what is still unlabelled with
an XPath ready to pass to ``annotate add``. Page text is printed here, never stored.
"""

from __future__ import annotations

import textwrap
from typing import Any

from benchmark.annotations.pagetext import Target
from benchmark.annotations.regions import (
    MAX_ARTICLE_RUN,
    Labelling,
    is_labelled,
    is_region,
    label_page,
)
from benchmark.annotations.signals import self_signal
from benchmark.annotations.store import Annotation
from benchmark.annotations.view import PageView

EXCERPT = 300
STRETCHES = 8
_WIDTH = 100


def quote(text: str, full: bool = False, limit: int = EXCERPT, indent: str = "      │ ") -> str:
    """Text as an indented block; cut to ``limit`` characters unless ``full``.

    An excerpt keeps the page's line breaks as `` · `` so a menu reads as one short
    paragraph instead of a column of single words; ``full`` keeps the lines.
    """
    if not full:
        text = " · ".join(line.strip() for line in text.splitlines() if line.strip())
        if len(text) > limit:
            text = text[: limit - 1].rstrip() + "…"
    lines = []
    for paragraph in text.splitlines() or [""]:
        lines += textwrap.wrap(paragraph, _WIDTH - len(indent)) or [""]
    return "\n".join(indent + line for line in lines)


def _words(n: int) -> str:
    return f"{n:,} word{'s' if n != 1 else ''}"


def describe_target(view: PageView, target: Target) -> str:
    if target.node is not None:
        return f"text node of {view.text.summary(target.element)}"
    return view.text.summary(target.element)


def article_lines(view: PageView) -> list[str]:
    source, alignment = view.source, view.alignment
    gold_words = alignment.gold_tokens
    lines = [f"article (the dataset's gold): {_words(gold_words)}"]
    if not gold_words:
        return [
            *lines[:-1],
            "article: the dataset's gold is empty (every word here is boilerplate)",
        ]
    first, last = alignment.first, alignment.last
    if first is None or last is None:
        lines[0] += ", NOT found on the page (alignment matched nothing)"
    else:
        holder = view.text.smallest_element(first, last + 1)
        lines[0] += (
            f", {alignment.article_tokens:,} found on the page at words {first + 1:,}–{last + 1:,}"
            f" inside {view.text.xpath_of(holder)}"
        )
    spans = alignment.gold_spans
    head = source.gold[spans[0][0] : spans[min(20, len(spans)) - 1][1]]
    tail = source.gold[spans[max(0, len(spans) - 20)][0] : spans[-1][1]]
    lines.append(f"  starts: {' '.join(head.split())}")
    lines.append(f"  ends:   {' '.join(tail.split())}")
    return lines


def show(
    view: PageView,
    annotation: Annotation,
    path: str,
    blind: bool = False,
    full: bool = False,
) -> str:
    """The whole ``annotate show`` page."""
    source = view.source
    labelling = label_page(view, annotation.regions)
    review = "second review (blind)" if annotation.second else "first review"
    labelled = sum(1 for r in annotation.regions if r.settled)
    head = [
        f"{source.dataset} {source.id}   {source.url or '(no url)'}",
        "   ".join(
            x
            for x in (
                f"page type: {source.page_type}" if source.page_type else "",
                f"language: {annotation.language or source.language or '?'}",
                f"{_words(len(view.text.tokens))} on the page",
            )
            if x
        ),
        f"file: {path} ({review}: {labelled} of {len(annotation.regions)} regions labelled)",
        *article_lines(view),
    ]
    covered, total = labelling.coverage(is_region)
    done, _ = labelling.coverage(is_labelled)
    if total:
        head.append(
            f"non-article words: {total:,}; regions hold {covered / total:.1%},"
            f" labelled {done / total:.1%} (needed: 95%)"
        )
    out = [*head, "", "regions (page order; [N] is the id for set / children / drop):"]
    out += region_lines(labelling, blind or annotation.second, blind, full)
    out += ["", *stretch_lines(labelling, full)]
    out += ["", next_steps(annotation, blind)]
    return "\n".join(out)


def region_lines(
    labelling: Labelling, hide_prelabel: bool, hide_kind: bool, full: bool
) -> list[str]:
    view = labelling.view
    runs = labelling.article_runs()
    out = []
    for index, resolved in enumerate(labelling.resolved):
        region = resolved.region
        if resolved.target is None:
            out.append(f"[{region.id}] {region.xpath}\n      !! {resolved.problem}")
            continue
        target = resolved.target
        position = view.position(target.start, target.end)
        nested = resolved.owned != target.words
        words = _words(resolved.owned) + (
            f" (of {target.words:,}; inner regions own the rest)" if nested else ""
        )
        summary = describe_target(view, target)
        line = f"[{region.id}] {position:<7} {region.xpath}   {summary}   {words}"
        labels = []
        if not hide_prelabel:
            labels.append(
                f"prelabel: {region.prelabel or '—'}" + (f" ({region.rule})" if region.rule else "")
            )
        if not hide_kind:
            labels.append(
                f"kind: {region.kind or '—'}"
                + (f" (by {region.reviewed_by})" if region.kind else "")
            )
        out.append(line)
        if labels:
            out.append("      " + "   ".join(labels))
        start, length = runs.get(index, (0, 0))
        if length >= MAX_ARTICLE_RUN:
            out.append(
                f"      !! holds {length} article words in a row (from word {start + 1:,}):"
                f" split it (annotate children … {region.id})"
            )
        owned_text = _owned_text(labelling, index)
        out.append(quote(owned_text, full))
    if not labelling.resolved:
        out.append("  (none)")
    return out


def _owned_text(labelling: Labelling, index: int) -> str:
    """The region's own non-article text, inner regions' and article text shown as ⟨…⟩."""
    view = labelling.view
    target = labelling.resolved[index].target
    assert target is not None
    parts: list[str] = []
    start = None
    for i in range(target.start, target.end + 1):
        mine = i < target.end and labelling.owner[i] == index and not view.article[i]
        if mine and start is None:
            start = i
        elif not mine and start is not None:
            parts.append(view.text.text_of(start, i))
            start = None
        if i < target.end and not mine and (not parts or parts[-1] != "⟨…⟩"):
            parts.append("⟨…⟩")
    return " ".join(parts)


def stretch_lines(labelling: Labelling, full: bool) -> list[str]:
    view = labelling.view
    runs = labelling.stretches(is_region)
    if not runs:
        return ["unlabelled non-article text: none (every non-article word is in a region)"]
    total = sum(end - start for start, end in runs)
    out = [
        f"unlabelled non-article text: {len(runs)} stretch(es), {_words(total)};"
        " largest first (add with: annotate add DATASET PAGE XPATH KIND --by NAME):"
    ]
    for start, end in runs[:STRETCHES]:
        element = view.text.smallest_element(start, end)
        low, high = view.text.ranges[element]
        inside = sum(view.article[low:high])
        where = f"{view.position(start, end)}: {view.text.xpath_of(element)}"
        note = f" (that element also holds {_words(inside)} of article)" if inside else ""
        out.append(f"  - {_words(end - start)} {where}{note}")
        node_first = view.text.token_node[start]
        if inside and node_first == view.text.token_node[end - 1]:
            node = view.text.nodes[node_first]
            out.append(f"    text node: {view.text.node_xpath(node)}")
        out.append(quote(view.text.text_of(start, end), full, indent="      │ "))
    if len(runs) > STRETCHES:
        rest = sum(end - start for start, end in runs[STRETCHES:])
        out.append(f"  … and {len(runs) - STRETCHES} smaller stretch(es), {_words(rest)}")
    return out


def next_steps(annotation: Annotation, blind: bool) -> str:
    page = f"{annotation.dataset} {annotation.page}"
    second = " --second" if annotation.second else ""
    return (
        f"next: annotate set {page} 1=KIND 2=KIND … --by NAME{second}"
        f"   |   annotate children {page} N{second}"
        f"   |   kinds: spam sidebar navigation header footer comments ads share related"
        " caption metadata notice other"
    )


def _text_children(view: PageView, element: Any) -> list[Any]:
    ranges = view.text.ranges
    return [c for c in element if c in ranges and ranges[c][1] > ranges[c][0]]


def _owns_loose_text(view: PageView, element: Any) -> bool:
    start, end = view.text.ranges[element]
    for node in view.text.nodes[view.text.token_node[start] :]:
        if node.first >= end:
            return False
        if node.owner is element and node.spans:
            return True
    return False


def _through_wrappers(view: PageView, element: Any) -> tuple[Any, int]:
    """Go down chains of elements whose text all sits in one child (wrapper divs), to
    the first element with several parts: that is where a region can be split."""
    skipped = 0
    while True:
        kids = _text_children(view, element)
        if len(kids) != 1 or _owns_loose_text(view, element):
            return element, skipped
        element, skipped = kids[0], skipped + 1


def children(view: PageView, annotation: Annotation, number: int, path: str, full: bool) -> str:
    """The parts of region ``number``: child elements and loose text, with XPaths."""
    region = annotation.region(number, path)  # type: ignore[arg-type]
    try:
        target = view.text.resolve(region.xpath)
    except ValueError as exc:
        return f"[{region.id}] {region.xpath}: {exc}"
    out = [
        f"[{region.id}] {region.xpath}   {describe_target(view, target)}   {_words(target.words)},"
        f" {view.position(target.start, target.end)} the article",
    ]
    if target.node is not None:
        out.append("a text node has no children; to split it, label its element's parts instead")
        return "\n".join(out)
    parts: list[tuple[int, str, str, Target]] = []
    element, skipped = _through_wrappers(view, target.element)
    if skipped:
        out.append(
            f"(through {skipped} wrapper element(s) holding one part each, to"
            f" {view.text.xpath_of(element)})"
        )
    for child in element:
        if child in view.text.ranges:
            start, end = view.text.ranges[child]
            if end > start:
                signal = self_signal(child)
                hint = f"   markup says: {signal[0]} ({signal[1]})" if signal else ""
                parts.append(
                    (
                        start,
                        view.text.xpath_of(child),
                        view.text.summary(child) + hint,
                        Target(child, None, start, end, 0),
                    )
                )
    for node in view.text.nodes[view.text.token_node[target.start] :]:
        if node.first >= target.end:
            break
        if node.owner is element and node.spans:
            parts.append(
                (
                    node.first,
                    view.text.node_xpath(node),
                    "loose text",
                    Target(element, node, node.first, node.last, 0),
                )
            )
    parts.sort(key=lambda p: p[0])
    out.append(
        f"{len(parts)} part(s) holding text"
        " (add with: annotate add DATASET PAGE XPATH KIND --by NAME):"
    )
    template = []
    for _, xpath, summary, part in parts:
        article = sum(view.article[part.start : part.end])
        note = f", {article} article" if article else ""
        out.append(f"  {xpath}   {summary}   {_words(part.words)}{note}")
        out.append(quote(view.text.text_of(part.start, part.end), full, indent="      │ "))
        signal = self_signal(part.element) if part.node is None else None
        template.append(f"'{xpath}' {signal[0] if signal else 'KIND'}")
    second = " --second" if annotation.second else ""
    out.append(
        f"\nto split (edit the kinds; drop parts that may stay in [{region.id}]):\n"
        f"  boilerbench annotate add {annotation.dataset} {annotation.page} "
        + " ".join(template)
        + f" --by NAME{second}"
    )
    return "\n".join(out)
