"""Injected pages: one real page, one attack, one level -> a new page with its gold.

The level is the injected share of tokens, ``spam / (article + spam)`` (tokens as the
metric counts them; ``spam`` is every token the attack added). For a level the planner
takes the shortest prefix of the page's seeded unit stream whose composed fragments
reach ``level / (1 - level) x article`` tokens (or the one before it, whichever share is
closer), and when that misses the level by more than ``TOLERANCE`` (relative), tries
filler units of other lengths for the last one. Every level of a page and attack uses
the same family, language, sites and unit stream (seeded per page and attack), so a
higher level holds the same spam plus more.

A variant is kept only when: its non-spam tokens are the source's, one for one; its
derived gold passes the bundled-gold check (every segment found, in page order) with
coverage at least the source page's; its share is within ``TOLERANCE`` of the level.
A page enters an attack's curve only when every level of it succeeds (so each curve
follows one set of pages).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from benchmark.corpus.model import Gold, Segment
from benchmark.corpus.validate import CaseReport, check_page
from benchmark.injection.real.attacks import Attack, Plan, describe
from benchmark.injection.real.dom import Tree, derive, fragment_tokens
from benchmark.injection.real.source import SourcePage, order_problems
from benchmark.injection.real.spamtext import FAMILIES, LANGUAGES, SpamSource, SpamUnit

LEVELS = (0.02, 0.05, 0.10, 0.25)
TOLERANCE = 0.2
#: the held-out spam goes into pages with this attack at this level (for scan's patterns)
HELDOUT_ATTACK, HELDOUT_LEVEL = "paragraph", 0.10
CLEAN = "clean"
_MAX_UNITS = 4000
_FILLERS = 40
_CHROME_DRAWS = 8


@dataclass(frozen=True)
class Variant:
    """One injected page (``html`` is None for a clean source page read in place)."""

    id: str
    source: str  # the source page's key
    attack: str  # CLEAN for the untouched page
    level: float
    share: float
    family: str
    language: str
    form: str
    site: str
    units: int
    heldout: bool
    segments: tuple[Segment, ...]
    html: bytes | None = None


def variant_id(source: str, attack: str, level: float = 0.0, heldout: bool = False) -> str:
    if attack == CLEAN:
        return f"{source}--{CLEAN}"
    return f"{source}--{'heldout-' if heldout else ''}{attack}-{round(level * 100):02d}"


def clean_variant(source: SourcePage) -> Variant:
    return Variant(
        variant_id(source.key, CLEAN), source.key, CLEAN, 0.0, 0.0, "", "", "", "", 0, False,
        source.page.gold.segments,
    )  # fmt: skip


class _Stream:
    """A seeded, lazily grown sequence of spam units (``mixed``: every other one a bare
    link, as fillers of all lengths)."""

    def __init__(self, spam: SpamSource, links_only: bool, mixed: bool = False):
        self.spam, self.links_only, self.mixed = spam, links_only, mixed
        self.units: list[SpamUnit] = []

    def take(self, k: int) -> list[SpamUnit]:
        while len(self.units) < k:
            bare = self.links_only or (self.mixed and len(self.units) % 2 == 1)
            self.units.append(self.spam.anchor() if bare else self.spam.unit())
        return self.units[:k]


def _share(tokens: int, article: int) -> float:
    return tokens / (tokens + article) if tokens + article else 0.0


def plan_units(
    plan: Plan,
    stream: _Stream,
    count: Callable[[list[SpamUnit]], int],
    article: int,
    level: float,
    fillers: _Stream,
) -> list[SpamUnit] | str:
    """The units to inject for ``level`` (see the module docstring), or why none fit."""
    target = level / (1 - level) * article
    limit = min(plan.capacity, _MAX_UNITS)
    # exponential, then binary search for the smallest k reaching the target
    high = 1
    while high < limit and count(stream.take(high)) < target:
        high = min(2 * high, limit)
    if count(stream.take(high)) < target:
        return "not enough places for the level"
    low = high // 2
    while low + 1 < high:
        middle = (low + high) // 2
        if count(stream.take(middle)) >= target:
            high = middle
        else:
            low = middle
    options = [stream.take(high)] + ([stream.take(high - 1)] if high > 1 else [])
    best = min(options, key=lambda units: abs(_share(count(units), article) - level))
    if abs(_share(count(best), article) - level) <= TOLERANCE * level:
        return best
    base = stream.take(high - 1)
    candidates = [[*base, filler] for filler in fillers.take(_FILLERS)]
    best = min(candidates, key=lambda units: abs(_share(count(units), article) - level))
    if abs(_share(count(best), article) - level) <= TOLERANCE * level:
        return best
    return "no mix of units meets the level"


def inject(
    source: SourcePage, attack: Attack, level: float, seed: int, heldout: bool = False
) -> Variant | str:
    """``source`` with ``attack`` at ``level``: a ``Variant``, or why it was refused."""
    base = f"{seed}:{source.key}:{attack.name}{':heldout' if heldout else ''}"
    choice = random.Random(f"{base}:spam")
    family, language = choice.choice(FAMILIES), choice.choice(LANGUAGES)
    stream = _Stream(SpamSource(family, language, choice, heldout), attack.links_only)
    filler_spam = SpamSource(family, language, random.Random(f"{base}:{level}:fill"), heldout)
    fillers = _Stream(filler_spam, attack.links_only, mixed=True)
    tree = Tree(source)
    plan = attack.prepare(tree, random.Random(f"{base}:site"))
    if plan is None:
        return "no site for the attack"

    def chrome(draw: int) -> SpamSource:
        return SpamSource(family, language, random.Random(f"{base}:chrome:{draw}"), heldout)

    article = source.article_tokens
    units: list[SpamUnit] | str = "no site for the attack"
    # the words around the units (a widget title, a comment's author line) are drawn
    # again when the first draw cannot meet the level
    for draw in range(_CHROME_DRAWS if plan.has_chrome else 1):

        def count(units: list[SpamUnit], draw: int = draw) -> int:
            return sum(fragment_tokens(f) for f in plan.compose(units, chrome(draw)))

        units = plan_units(plan, stream, count, article, level, fillers)
        if not isinstance(units, str):
            break
    if isinstance(units, str):
        return units
    plan.place(tree, plan.compose(units, chrome(draw)))
    derived = derive(source, tree.root)
    if isinstance(derived, str):
        return derived
    share = _share(derived.spam_tokens, article)
    if abs(share - level) > TOLERANCE * level:
        return "placed spam misses the level"
    page = replace(source.page, gold=Gold(segments=derived.segments))
    report = CaseReport(page.id, Path(page.source.path))
    check_page(page, report, derived.check_html)
    if order_problems(report):
        return "injected gold fails the page-order check"
    if report.coverage < source.coverage - 1e-9:
        return "injected gold covers less of the page"
    return Variant(
        id=variant_id(source.key, attack.name, level, heldout),
        source=source.key,
        attack=attack.name,
        level=level,
        share=share,
        family=family,
        language=language,
        units=len(units),
        heldout=heldout,
        segments=derived.segments,
        html=derived.html.encode("utf-8"),
        **describe(plan),
    )
