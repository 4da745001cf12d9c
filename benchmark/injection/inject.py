"""Spam and sidebar injection: controlled, labelled variants of clean gold cases.

For a case, a *level* is the share of the article-plus-injected text (in tokens) that
is injected: ``spam / (article + spam)``. Blocks are drawn from a seeded generator and
placed in one of four ways, the gold being updated in the same step (so the variants
are labelled automatically and pass ``boilerbench validate``):

- ``paragraph``: a spam ``<p>`` between two article paragraphs;
- ``mid-sentence``: an article paragraph cut at a word in its middle, spam in between
  (the form in the seed capture: "...foiled the U." / spam / "S. project...");
- ``hidden``: a ``display:none`` block of spam links inside the article container;
- ``sidebar``: blocks of unrelated headlines after an article paragraph (kind sidebar).

Only UTF-8 pages are used (the variant is re-serialised as UTF-8).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import yaml

from benchmark.corpus.decoding import detect_encoding
from benchmark.corpus.model import ARTICLE, Page, Segment
from benchmark.scoring.tokens import tokenize

PLACEMENTS = ("paragraph", "mid-sentence", "hidden", "sidebar")
LEVELS = (0.0, 0.05, 0.1, 0.2, 0.35)

_PRODUCTS = [
    "cialis professional",
    "generic viagra",
    "tramadol 50mg",
    "xanax",
    "kamagra jelly",
    "propecia",
    "amoxicillin",
    "levitra soft",
]
_CASINO = ["online casino bonus", "free spins no deposit", "live roulette jackpot", "slot machines"]
_LOANS = ["payday loans", "bad credit loans", "cash advance", "instant approval title loans"]
_HOSTS = [
    "pharma-deals.example",
    "rx-discount.example",
    "best-meds-now.example",
    "lucky-reels.example",
    "fastcash-now.example",
    "loan-express.example",
]
_HEADLINES = [
    "Ten habits of people who never lose their keys",
    "Local bakery wins regional bread award",
    "What the new tram timetable means for commuters",
    "Five walks to try before the frost",
    "Council to review parking fees next spring",
    "The quiet return of the neighbourhood cinema",
    "How one school cut its energy bill in half",
    "Readers share their best allotment tips",
]


def spam_text(rng: random.Random) -> str:
    kind = rng.choice(("pharmacy", "casino", "loan"))
    host = rng.choice(_HOSTS)
    if kind == "pharmacy":
        product = rng.choice(_PRODUCTS)
        return f"buy {product} online https://{host}/{product.split()[0]} no prescription pharmacy"
    if kind == "casino":
        offer = rng.choice(_CASINO)
        spins = rng.randint(20, 500)
        return f"best {offer} today at https://{host}/play claim your {spins} free spins"
    offer = rng.choice(_LOANS)
    return f"get {offer} same day https://{host}/apply instant approval no credit check"


def sidebar_text(rng: random.Random) -> str:
    return "Most popular " + " ".join(rng.sample(_HEADLINES, 3))


@dataclass(frozen=True)
class Variant:
    case: str
    placement: str
    level: float
    html: str
    segments: tuple[Segment, ...]
    injected_share: float

    @property
    def id(self) -> str:
        return f"{self.case}--{self.placement}-{round(self.level * 100):02d}"


def _letters(text: str) -> str:
    return re.sub(r"\W+", "", text)


def _article_paragraphs(
    root: lxml.html.HtmlElement, article_letters: str
) -> list[lxml.html.HtmlElement]:
    paragraphs = []
    for p in root.iter("p"):
        letters = _letters(p.text_content())
        if len(letters) > 40 and letters in article_letters and not p.findall(".//p"):
            paragraphs.append(p)
    return paragraphs


def _split_segments(
    segments: list[Segment], after_letters: str, insert: Segment
) -> list[Segment] | None:
    """Insert ``insert`` right after the article text whose letters end with ``after_letters``."""
    for i, seg in enumerate(segments):
        if seg.kind != ARTICLE:
            continue
        letters = _letters(seg.text)
        at = letters.find(after_letters)
        if at < 0:
            continue
        end = at + len(after_letters)
        # map the letter position back to a character position in seg.text
        count, cut = 0, len(seg.text)
        for pos, ch in enumerate(seg.text):
            if re.match(r"\w", ch):
                count += 1
                if count == end:
                    cut = pos + 1
                    break
        while (
            cut < len(seg.text)
            and not seg.text[cut].isspace()
            and not re.match(r"\w", seg.text[cut])
        ):
            cut += 1  # keep the sentence's closing punctuation with it
        before, after = seg.text[:cut].strip(), seg.text[cut:].strip()
        parts = [Segment(ARTICLE, before)] if before else []
        parts.append(insert)
        if after:
            parts.append(Segment(ARTICLE, after))
        return segments[:i] + parts + segments[i + 1 :]
    return None


def make_variant(page: Page, placement: str, level: float, seed: int) -> Variant | None:
    """One injected variant of ``page``, or None when the page does not allow it."""
    data = page.source.read_bytes()
    if detect_encoding(data, page.source.charset) not in ("utf-8", "utf8", "ascii"):
        return None
    rng = random.Random(f"{seed}:{page.id}:{placement}:{level}")
    root = lxml.html.document_fromstring(page.source.read_html())
    article_letters = _letters(page.gold.article_text)
    paragraphs = _article_paragraphs(root, article_letters)
    if len(paragraphs) < 2:
        return None
    segments = list(page.gold.segments)
    article_tokens = len(tokenize(page.gold.article_text))
    injected = 0
    kind = "sidebar" if placement == "sidebar" else "spam"
    target = level / (1 - level) * article_tokens if level < 1 else 0
    slots = paragraphs[:-1] if placement != "mid-sentence" else paragraphs
    rng.shuffle(slots)
    for p in slots:
        if injected >= target:
            break
        text = sidebar_text(rng) if kind == "sidebar" else spam_text(rng)
        if placement == "mid-sentence":
            words = p.text_content().split()
            if len(words) < 8 or p.getchildren():
                continue
            cut = len(words) // 2
            first, second = " ".join(words[:cut]), " ".join(words[cut:])
            new = _split_at(segments, p.text_content(), first, Segment(kind, text))
            if new is None:
                continue
            p.text = first
            spam = lxml.html.fragment_fromstring(f"<p>{text}</p>")
            tail = lxml.html.fragment_fromstring(f"<p>{second}</p>")
            tail.tail, p.tail = p.tail, None
            p.addnext(spam)
            spam.addnext(tail)
        else:
            new = _split_segments(segments, _letters(p.text_content()), Segment(kind, text))
            if new is None:
                continue
            if placement == "hidden":
                links = " ".join(
                    f'<a href="https://{h}/">{w}</a>'
                    for h, w in zip(_HOSTS, text.split(), strict=False)
                )
                rest = " ".join(text.split()[len(_HOSTS) :])
                block = lxml.html.fragment_fromstring(
                    f'<div style="display:none">{links} {rest}</div>'
                )
            elif placement == "sidebar":
                block = lxml.html.fragment_fromstring(
                    f'<aside class="widget"><p>{text}</p></aside>'
                )
            else:
                block = lxml.html.fragment_fromstring(f"<p>{text}</p>")
            block.tail, p.tail = p.tail, None
            p.addnext(block)
        segments = new
        injected += len(tokenize(text))
    html = lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
    share = injected / (injected + article_tokens) if article_tokens else 0.0
    return Variant(page.id, placement, level, html, tuple(segments), share)


def _split_at(
    segments: list[Segment], paragraph: str, first: str, insert: Segment
) -> list[Segment] | None:
    """Split the article segment holding ``paragraph`` after its words ``first``."""
    para_letters, first_letters = _letters(paragraph), _letters(first)
    for i, seg in enumerate(segments):
        if seg.kind == ARTICLE and para_letters in _letters(seg.text):
            start = _letters(seg.text).find(para_letters)
            return _split_segments(
                [*segments[:i], Segment(ARTICLE, seg.text), *segments[i + 1 :]],
                _letters(seg.text)[start : start + len(first_letters)],
                insert,
            )
    return None


def variants(
    pages: list[Page],
    placements: Sequence[str] = PLACEMENTS,
    levels: Sequence[float] = LEVELS,
    seed: int = 0,
) -> Iterator[Variant]:
    for page in pages:
        for placement in placements:
            for level in levels:
                variant = make_variant(page, placement, level, seed)
                if variant is not None:
                    yield variant


def write_variants(items: list[Variant], pages: dict[str, Page], root: Path) -> Path:
    """Write variants as a bundled-format corpus (page.html + gold.yaml per variant)."""
    for v in items:
        folder = root / "cases" / v.id
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "page.html").write_text(v.html, encoding="utf-8")
        source = pages[v.case]
        gold = {
            "url": f"{source.url.rstrip('/')}/{v.placement}-{round(v.level * 100):02d}",
            "provenance": f"injected variant of {v.case}: {v.placement}, level {v.level}",
            "template": source.meta.get("template", "unknown"),
            "language": source.meta.get("language", "und"),
            "origin": v.case,
            "injection": {
                "placement": v.placement,
                "level": v.level,
                "share": round(v.injected_share, 4),
            },
            "segments": [{s.kind: s.text} for s in v.segments],
        }
        (folder / "gold.yaml").write_text(
            yaml.safe_dump(gold, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return root
