"""One real page ready to annotate: its parsed text and which tokens are the article.

Every command (pre-label, show, set, validate, apply, agreement) starts from a
``PageView`` so they all see the same tokens and the same article.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from benchmark.annotations.align import Alignment, align
from benchmark.annotations.datasets import DatasetPage, load_page
from benchmark.annotations.pagetext import PageText


@dataclass
class PageView:
    source: DatasetPage
    text: PageText
    alignment: Alignment

    @classmethod
    def build(cls, source: DatasetPage, html: str | None = None) -> PageView:
        text = PageText.parse(source.html if html is None else html)
        return cls(source, text, align(text.tokens, source.gold))

    @classmethod
    def load(cls, dataset: str, page_id: str, root: Path | None) -> PageView:
        return cls.build(load_page(dataset, page_id, root))

    @property
    def article(self) -> list[bool]:
        return self.alignment.article

    def position(self, start: int, end: int) -> str:
        """``before`` / ``inside`` / ``after`` the article (``page`` when it has none)."""
        first, last = self.alignment.first, self.alignment.last
        if first is None or last is None:
            return "page"
        if end <= first:
            return "before"
        if start > last:
            return "after"
        return "inside"
