"""Rendering spam units: a template of ``spam_bank`` (or ``spam_heldout``) becomes link
markup (an HTML fragment) and the text a reader sees, from a seeded generator.

A ``SpamSource`` is one page's spam: one family, one language, one set (training or
held-out); ``unit()`` renders a random template, ``anchor()`` one bare link (link
farms), and ``chrome`` holds the words around spam that attacks add (a widget title,
a comment's author line, date and "Reply"), in the same language.
"""

from __future__ import annotations

import html
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from benchmark.injection.real import spam_bank, spam_heldout
from benchmark.scoring.tokens import tokenize

FAMILIES = spam_bank.FAMILIES
LANGUAGES = spam_bank.LANGUAGES

_SLOT = re.compile(r"\{([a-z]+?)\d*\}")
_MARKUP = re.compile(r"\[([^\]]+)\]\(link\)|\{(url|urllink)\}")
_NUMBERS: dict[str, Callable[[random.Random], str]] = {
    "n": lambda r: str(r.randint(2, 99)),
    "m": lambda r: str(r.choice((100, 200, 250, 500, 1000, 1500, 2500, 5000))),
    "c": lambda r: str(r.randint(10, 99)),
    "pct": lambda r: str(r.choice((30, 40, 50, 60, 70, 80, 90))),
    "year": lambda r: str(r.choice((2025, 2026))),
    "dose": lambda r: r.choice(("5mg", "10mg", "20mg", "50mg", "100mg")),
}
_ANCHOR_ATTRIBUTES = ("", ' target="_blank"', ' rel="dofollow"', ' target="_blank" rel="noopener"')
_SUFFIXES = ("", ".html", "/", ".php")
_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f h ts ch sh sch - y - e yu ya"
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _LATIN.split(" "), strict=True))

#: Words attacks put around the spam, per language (injected, so labelled spam too).
CHROME: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "widget": ("Sponsored", "Partner links", "Recommended", "Useful resources"),
        "count": ("1 comment", "{k} comments"),
        "says": ("says:", "wrote:"),
        "reply": ("Reply", "Reply ↓"),
        "praise": (
            "Great article, thanks for sharing!",
            "Very useful information, bookmarked.",
            "I really enjoyed reading this post.",
            "Thanks, this helped me a lot.",
        ),
        "date": ("{month} {d}, {year} at {h}:{mm} pm",),
        "month": ("January", "March", "May", "August", "October", "December"),
    },
    "de": {
        "widget": ("Gesponsert", "Partnerlinks", "Empfehlungen", "Nützliche Links"),
        "count": ("1 Kommentar", "{k} Kommentare"),
        "says": ("sagt:", "schrieb:"),
        "reply": ("Antworten",),
        "praise": (
            "Toller Artikel, danke fürs Teilen!",
            "Sehr hilfreiche Informationen.",
            "Habe den Beitrag gern gelesen.",
        ),
        "date": ("{d}. {month} {year} um {h}:{mm} Uhr",),
        "month": ("Januar", "März", "Mai", "August", "Oktober", "Dezember"),
    },
    "es": {
        "widget": ("Patrocinado", "Enlaces de socios", "Recomendados", "Recursos útiles"),
        "count": ("1 comentario", "{k} comentarios"),
        "says": ("dice:", "escribió:"),
        "reply": ("Responder",),
        "praise": (
            "¡Excelente artículo, gracias por compartir!",
            "Información muy útil.",
            "Me encantó leer esta entrada.",
        ),
        "date": ("{d} de {month} de {year} a las {h}:{mm}",),
        "month": ("enero", "marzo", "mayo", "agosto", "octubre", "diciembre"),
    },
    "ru": {
        "widget": ("Реклама", "Партнеры", "Полезные ссылки", "Рекомендуем"),
        "count": ("1 комментарий", "{k} комментария"),
        "says": ("пишет:", "говорит:"),
        "reply": ("Ответить",),
        "praise": (
            "Отличная статья, спасибо!",
            "Очень полезная информация.",
            "С удовольствием прочитал.",
        ),
        "date": ("{d} {month} {year} в {h}:{mm}",),
        "month": ("января", "марта", "мая", "августа", "октября", "декабря"),
    },
}


@dataclass(frozen=True, slots=True)
class SpamUnit:
    """One rendered piece of spam: its markup, its visible text and its token count."""

    family: str
    language: str
    template: str  # "<set>:<family>/<number>", e.g. "train:pharmacy/3", "link"
    html: str
    text: str

    @property
    def tokens(self) -> int:
        return len(tokenize(self.text))


