"""What a corpus is made of: pages, where their bytes live (``PageSource``), their gold.

A ``Page`` never holds its HTML: it holds a small picklable ``PageSource`` that a
worker process opens itself. That keeps the parent's memory flat on big archives and
keeps inter-process traffic to a few hundred bytes per task.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from benchmark.corpus.source import PageSource
from benchmark.structure.tree import Document

ARTICLE = "article"

#: Boilerplate kinds a gold segment may carry (plus ``article``). Fixed on purpose:
#: per-kind columns must mean the same thing on every corpus.
BOILERPLATE_KINDS: tuple[str, ...] = (
    "spam",
    "sidebar",
    "navigation",
    "header",
    "footer",
    "comments",
    "ads",
    "share",
    "related",
    "caption",
    "metadata",
    "notice",
    "other",
)
KINDS: tuple[str, ...] = (ARTICLE, *BOILERPLATE_KINDS)


@dataclass(frozen=True, slots=True)
class Segment:
    """One labelled block of a page's text, in page order."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Gold:
    """Hand-made truth for one page.

    ``segments`` (article and boilerplate, page order) is the full form; AEB-style gold
    has a single article segment. ``with_snippets``/``without_snippets`` carry
    trafilatura-style snippet gold. Structure gold, the article's element tree
    (headings, paragraphs, list items, table cells, code, quotes; see
    ``benchmark.structure``), is ``structure`` when written by hand, or
    ``structure_markdown`` when a dataset ships it as Markdown (parsed only when scored,
    by the scoring processes: ``structure_tree()``); neither: no structure gold.
    """

    segments: tuple[Segment, ...] = ()
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()
    structure: Document | None = None
    structure_markdown: str | None = None

    @property
    def has_structure(self) -> bool:
        return self.structure is not None or bool(self.structure_markdown)

    def structure_tree(self) -> Document | None:
        if self.structure is not None or not self.structure_markdown:
            return self.structure
        from benchmark.structure.markdown import parse_markdown

        return parse_markdown(self.structure_markdown)

    @property
    def article_text(self) -> str:
        """Article segments joined by blank lines (tokens are what the metric sees)."""
        return "\n\n".join(s.text for s in self.segments if s.kind == ARTICLE)

    @property
    def has_segments(self) -> bool:
        return bool(self.segments)

    @property
    def has_boilerplate(self) -> bool:
        return any(s.kind != ARTICLE for s in self.segments)

    @property
    def has_snippets(self) -> bool:
        return bool(self.with_snippets or self.without_snippets)

    def kinds_present(self) -> set[str]:
        return {s.kind for s in self.segments if s.kind != ARTICLE}


@dataclass(frozen=True, slots=True)
class Page:
    """A saved page: identity, where to read it, a content digest, and its gold."""

    id: str
    url: str
    source: PageSource
    digest: str
    gold: Gold = field(default_factory=Gold)
    meta: dict[str, str] = field(default_factory=dict)


#: Metric families (``benchmark.scoring``) a corpus's gold supports: segment gold gives
#: the content metric, per-kind removal and snippets; structure gold the structure
#: metrics (on the pages that have it); a loader narrows it to its gold.
ALL_FAMILIES = frozenset({"content", "removal", "snippets", "structure"})


@dataclass(frozen=True, slots=True)
class Corpus:
    """An ordered set of pages with a name and a fingerprint of pages + gold.

    ``families``: the metric families its gold supports (the loader knows: AEB gold has
    no snippets, trafilatura's format has nothing but snippets). ``group_by``: the page
    ``meta`` keys whose values split the corpus into groups reported on their own
    (WCXB's page type; WebMainBench's language, style and level).
    """

    name: str
    spec: str
    pages: tuple[Page, ...]
    fingerprint: str
    skipped: dict[str, int] = field(default_factory=dict)
    families: frozenset[str] = ALL_FAMILIES
    annotation_version: str | None = None  # of real-page labels applied to it, if any
    hand_written_gold: bool = False  # segments typed from the page: checked before a run
    group_by: tuple[str, ...] = ("page_type",)

    @property
    def structure_pages(self) -> int:
        """Pages with structure gold (the others are left out of the structure metrics)."""
        return sum(1 for p in self.pages if p.gold.has_structure)


def corpus_fingerprint(pages: Iterable[Page]) -> str:
    """sha256 over every page's id, URL, content digest and gold (first 16 hex digits)."""
    h = hashlib.sha256()
    for page in pages:
        h.update(f"{page.id}\0{page.url}\0{page.digest}\0".encode())
        for seg in page.gold.segments:
            h.update(f"{seg.kind}\0{seg.text}\0".encode())
        for snippet in (*page.gold.with_snippets, "\0", *page.gold.without_snippets):
            h.update(f"{snippet}\0".encode())
        if page.gold.structure is not None:  # absent: the fingerprint it always had
            for e in page.gold.structure.elements:
                h.update(
                    f"\1{e.type}\0{e.level}\0{e.table}\0{e.row}\0{e.column}\0{e.text}".encode()
                )
            for table in page.gold.structure.tables:
                h.update(repr(table).encode())
        if page.gold.structure_markdown:
            h.update(f"\1markdown\0{page.gold.structure_markdown}".encode())
    return h.hexdigest()[:16]
