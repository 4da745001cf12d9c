"""Text patterns of common web spam, for archives that have no gold.

Each family is a regular expression over extracted text (case-insensitive). A page's
output "carries" a family when the expression matches; ``link-farm`` looks for runs of
bare URLs typical of footer link farms.

The families and their words (English, German, Spanish, Russian) were written from the
training spam of ``benchmark.injection.real.spam_bank`` and the seed capture, never
from ``spam_heldout``: ``boilerbench injection-real`` measures them on that held-out
spam and on clean real pages (``results/injection-real/detector.csv``), so the
unlabelled-archive figures of ``scan`` have a known error.
"""

from __future__ import annotations

import re

_DRUGS = (
    r"cialis|viagra|levitra|tramadol|xanax|valium|propecia|vibramycin|amoxicillin|kamagra"
    r"|clomid|sildenafil[oa]?|tadalafil[oa]?|vardenafil|виагр\w*|сиалис\w*|левитр\w*"
    r"|силденафил\w*|тадалафил\w*|трамадол\w*"
)
_SELL = (
    r"buy|cheap|order|generic|discount|online|for\s+sale|kaufen|bestellen|günstig|generika"
    r"|comprar|barato|genérico|venta|купить|заказать|дешево|дженерик"
)


def _near(a: str, b: str, gap: int = 3) -> str:
    """``a`` then ``b`` (or ``b`` then ``a``) with at most ``gap`` words between."""
    between = rf"\s+(?:\S+\s+){{0,{gap}}}?"
    return rf"\b(?:{a}){between}(?:{b})\b|\b(?:{b}){between}(?:{a})\b"


FAMILIES: dict[str, re.Pattern[str]] = {
    "pharmacy": re.compile(
        _near(_SELL, _DRUGS)
        + r"|\bno\s+prescription\b|\bwithout\s+prescription\b|\bonline\s+pharmacy\b"
        r"|\brezeptfrei\b|\bohne\s+rezept\b|\bonline-apotheke\b|\bsin\s+receta\b"
        r"|\bfarmacia\s+(?:online|en\s+línea)\b|\bбез\s+рецепта\b|\bинтернет-аптек\w*",
        re.I,
    ),
    "casino": re.compile(
        r"\b(?:online\s+casino|casino\s+(?:bonus|online)|free\s+spins|slot\s+machines?"
        r"|no\s+deposit\s+bonus|sports\s+betting|poker\s+online|jackpot\s+slots"
        r"|freispiele|spielautomaten|sportwetten|ohne\s+einzahlung|tragamonedas"
        r"|giros\s+gratis|bono\s+de\s+casino|apuestas\s+deportivas|sin\s+depósito"
        r"|онлайн\s+казино|казино|игровые\s+автоматы|фриспин\w*|ставки\s+на\s+спорт"
        r"|без\s+депозита)\b",
        re.I,
    ),
    "loans": re.compile(
        r"\b(?:payday\s+loans?|cash\s+advance|bad\s+credit\s+loans?|instant\s+approval"
        r"|quick\s+loans?|title\s+loans?|installment\s+loans?|same\s+day\s+loans?"
        r"|no\s+credit\s+check|direct\s+lender|kredit\s+ohne\s+schufa|sofortkredit"
        r"|minikredit|eilkredit|trotz\s+negativer\s+schufa|préstamos?\s+(?:rápidos?|online)"
        r"|créditos?\s+sin\s+aval|minicréditos?|sin\s+nómina|микрозайм\w*"
        r"|займ\w*\s+(?:на\s+карту|онлайн|без\s+отказа)|кредит\s+без\s+справок)\b",
        re.I,
    ),
    "replicas": re.compile(
        r"\b(?:(?:swiss\s+)?replica\s+(?:watches|bags|handbags)|fake\s+watches"
        r"|designer\s+(?:handbags|sunglasses|sneakers)\s+(?:outlet|wholesale|for\s+sale)"
        r"|1:1\s+(?:quality|qualität|calidad)|replica\s+uhren|replik\s+taschen"
        r"|relojes\s+réplica|réplicas\s+de\s+relojes|реплик\w*\s+(?:часов|сумок)"
        r"|копии\s+часов|брендовые\s+сумки|качество\s+1:1)\b",
        re.I,
    ),
    "essays": re.compile(
        r"\b(?:essay\s+writing\s+service|custom\s+essays?|term\s+papers?|write\s+my\s+essay"
        r"|dissertation\s+help|homework\s+help|college\s+essays?|plagiarism\s+free"
        r"|(?:hausarbeit|bachelorarbeit|masterarbeit|seminararbeit)\s+schreiben\s+lassen"
        r"|ghostwriter|redacción\s+de\s+ensayos|comprar\s+tesis|escribir\s+mi\s+ensayo"
        r"|написание\s+курсовых|(?:курсов\w*|дипломн\w*\s+работ\w*|реферат\w*)\s+на\s+заказ)\b",
        re.I,
    ),
    "link-farm": re.compile(r"(?:(?:https?://|www\.)\S+\s+){4,}", re.I),
}

#: the families that name a kind of spam (``link-farm`` names a layout instead)
CONTENT_FAMILIES = ("pharmacy", "casino", "loans", "replicas", "essays")


def spam_families(text: str | None) -> list[str]:
    """The spam families whose pattern occurs in ``text``."""
    if not text:
        return []
    return [name for name, pattern in FAMILIES.items() if pattern.search(text)]