def slug(text: str) -> str:
    """A URL path segment from anchor text (Cyrillic transliterated, accents dropped)."""
    text = "".join(_CYRILLIC.get(ch, ch) for ch in text.lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "shop"


def _slot_values(family: str, language: str, heldout: bool) -> spam_bank.Bank:
    banks = spam_heldout.BANKS if heldout else spam_bank.BANKS
    return banks[family][language]


class SpamSource:
    """Seeded spam of one family, language and set, for one injected page."""

    def __init__(self, family: str, language: str, rng: random.Random, heldout: bool = False):
        self.family, self.language, self.heldout = family, language, heldout
        self.rng = rng
        self.bank = _slot_values(family, language, heldout)
        self.templates = (spam_heldout.TEMPLATES if heldout else spam_bank.TEMPLATES)[family]
        self.domains = (spam_heldout.DOMAINS if heldout else spam_bank.DOMAINS)[family]
        self.chrome = CHROME[language]
        self._used: set[str] = set()  # phrases drawn for the unit being rendered

    # -- words ------------------------------------------------------------------------

    def expand(self, text: str, depth: int = 0) -> str:
        """Fill every ``{slot}`` (numbers, bank phrases, chrome words) except links."""

        def fill(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in ("url", "urllink"):
                return match.group(0)
            if name in _NUMBERS:
                return _NUMBERS[name](self.rng)
            if name in ("d", "h"):
                return str(self.rng.randint(1, 28 if name == "d" else 12))
            if name == "mm":
                return f"{self.rng.randint(0, 59):02d}"
            words = self.bank.get(name) or self.chrome.get(name)
            if not words:
                raise KeyError(f"no slot {name!r} for {self.family}/{self.language}")
            fresh = [w for w in words if w not in self._used] or list(words)
            word = self.rng.choice(fresh)
            self._used.add(word)  # "{claim}, {claim2}" draws two different claims
            return self.expand(word, depth + 1) if depth < 4 else ""

        if depth == 0:
            self._used = set()
        return _SLOT.sub(fill, text)

    def word(self, slot: str) -> str:
        """One chrome or bank phrase, expanded (``widget``, ``praise``, ``date``...)."""
        return self.expand("{" + slot + "}")

    def count(self, comments: int) -> str:
        """A comment area's title: "1 comment", "3 comments" (in the page's language)."""
        one, more = self.chrome["count"]
        return one if comments == 1 else more.replace("{k}", str(comments))

    def address(self, anchor: str) -> str:
        domain = self.rng.choice(self.domains)
        return f"https://{domain}/{slug(anchor)}{self.rng.choice(_SUFFIXES)}"

    # -- markup -----------------------------------------------------------------------

    def render(self, markup: str, template: str) -> SpamUnit:
        """Expanded markup (``[text](link)``, ``{url}``, ``{urllink}``) as a unit."""
        parts_html: list[str] = []
        parts_text: list[str] = []
        last = 0
        anchor = self.expand("{item}")
        for match in _MARKUP.finditer(markup):
            between = markup[last : match.start()]
            parts_html.append(html.escape(between, quote=False))
            parts_text.append(between)
            last = match.end()
            if match.group(1) is not None:
                anchor = match.group(1)
                href = self.address(anchor)
                attributes = self.rng.choice(_ANCHOR_ATTRIBUTES)
                parts_html.append(f'<a href="{html.escape(href)}"{attributes}>')
                parts_html.append(f"{html.escape(anchor, quote=False)}</a>")
                parts_text.append(anchor)
            else:  # an address written out: its slug from the words just before it
                href = self.address(between if re.search(r"\w", between) else anchor)
                if match.group(2) == "urllink":
                    parts_html.append(f'<a href="{html.escape(href)}">{html.escape(href)}</a>')
                else:
                    parts_html.append(html.escape(href, quote=False))
                parts_text.append(href)
        parts_html.append(html.escape(markup[last:], quote=False))
        parts_text.append(markup[last:])
        text = " ".join("".join(parts_text).split())
        return SpamUnit(
            self.family, self.language, template, " ".join("".join(parts_html).split()), text
        )

    def unit(self) -> SpamUnit:
        """A random template of the family, rendered."""
        number = self.rng.randrange(len(self.templates))
        kind = "heldout" if self.heldout else "train"
        markup = self.expand(self.templates[number])
        return self.render(markup, f"{kind}:{self.family}/{number + 1}")

    def anchor(self) -> SpamUnit:
        """One bare link with a keyword anchor (the stuff of link farms)."""
        markup = self.expand(self.rng.choice(("[{offer}](link)", "[{item}](link)")))
        return self.render(markup, "link")


def all_templates(heldout: bool) -> list[tuple[str, str, str]]:
    """(family, language, template id) for every template of a set, in every language."""
    templates = spam_heldout.TEMPLATES if heldout else spam_bank.TEMPLATES
    kind = "heldout" if heldout else "train"
    return [
        (family, language, f"{kind}:{family}/{i + 1}")
        for family in FAMILIES
        for language in LANGUAGES
        for i in range(len(templates[family]))
    ]


def render_template(
    family: str, language: str, number: int, rng: random.Random, heldout: bool
) -> SpamUnit:
    """Template ``number`` (1-based) of a family, rendered once."""
    source = SpamSource(family, language, rng, heldout)
    kind = "heldout" if heldout else "train"
    markup = source.expand(source.templates[number - 1])
    return source.render(markup, f"{kind}:{family}/{number}")
