"""What a corpus is made of: pages, where their bytes live, and their gold.

A ``Page`` never holds its HTML: it holds a small picklable ``PageSource`` that a
worker process opens itself. That keeps the parent's memory flat on big archives and
keeps inter-process traffic to a few hundred bytes per task.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path

from benchmark.corpus.decoding import decode_html

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
    trafilatura-style snippet gold.
    """

    segments: tuple[Segment, ...] = ()
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()

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
class PageSource:
    """Where a page's bytes are and how to read them (picklable, cheap to send).

    ``compression`` is ``"gzip"`` for ``.html.gz`` files; ``warc_offset`` is set for a
    record inside a WARC file; ``charset`` is the HTTP header's charset, if any;
    ``unwrap`` names a wrapper that a corpus added around the page and that engines
    must not see (``"cleaneval"``: the ``<text ...>`` line, see ``corpus/cleaneval.py``).
    """

    path: str
    compression: str | None = None
    warc_offset: int | None = None
    charset: str | None = None
    unwrap: str | None = None

    def read_bytes(self) -> bytes:
        if self.warc_offset is not None:
            from benchmark.corpus.warc import read_record_body

            return read_record_body(self.path, self.warc_offset)
        if self.compression == "gzip":
            with gzip.open(self.path, "rb") as fh:
                return fh.read()
        return Path(self.path).read_bytes()

    def read_html(self) -> str:
        html = decode_html(self.read_bytes(), self.charset)
        if self.unwrap == "cleaneval":
            from benchmark.corpus.cleaneval import strip_text_wrapper

            return strip_text_wrapper(html)
        return html


@dataclass(frozen=True, slots=True)
class Page:
    """A saved page: identity, where to read it, a content digest, and its gold."""

    id: str
    url: str
    source: PageSource
    digest: str
    gold: Gold = field(default_factory=Gold)
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Corpus:
    """An ordered set of pages with a name and a fingerprint of pages + gold."""

    name: str
    spec: str
    pages: tuple[Page, ...]
    fingerprint: str
    skipped: dict[str, int] = field(default_factory=dict)
