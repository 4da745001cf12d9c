"""jusText: the paragraphs it classifies as not boilerplate.

The stoplist is chosen from the page's language: the one its ``<html lang>`` declares
(ISO 639 code to language name by pycountry) when jusText has it; otherwise the
stoplist whose words cover most of the page's text, each word weighted by 1 / the
number of stoplists holding it, and ASCII entries of non-Latin-script stoplists left
out (Marathi's holds hundreds of English words). Pages in a language jusText has no
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


@cache
def _detectors() -> dict[str, frozenset[str]]:
    """Stoplists as used to recognise a language: a list written mostly in a non-Latin
    script drops its ASCII entries (Marathi's holds hundreds of English words)."""
    detectors = {}
    for name, words in _stoplists().items():
        ascii_words = {w for w in words if w.isascii()}
        detectors[name] = words - ascii_words if len(ascii_words) * 2 < len(words) else words
    return detectors


@cache
def _spread() -> Counter[str]:
    """For each stop word, how many stoplists recognise it."""
    return Counter(word for words in _detectors().values() for word in words)


_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.I)


def declared_stoplist(html: str) -> str | None:
    """The jusText stoplist named by the page's ``<html lang>``, if jusText has one."""
    match = _LANG.search(html[:5000])
    if not match:
        return None
    import pycountry

    code = match.group(1).lower()
    language = pycountry.languages.get(**{"alpha_2" if len(code) == 2 else "alpha_3": code})
    name = getattr(language, "name", "").split(" (")[0].replace(" ", "_")
    return name if name in _stoplists() else None


def choose_stoplist(html: str) -> tuple[str | None, frozenset[str]]:
    """The (name, words) of the stoplist that fits the page, or (None, empty)."""
    declared = declared_stoplist(html)
    if declared:
        return declared, _stoplists()[declared]
    counts = Counter(w.lower() for w in _WORDS.findall(_TAGS.sub(" ", html)))
    total = sum(counts.values()) or 1
    spread = _spread()
    best_name, best_score = None, 0.0
    for name, words in _detectors().items():
        score = sum(n / spread[word] for word, n in counts.items() if word in words)
        if score > best_score:
            best_name, best_score = name, score
    if best_name is None:
        return None, frozenset()
    words = _stoplists()[best_name]
    if sum(n for word, n in counts.items() if word in words) / total < MIN_DENSITY:
        return None, frozenset()
    return best_name, words


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
