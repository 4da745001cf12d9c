"""Text patterns of common web spam, for archives that have no gold.

Each family is a regular expression over extracted text (case-insensitive). A page's
output "carries" a family when the expression matches; ``link-farm`` looks for runs of
bare URLs or keyword-stuffed anchors typical of footer link farms.
"""

from __future__ import annotations

import re

FAMILIES: dict[str, re.Pattern[str]] = {
    "pharmacy": re.compile(
        r"\b(?:buy|cheap|order|generic)\s+(?:\w+\s+){0,2}?(?:cialis|viagra|levitra|tramadol|xanax|"
        r"valium|propecia|vibramycin|amoxicillin|kamagra)\b|\bno\s+prescription\b|\bonline\s+pharmacy\b",
        re.I,
    ),
    "casino": re.compile(
        r"\b(?:online\s+casino|casino\s+bonus|free\s+spins|slot\s+machines?|no\s+deposit\s+bonus|"
        r"sports\s+betting|poker\s+online)\b",
        re.I,
    ),
    "loan": re.compile(
        r"\b(?:payday\s+loans?|cash\s+advance|bad\s+credit\s+loans?|instant\s+approval|"
        r"quick\s+loans?|title\s+loans?)\b",
        re.I,
    ),
    "link-farm": re.compile(r"(?:(?:https?://|www\.)\S+\s+){4,}", re.I),
}


def spam_families(text: str | None) -> list[str]:
    """The spam families whose pattern occurs in ``text``."""
    if not text:
        return []
    return [name for name, pattern in FAMILIES.items() if pattern.search(text)]
