"""A tiny article extractor: the text of ``<article>`` (else ``<main>``, else ``<body>``),
one paragraph per block element, leaving out navigation, asides, headers, footers,
forms, scripts and styles. Standard library only."""

from __future__ import annotations

from html.parser import HTMLParser

SKIP = {"script", "style", "noscript", "nav", "aside", "header", "footer", "form", "template"}
BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "tr"}
VOID = {"br", "img", "hr", "input", "meta", "link", "source", "wbr", "area", "col", "embed"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.paragraphs: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self.current: dict[str, list[str]] = {name: [] for name in self.paragraphs}

    def _flush(self) -> None:
        for name, words in self.current.items():
            if words:
                self.paragraphs[name].append(" ".join(words))
                words.clear()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self._flush()
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self._flush()
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if any(tag in SKIP for tag in self.stack):
            return
        words = data.split()
        for name in self.current:
            if name in self.stack:
                self.current[name].extend(words)


def extract(html: str) -> str:
    """The article's text, paragraphs separated by blank lines."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    collector._flush()
    for name in ("article", "main", "body"):
        if collector.paragraphs[name]:
            return "\n\n".join(collector.paragraphs[name])
    return ""
