"""jusText: the paragraphs it classifies as not boilerplate.

The stoplist is chosen from the page's language, found as the jusText stoplist with the
highest stop-word density on the page's text. Pages in a language jusText has no
stoplist for (e.g. Chinese, Japanese) use its language-independent mode (empty
stoplist, stop-word thresholds at 0), as jusText's documentation recommends.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from benchmark.engines._base import Engine

_TAGS = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.S | re.I)
_WORDS = re.compile(r"\w+")
#: Below this share of stop words no stoplist fits: use language-independent mode.
MIN_DENSITY = 0.08


@cache
def _stoplists() -> dict[str, frozenset[str]]:
    import justext

    return {name: justext.get_stoplist(name) for name in sorted(justext.get_stoplists())}


def choose_stoplist(html: str) -> tuple[str | None, frozenset[str]]:
    """The (name, words) of the stoplist that best fits the page, or (None, empty)."""
    counts = Counter(w.lower() for w in _WORDS.findall(_TAGS.sub(" ", html)))
    total = sum(counts.values()) or 1
    best_name, best_hits = None, 0
    for name, words in _stoplists().items():
        hits = sum(n for word, n in counts.items() if word in words)
        if hits > best_hits:
            best_name, best_hits = name, hits
    if best_name is None or best_hits / total < MIN_DENSITY:
        return None, frozenset()
    return best_name, _stoplists()[best_name]


def extract(html: str, url: str) -> str:
    import justext

    name, stoplist = choose_stoplist(html)
    options = {} if name else {"stopwords_low": 0, "stopwords_high": 0}
    paragraphs = justext.justext(html, stoplist, **options)
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


ENGINES = [
    Engine(
        name="justext",
        distribution="justext",
        module="justext",
        extract=extract,
        description="jusText non-boilerplate paragraphs, stoplist from the page's language",
        options={"stoplist": "auto", "min_density": MIN_DENSITY},
    )
]
