"""A page's text node by node, with one token index shared by every annotation tool.

Page text is exactly what ``benchmark.corpus.validate.page_text`` yields: the lxml
document, without ``head``/``script``/``style``/``noscript``/``template`` (their tails
stay), every other text node, hidden text included. Tokens are ``\\w+`` matches inside
one text node (``page_text`` joins nodes with spaces, so no token ever spans two).

Kept per node because a stand-off annotation points at *elements*: each text node
belongs to one element (an element's ``.text``, or a child's ``.tail``, which belongs
to the parent, as in XPath's ``text()``), so an element's subtree owns one contiguous
token range, and a region's tokens, text and position follow from its XPath.
Invisible elements are skipped rather than dropped, so XPaths name the page as parsed.
One consequence: where a script sits inside a word (``ab<script>…</script>cd``),
``page_text``'s ``drop_tree`` fuses the halves into one token and this keeps two. None
of the 1,678 AEB and WCXB dev pages has that; their token lists are identical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import lxml.etree
import lxml.html

INVISIBLE = frozenset({"head", "script", "style", "noscript", "template"})
TOKEN = re.compile(r"\w+")
_TEXT_STEP = re.compile(r"^(?P<element>.+)/text\(\)(?:\[(?P<position>\d+)\])?$")

#: an lxml element (typed loosely: lxml ships no stubs)
Element = Any


@dataclass(slots=True)
class TextNode:
    """One text node: its owner element, its place among the owner's ``text()`` nodes."""

    owner: Element
    position: int  # 1-based, as in the XPath step text()[position]
    text: str
    first: int  # index of its first token in PageText.tokens
    spans: list[tuple[int, int]]  # character span of each of its tokens in ``text``
    in_link: bool  # inside an <a> element

    @property
    def last(self) -> int:
        """One past the index of its last token."""
        return self.first + len(self.spans)


@dataclass(frozen=True, slots=True)
class Target:
    """What a region's XPath resolved to: an element or one text node, and its tokens."""

    element: Element  # the element itself, or the text node's owner
    node: TextNode | None
    start: int
    end: int
    depth: float  # a text node sits half a level below its owner

    @property
    def words(self) -> int:
        return self.end - self.start


