"""A real page's DOM, opened for one injection: where spam can go, how it goes in, and
what the page's gold becomes.

``Tree`` parses the source page afresh (lxml, as ``annotations.pagetext`` does, so its
tokens are the source's tokens and carry their labels) and finds *sites*: article text
nodes, article blocks, the article container, labelled regions of a kind, elements a
template names by class. Injected elements carry the ``MARK`` attribute while the page
is built; ``derive`` then serialises the page twice (with and without marks), re-parses
the marked copy as any parser would, and reads which tokens are spam from the marks.

Exactness: every token of the injected page that is not spam must be the source's
token at the same rank (checked, else the variant is refused), so the source's labels
carry over one for one and ``annotations.apply.segments_of`` builds the new gold from
them: the real page's segments with the injected ``spam`` segments in page order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import lxml.etree
import lxml.html

from benchmark.annotations.apply import segments_of
from benchmark.annotations.pagetext import TOKEN, PageText, TextNode
from benchmark.corpus.model import ARTICLE, Segment
from benchmark.injection.real.source import SourcePage

MARK = "data-boilerbench-spam"
_NON_SPACE = re.compile(r"\S*")
SPAM = "spam"

Element = Any  # lxml ships no type information

#: elements a spam block may follow (it goes after the element, inside the same parent)
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "blockquote",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "table",
        "figure",
        "section",
        "pre",
        "dl",
        "article",
    }
)
#: parents a block may be inserted into without a parser moving it elsewhere
CONTAINER_TAGS = frozenset(
    {
        "div",
        "article",
        "section",
        "main",
        "body",
        "td",
        "blockquote",
        "aside",
        "header",
        "footer",
        "form",
        "li",
        "dd",
        "center",
    }
)
#: owners of text nodes a link line may be spliced into
SPLIT_OWNERS = frozenset(
    {
        "p",
        "div",
        "span",
        "em",
        "strong",
        "b",
        "i",
        "u",
        "li",
        "td",
        "blockquote",
        "section",
        "article",
        "dd",
    }
)


def fragment(markup: str) -> Element:
    """One element from HTML markup (its root marked as injected)."""
    element = lxml.html.fragment_fromstring(markup)
    element.set(MARK, "")
    return element


def fragment_tokens(markup: str) -> int:
    """Tokens markup adds to the page text (text nodes never join into one token)."""
    element = lxml.html.fragment_fromstring(f"<div>{markup}</div>")
    return sum(len(TOKEN.findall(t)) for t in element.itertext())


def insert_after(element: Element, new: Element) -> None:
    """``new`` right after ``element`` and its tail (lxml keeps a tail with its element)."""
    element.addnext(new)


def _text_slot(owner: Element, position: int) -> tuple[str, Element]:
    """Which attribute holds ``owner``'s ``position``-th text node (as PageText counts):
    ``("text", owner)`` or ``("tail", child)``."""
    count = 0
    if owner.text:
        count += 1
        if count == position:
            return "text", owner
    for child in owner:
        if child.tail:
            count += 1
            if count == position:
                return "tail", child
    raise ValueError(f"no text node {position} under {owner.tag}")


def split_text(node: TextNode, cuts: list[tuple[int, Element]]) -> None:
    """Splice elements into one text node, each before token ``k`` of the node.

    The cut goes after the punctuation that ends token k-1 ("U." | "S."), and a space
    is kept on both sides so no word of the page fuses with a spam word.
    """
    where, holder = _text_slot(node.owner, node.position)
    text = node.text
    pieces: list[str] = []
    elements: list[Element] = []
    start = 0
    for k, element in sorted(cuts, key=lambda c: c[0]):
        end_prev, begin = node.spans[k - 1][1], node.spans[k][0]
        punctuation = _NON_SPACE.match(text, end_prev, begin)
        at = punctuation.end() if punctuation else end_prev
        pieces.append(text[start:at])
        elements.append(element)
        start = at
    pieces.append(text[start:])
    first = pieces[0]
    first = first if first.endswith((" ", "\n")) else first + " "
    if where == "text":
        holder.text = first
        anchor = None
    else:
        holder.tail = first
        anchor = holder
    for element, piece in zip(elements, pieces[1:], strict=True):
        element.tail = piece if piece.startswith((" ", "\n")) else " " + piece
        if anchor is None:
            holder.insert(0, element)
        else:
            anchor.addnext(element)
        anchor = element


@dataclass(frozen=True, slots=True)
class Cut:
    """A place inside an article sentence: before token ``k`` of text node ``node``."""

    node: int  # index into Tree.text.nodes
    k: int


class Tree:
    """The source page parsed afresh, with its labelled tokens and the sites they give."""

    def __init__(self, source: SourcePage):
        self.source = source
        self.text = PageText.parse(source.html)
        if tuple(self.text.tokens) != source.tokens:  # the parse is deterministic
            raise RuntimeError(f"{source.key}: page tokens differ between two parses")
        self.root = self.text.root
        self.labels = source.labels
        article = [i for i, label in enumerate(self.labels) if label == ARTICLE]
        self.first_article = article[0] if article else 0
        self.last_article = article[-1] if article else len(self.labels) - 1

    # -- what tokens are -------------------------------------------------------------

    def range_of(self, element: Element) -> tuple[int, int]:
        return self.text.ranges.get(element, (0, 0))

    def all_article(self, start: int, end: int) -> bool:
        return end > start and all(label == ARTICLE for label in self.labels[start:end])

    def any_article(self, start: int, end: int) -> bool:
        return any(label == ARTICLE for label in self.labels[start:end])

    def article_after(self, position: int) -> bool:
        return self.last_article >= position

    # -- sites -----------------------------------------------------------------------

    def article_nodes(self, least: int = 8) -> list[int]:
        """Text nodes wholly article with at least ``least`` tokens, not inside a link."""
        found = []
        for index, node in enumerate(self.text.nodes):
            if len(node.spans) < least or node.in_link:
                continue
            if not isinstance(node.owner.tag, str) or node.owner.tag not in SPLIT_OWNERS:
                continue
            if self.all_article(node.first, node.last):
                found.append(index)
        return found

    def cuts(self, rng_shuffle: Callable[[list[int]], None], gap: int = 4) -> list[Cut]:
        """Places to splice spam into article sentences, in a seeded order: one per
        text node first, then a second one per node, and so on (cuts at least ``gap``
        tokens apart and from the node's ends)."""
        nodes = self.article_nodes(2 * gap)
        rng_shuffle(nodes)
        rounds: list[list[Cut]] = []
        for index in nodes:
            n = len(self.text.nodes[index].spans)
            spots = list(range(gap, n - gap + 1))
            rng_shuffle(spots)
            chosen: list[int] = []
            for k in spots:
                if all(abs(k - c) >= gap for c in chosen):
                    chosen.append(k)
            for depth, k in enumerate(chosen):
                while len(rounds) <= depth:
                    rounds.append([])
                rounds[depth].append(Cut(index, k))
        return [cut for level in rounds for cut in level]

    def article_blocks(self) -> list[Element]:
        """Blocks wholly article (at least 4 tokens) with article text after them, in a
        parent a block can sit in: a spam block after one lies between article text."""
        found = []
        for element, (start, end) in self.text.ranges.items():
            parent = element.getparent()
            if element.tag not in BLOCK_TAGS or parent is None or parent.tag not in CONTAINER_TAGS:
                continue
            if end - start >= 4 and self.all_article(start, end) and self.article_after(end):
                found.append(element)
        return found

    def container(self) -> Element:
        """The smallest element holding every article token."""
        element = self.text.smallest_element(self.first_article, self.last_article + 1)
        return element if element.tag != "html" else self.body()

    def body(self) -> Element:
        body = self.root.find("body")
        if body is None:
            body = lxml.etree.SubElement(self.root, "body")
        return body

    def head(self) -> Element:
        head = self.root.find("head")
        if head is None:
            head = lxml.etree.Element("head")
            self.root.insert(0, head)
        return head

    def regions(self, kind: str) -> list[Element]:
        """Element regions reviewed as ``kind``, in page order, holding no article token."""
        found = []
        for xpath, region_kind in self.source.regions:
            if region_kind != kind or xpath.endswith(")"):  # text-node regions: no
                continue
            try:
                target = self.text.resolve(xpath)
            except ValueError:
                continue
            if target.words and not self.any_article(target.start, target.end):
                found.append(target.element)
        return sorted(found, key=lambda e: self.range_of(e))

    def named(self, pattern: re.Pattern[str], tags: frozenset[str] | None = None) -> list[Element]:
        """Elements whose tag, id or class matches ``pattern`` (a template's own name
        for a footer, sidebar or comment area), with text and no article token."""
        found = []
        for element, (start, end) in self.text.ranges.items():
            if not isinstance(element.tag, str) or element.tag in ("html", "body"):
                continue
            if tags is not None and element.tag not in tags:
                continue
            names = f"{element.tag} {element.get('id') or ''} {element.get('class') or ''}"
            if end > start and pattern.search(names) and not self.any_article(start, end):
                found.append(element)
        return found

    def iter_elements(self, root: Element) -> Iterator[Element]:
        for element in root.iter():
            if isinstance(element.tag, str):
                yield element


def serialize(root: Element, doctype: str | None) -> str:
    return str(lxml.html.tostring(root, encoding="unicode", doctype=doctype or ""))


@dataclass(frozen=True)
class Derived:
    """An injected page: its HTML, the HTML its gold is checked against, its gold."""

    html: str
    check_html: str  # == html, except the injected <noscript> made a <div>
    segments: tuple[Segment, ...]
    spam_tokens: int


def derive(source: SourcePage, root: Element) -> Derived | str:
    """Serialise the marked tree and derive the injected page's gold (or say why not)."""
    doctype = source.doctype
    marked = serialize(root, doctype)
    twin_root = lxml.html.document_fromstring(marked)
    for element in twin_root.iter():
        if element.tag == "noscript" and element.get(MARK) is not None:
            element.tag = "div"
            element.set(MARK, "noscript")
    twin = PageText.parse(serialize(twin_root, doctype))
    spam = [False] * len(twin.tokens)
    hidden = [False] * len(twin.tokens)  # inside an injected <noscript>
    for element, (start, end) in twin.ranges.items():
        value = element.get(MARK)
        if value is not None:
            spam[start:end] = [True] * (end - start)
            if value == "noscript":
                hidden[start:end] = [True] * (end - start)
    rest = [t for t, s in zip(twin.tokens, spam, strict=True) if not s]
    if tuple(rest) != source.tokens:
        return "the page's own tokens changed"
    for element in root.iter():
        if isinstance(element.tag, str) and element.get(MARK) is not None:
            del element.attrib[MARK]
    final = serialize(root, doctype)  # the marked copy without marks: the same text
    labels: list[str | None] = []
    gold_index: list[int] = []
    own = 0
    for is_spam in spam:
        if is_spam:
            labels.append(SPAM)
            gold_index.append(-1)
        else:
            labels.append(source.labels[own])
            gold_index.append(source.gold_index[own])
            own += 1
    segments = segments_of(twin, labels, gold_index, source.gold_spans, source.gold)
    for element in twin.root.iter():
        if isinstance(element.tag, str) and element.get(MARK) is not None:
            del element.attrib[MARK]
    check = final if not any(hidden) else serialize(twin.root, doctype)
    return Derived(final, check, segments, sum(spam))
