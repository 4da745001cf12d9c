"""Propose regions and kinds so a reviewer corrects labels rather than starts from nothing.

Regions. Walk down from ``<html>``: an element whose subtree holds no article token is
a region candidate (maximal); an element holding article text is entered, its child
elements visited and each of its own loose text nodes without article tokens proposed
as a ``…/text()[k]`` region. So captions, bylines, share bars and ads *inside* the
article container are found. Loose text shared with the article (a clause the gold
drops mid-paragraph) is proposed as a text-node region when it has at least
``MIXED_TOKENS`` non-article tokens. A candidate is split into its parts when its descendants
carry clearly different strong signals (a bottom block holding related + comments +
footer), except that a header/footer/sidebar container keeps its menus and widgets and
splits only for ads, notices and comments in it.

Kinds, first rule that fires (recorded in ``rule``):

1. the element's own markup (``signals.self_signal``: ARIA role, landmark tag, class/id
   words); a header or footer inside the article span is metadata / navigation;
2. ``in:`` the kind of the container it was split from;
3. ``desc:`` a signal on descendants covering at least half of its tokens;
4. ``ancestor:`` a signal on one of its three nearest ancestors (a byline inside a
   ``<header>`` that also holds the headline);
5. ``text:`` the block's first words name it ("Related posts", "Most read",
   "3 comments"), or a short block's words do (copyright line, "Advertisement",
   "Back to top", an outdated-browser or affiliate-links notice);
6. ``heading:h1`` an ``h1`` just before or inside the article;
7. ``links:`` after the article, four or more headline-long links (related); else a
   link density of at least 0.6 (navigation before the article, related after it
   when the links are headline-long);
8. ``position:`` where it sits: just before the article and short = metadata, before =
   header, after = footer, inside = other.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import accumulate

from benchmark.annotations.pagetext import Element, Target, TextNode
from benchmark.annotations.regions import label_page
from benchmark.annotations.signals import (
    CONTAINERS,
    SPLIT_CONTAINERS,
    Signal,
    class_signal,
    heading_signal,
    self_signal,
    text_signal,
)
from benchmark.annotations.store import Region
from benchmark.annotations.view import PageView

PRELABELLER = "boilerbench-prelabel/2"
#: a descendant kind splits a region when it holds this many tokens and this share
SPLIT_TOKENS, SPLIT_SHARE = 5, 0.10
#: a descendant signal names a whole region when it covers this share of its tokens
DOMINANT_SHARE = 0.5
LINK_DENSITY = 0.6
#: a text node shared with the article is proposed when it has this many other tokens
MIXED_TOKENS = 3
#: class words too common on repeated cards to speak for the block that holds them
WEAK_RULES = frozenset(
    f"class:{w}" for w in ("title", "headline", "date", "time", "meta", "photo", "more", "tag")
)


class Prelabeller:
    """One page's proposal; ``run()`` returns regions in page order, numbered from 1."""

    def __init__(self, view: PageView) -> None:
        self.view = view
        self.text = view.text
        self._article = [0, *accumulate(view.article)]
        self._links = [
            0,
            *accumulate(int(self.text.nodes[n].in_link) for n in self.text.token_node),
        ]
        self._signals: dict[Element, Signal | None] = {}
        self._own_nodes: dict[Element, list[TextNode]] = defaultdict(list)
        for node in self.text.nodes:
            if node.spans:
                self._own_nodes[node.owner].append(node)
        self.found: list[tuple[Target, Signal]] = []

    # -- helpers --------------------------------------------------------------------

    def article_in(self, start: int, end: int) -> int:
        return self._article[end] - self._article[start]

    def signal(self, element: Element) -> Signal | None:
        if element not in self._signals:
            self._signals[element] = self_signal(element)
        return self._signals[element]

    def target(self, element: Element) -> Target:
        start, end = self.text.ranges[element]
        return Target(element, None, start, end, self.text.depth[element])

    def node_target(self, node: TextNode) -> Target:
        return Target(node.owner, node, node.first, node.last, self.text.depth[node.owner] + 0.5)

    def parts(self, element: Element) -> list[Target]:
        """Child elements and own text nodes that hold tokens, as targets."""
        out = [self.target(c) for c in element if c in self.text.ranges]
        out += [self.node_target(n) for n in self._own_nodes.get(element, [])]
        return [t for t in out if t.words]

    def descendant_kinds(self, element: Element) -> dict[str, tuple[int, str]]:
        """Tokens under the topmost signalled descendants, per kind (with one rule).

        Weak words (``title``, ``date``: every product card has them) do not count here.
        """
        kinds: dict[str, tuple[int, str]] = {}
        stack = [c for c in element if c in self.text.ranges]
        while stack:
            child = stack.pop()
            found = self.signal(child)
            if found is not None and found[1] in WEAK_RULES:
                found = None
            if found is None:
                stack.extend(c for c in child if c in self.text.ranges)
                continue
            start, end = self.text.ranges[child]
            if end > start:
                tokens, rule = kinds.get(found[0], (0, found[1]))
                kinds[found[0]] = (tokens + end - start, rule)
        return kinds

    # -- regions --------------------------------------------------------------------

    def run(self) -> list[Region]:
        work: list[Element] = [self.text.root]
        while work:
            element = work.pop()
            start, end = self.text.ranges[element]
            if start == end:
                continue
            if not self.article_in(start, end):
                self.candidate(self.target(element), None)
                continue
            work.extend(c for c in element if c in self.text.ranges)
            for node in self._own_nodes.get(element, []):
                article = self.article_in(node.first, node.last)
                if len(node.spans) - article >= (MIXED_TOKENS if article else 1):
                    self.candidate(self.node_target(node), None)
        self.found.sort(key=lambda f: (f[0].start, f[0].depth))
        regions = [
            Region(id=n, xpath=self.xpath(t), prelabel=kind, rule=rule)
            for n, (t, (kind, rule)) in enumerate(self.found, start=1)
        ]
        labelling = label_page(self.view, regions)
        for resolved in labelling.resolved:
            resolved.region.words = resolved.owned
        return regions

    def xpath(self, target: Target) -> str:
        if target.node is not None:
            return self.text.node_xpath(target.node)
        return self.text.xpath_of(target.element)

    def candidate(self, target: Target, context: Signal | None) -> None:
        pending = [(target, context)]
        while pending:
            target, context = pending.pop()
            own = self.signal(target.element) if target.node is None else None
            if target.node is None and self.should_split(target, own):
                inherited = own or context
                pending.extend((part, inherited) for part in self.parts(target.element))
                continue
            self.found.append((target, self.kind(target, own, context)))

    def should_split(self, target: Target, own: Signal | None) -> bool:
        if len(self.parts(target.element)) < 2:
            return False
        kinds = self.descendant_kinds(target.element)
        if own is not None:
            kinds.pop(own[0], None)
            if own[0] in CONTAINERS and self.holds_headline(target):
                return True  # the article's headline is not part of a header/sidebar/footer
            if own[0] in CONTAINERS:
                kinds = {k: v for k, v in kinds.items() if k in SPLIT_CONTAINERS}
        big = [
            k
            for k, (tokens, _) in kinds.items()
            if tokens >= SPLIT_TOKENS and tokens >= SPLIT_SHARE * target.words
        ]
        if own is not None:
            return bool(big)
        if len(big) >= 2:
            return True
        # one signalled part among unsignalled text: split when the rest is substantial
        covered = sum(tokens for tokens, _ in kinds.values())
        return (
            bool(big) and target.words - covered >= SPLIT_TOKENS and covered < 0.8 * (target.words)
        )

    def holds_headline(self, target: Target) -> bool:
        """An ``h1`` in a block that ends at most 60 words before the article (or inside it)."""
        first = self.view.alignment.first
        if first is None or target.end < first - 60 or target.start > first:
            return False
        return target.element.find(".//h1") is not None

    # -- kinds ----------------------------------------------------------------------

    def kind(self, target: Target, own: Signal | None, context: Signal | None) -> Signal:
        position = self.view.position(target.start, target.end)
        if own is not None:
            kind, rule = own
            inner = class_signal(target.element) if kind in ("header", "footer") else None
            if position == "inside" and inner and inner[0] not in CONTAINERS:
                return inner  # an in-article header/footer says what it is by its class
            if position == "inside" and kind == "header":
                return "metadata", f"{rule}-in-article"
            if position == "inside" and kind == "footer":
                return "navigation", f"{rule}-in-article"
            return own
        if context is not None:
            return context[0], f"in:{context[1]}"
        if target.node is None:
            kinds = self.descendant_kinds(target.element)
            if kinds:
                kind, (tokens, rule) = max(kinds.items(), key=lambda kv: kv[1][0])
                if tokens >= DOMINANT_SHARE * target.words:
                    return kind, f"desc:{rule}"
        ancestor = target.element if target.node is not None else target.element.getparent()
        for _ in range(3):
            if ancestor is None or ancestor.tag in ("body", "html", "article", "main"):
                break
            found = self.signal(ancestor)
            if found and found[0] not in CONTAINERS:
                return found[0], f"ancestor:{found[1]}"
            if found and found[0] == "header" and position != "after":
                return "metadata", f"ancestor:{found[1]}"
            ancestor = ancestor.getparent()
        if target.node is not None and self.article_in(target.start, target.end):
            return "other", "text:shares-node-with-article"
        head = self.text.text_of(target.start, min(target.end, target.start + 12))
        found = heading_signal(head) or (
            text_signal(self.text.text_of(target.start, target.end)) if target.words <= 40 else None
        )
        if found:
            return found
        first = self.view.alignment.first
        near = first is not None and -1 <= first - target.end <= 60
        has_h1 = target.node is None and (
            target.element.tag == "h1" or target.element.find(".//h1") is not None
        )
        if has_h1 and (near or position == "inside"):
            return "metadata", "heading:h1"
        links = self._links[target.end] - self._links[target.start]
        headlines = self.link_runs(target)
        if position == "after" and headlines >= 4 and links >= 4 * headlines:
            return "related", "links:after-headline-list"  # a list of headline-long links
        if target.words >= 3 and links >= LINK_DENSITY * target.words:
            if position == "before":
                return "navigation", "links:before"
            runs = self.link_runs(target)
            long_links = runs and target.words / runs >= 4
            if long_links:
                return "related", f"links:{position}-headlines"
            return "navigation", f"links:{position}"
        if position == "before":
            if near and target.words <= 30:
                return "metadata", "position:just-before"
            return "header", "position:before"
        if position == "after":
            return "footer", "position:after"
        return "other", f"position:{position}"

    def link_runs(self, target: Target) -> int:
        """How many links with text the region holds."""
        if target.node is not None:
            return 0
        ranges = self.text.ranges
        return sum(
            1 for a in target.element.iter("a") if a in ranges and ranges[a][1] > ranges[a][0]
        )


def prelabel(view: PageView) -> list[Region]:
    """Proposed regions (``prelabel`` and ``rule`` set, ``kind`` never) in page order."""
    return Prelabeller(view).run()