@dataclass
class PageText:
    """The parsed page, its text nodes in document order, and every token's node."""

    root: Element
    nodes: list[TextNode] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)
    token_node: list[int] = field(default_factory=list)
    ranges: dict[Element, tuple[int, int]] = field(default_factory=dict)
    depth: dict[Element, int] = field(default_factory=dict)
    _by_position: dict[tuple[Element, int], TextNode] = field(default_factory=dict)

    @classmethod
    def parse(cls, html: str) -> PageText:
        """Parse decoded HTML (``PageSource.read_html``); an unparsable page has no text."""
        try:
            root = lxml.html.document_fromstring(html) if html.strip() else None
        except (ValueError, lxml.etree.ParserError):
            root = None
        page = cls(root if root is not None else lxml.html.fromstring("<html></html>"))
        page._walk()
        return page

    # -- building -------------------------------------------------------------------

    def _add(self, owner: Element, text: str, in_link: bool, counter: dict[Element, int]) -> None:
        counter[owner] = position = counter.get(owner, 0) + 1
        spans = [m.span() for m in TOKEN.finditer(text)]
        node = TextNode(owner, position, text, len(self.tokens), spans, in_link)
        self._by_position[(owner, position)] = node
        index = len(self.nodes)
        self.nodes.append(node)
        self.tokens.extend(text[a:b] for a, b in spans)
        self.token_node.extend([index] * len(spans))

    def _walk(self) -> None:
        """Depth-first over visible elements, without recursion (real pages nest deep)."""
        counter: dict[Element, int] = {}  # text() nodes seen so far per owner
        links = 0
        root = self.root
        self.depth[root] = 0
        starts = {root: 0}
        if root.text:
            self._add(root, root.text, False, counter)
        stack = [(root, iter(root))]
        while stack:
            element, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                self.ranges[element] = (starts.pop(element), len(self.tokens))
                if element.tag == "a":
                    links -= 1
                if stack and element.tail:
                    self._add(stack[-1][0], element.tail, links > 0, counter)
                continue
            if isinstance(child.tag, str) and child.tag not in INVISIBLE:
                starts[child] = len(self.tokens)
                self.depth[child] = len(stack)
                links += child.tag == "a"
                if child.text:
                    self._add(child, child.text, links > 0, counter)
                stack.append((child, iter(child)))
            elif child.tail:  # a comment, processing instruction or invisible element
                self._add(element, child.tail, links > 0, counter)

    # -- XPaths ---------------------------------------------------------------------

    def xpath_of(self, element: Element) -> str:
        """Absolute positional XPath, as lxml writes it (``/html/body/div[2]``)."""
        return str(self.root.getroottree().getpath(element))

    def node_xpath(self, node: TextNode) -> str:
        return f"{self.xpath_of(node.owner)}/text()[{node.position}]"

    def resolve(self, xpath: str) -> Target:
        """The element or text node ``xpath`` names; ``ValueError`` says why not."""
        match = _TEXT_STEP.match(xpath)
        path = match["element"] if match else xpath
        try:
            found = self.root.getroottree().xpath(path)
        except lxml.etree.XPathError as exc:
            raise ValueError(f"not a valid XPath ({exc})") from None
        if not isinstance(found, list):
            raise ValueError("XPath does not select an element")
        elements = [e for e in found if isinstance(e, lxml.etree._Element)]
        if not elements:
            raise ValueError("XPath matches nothing in the page")
        if len(elements) > 1:
            raise ValueError(f"XPath matches {len(elements)} elements (use a positional path)")
        element = elements[0]
        if element not in self.ranges:
            raise ValueError("XPath names an element inside head/script/style/noscript/template")
        if match:
            position = int(match["position"] or 1)
            node = self._by_position.get((element, position))
            if node is None:
                raise ValueError(f"element has no text node number {position}")
            return Target(element, node, node.first, node.last, self.depth[element] + 0.5)
        start, end = self.ranges[element]
        return Target(element, None, start, end, self.depth[element])

    def smallest_element(self, start: int, end: int) -> Element:
        """The deepest element whose subtree holds tokens ``start``..``end - 1``."""
        element = self.nodes[self.token_node[start]].owner
        while element is not None:
            low, high = self.ranges.get(element, (0, 0))
            if low <= start and end <= high:
                return element
            element = element.getparent()
        return self.root

    # -- text -----------------------------------------------------------------------

    def text_of(self, start: int, end: int) -> str:
        """Tokens ``start``..``end - 1`` as the page writes them.

        A text node wholly inside the range keeps its punctuation; a node the range
        cuts is cut at token boundaries. Nodes are joined as they are, with a space
        only where two word characters would otherwise fuse into one token; runs of
        whitespace become one space, or one line break when they held one.
        """
        if start >= end:
            return ""
        parts: list[str] = []
        first_node, last_node = self.token_node[start], self.token_node[end - 1]
        for index in range(first_node, last_node + 1):
            node = self.nodes[index]
            if not node.spans:  # whitespace or punctuation between the range's nodes
                parts.append(node.text)
                continue
            a = 0 if start <= node.first else node.spans[start - node.first][0]
            b = len(node.text) if end >= node.last else node.spans[end - node.first - 1][1]
            piece = node.text[a:b]
            if parts and parts[-1] and piece and _word_end(parts[-1]) and _word_start(piece):
                parts.append(" ")
            parts.append(piece)
        return _squeeze("".join(parts))

    def summary(self, element: Element) -> str:
        """``tag#id.class1.class2`` (classes cut to three): how a reviewer recognises it."""
        tag = element.tag if isinstance(element.tag, str) else "?"
        ident = (element.get("id") or "").strip()
        classes = (element.get("class") or "").split()
        text = tag + (f"#{ident}" if ident else "") + "".join(f".{c}" for c in classes[:3])
        if len(classes) > 3:
            text += "…"
        role = element.get("role")
        return text + (f"[role={role}]" if role else "")


def _word_end(text: str) -> bool:
    return bool(TOKEN.match(text[-1]))


def _word_start(text: str) -> bool:
    return bool(TOKEN.match(text[0]))


_SPACE = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    return _SPACE.sub(lambda m: "\n" if "\n" in m.group() else " ", text).strip()
