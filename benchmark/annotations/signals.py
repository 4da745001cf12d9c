"""What an element's markup says about its role: landmark tags, ARIA roles, class/id words.

Each signal returns ``(kind, rule)``; the rule (``tag:nav``, ``role:banner``,
``class:sidebar``) is recorded in the annotation so the pre-labeller's accuracy can be
measured per rule. Only markup is read here, never the page's words, except for a few
short text patterns (``text_signal``) that name their own role (a copyright line, an
"Advertisement" label).
"""

from __future__ import annotations

import re

from benchmark.annotations.pagetext import Element

Signal = tuple[str, str]

TAGS: dict[str, str] = {
    "nav": "navigation",
    "header": "header",
    "footer": "footer",
    "aside": "sidebar",
    "figcaption": "caption",
    "figure": "caption",
    "h1": "metadata",
    "time": "metadata",
    "address": "metadata",
    "menu": "navigation",
}

ROLES: dict[str, str] = {
    "navigation": "navigation",
    "menu": "navigation",
    "menubar": "navigation",
    "tablist": "navigation",
    "search": "navigation",
    "banner": "header",
    "contentinfo": "footer",
    "complementary": "sidebar",
    "dialog": "notice",
    "alertdialog": "notice",
    "alert": "notice",
}

#: class/id words, exact; checked in this order of kinds so ``comment-meta`` is comments
#: and ``navbar-header`` is navigation.
WORDS: dict[str, tuple[str, ...]] = {
    "notice": (
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "paywall",
        "modal",
        "popup",
        "overlay",
        "notice",
        "interstitial",
        "cmp",
    ),
    "ads": (
        "ad",
        "ads",
        "adv",
        "advert",
        "adverts",
        "advertisement",
        "advertising",
        "sponsor",
        "sponsored",
        "sponsors",
        "promo",
        "promoted",
        "promotion",
        "dfp",
        "adsense",
        "gpt",
        "outbrain",
        "taboola",
        "adslot",
        "adunit",
        "commercial",
        "billboard",
    ),
    "comments": ("comment", "comments", "disqus", "discussion", "respond", "reply", "replies"),
    "share": (
        "share",
        "sharing",
        "social",
        "sharethis",
        "addthis",
        "shares",
        "follow",
        "socials",
        "reactions",
        "reaction",
        "likes",
        "like",
    ),
    "related": (
        "related",
        "recommended",
        "recommendations",
        "recommend",
        "readmore",
        "more",
        "also",
        "next",
        "prev",
        "previous",
        "nextprev",
        "upnext",
    ),
    "caption": ("caption", "captions", "credit", "credits", "figcaption", "photo"),
    "navigation": (
        "nav",
        "navbar",
        "navigation",
        "menu",
        "menus",
        "breadcrumb",
        "breadcrumbs",
        "crumbs",
        "pagination",
        "pager",
        "tags",
        "tag",
        "categories",
        "category",
        "topics",
        "toc",
        "skip",
        "tabs",
        "sitemap",
        "headerlink",
        "permalink",
        "anchor",
    ),
    "metadata": (
        "byline",
        "author",
        "authors",
        "date",
        "dateline",
        "meta",
        "published",
        "timestamp",
        "time",
        "posted",
        "headline",
        "title",
        "readtime",
        "kicker",
        "user",
        "username",
        "usertitle",
        "attribution",
        "poster",
    ),
    "sidebar": (
        "sidebar",
        "side",
        "widget",
        "widgets",
        "rail",
        "aside",
        "newsletter",
        "subscribe",
        "subscription",
        "signup",
        "popular",
        "trending",
        "mostread",
        "most",
        "sidecol",
    ),
    "header": ("header", "masthead", "topbar", "logo", "branding", "brand"),
    "footer": ("footer", "colophon", "copyright", "legal"),
}
_BY_WORD = {word: kind for kind, words in WORDS.items() for word in words}
_ORDER = {kind: n for n, kind in enumerate(WORDS)}
_PREFIXES: tuple[tuple[str, str], ...] = (
    ("comment", "comments"),
    ("advert", "ads"),
    ("sponsor", "ads"),
    ("share", "share"),
    ("social", "share"),
    ("related", "related"),
    ("recommend", "related"),
    ("breadcrumb", "navigation"),
    ("sidebar", "sidebar"),
    ("widget", "sidebar"),
    ("newsletter", "sidebar"),
    ("subscri", "sidebar"),
    ("cookie", "notice"),
    ("consent", "notice"),
    ("caption", "caption"),
    ("byline", "metadata"),
    ("footer", "footer"),
    ("header", "header"),
    ("navbar", "navigation"),
    ("pagina", "navigation"),
)
_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def class_words(element: Element) -> list[str]:
    """Words of the ``class`` and ``id`` attributes: split on punctuation and camelCase."""
    raw = f"{element.get('class') or ''} {element.get('id') or ''}"
    return [w for w in _SPLIT.split(_CAMEL.sub(" ", raw).lower()) if w]


def class_signal(element: Element) -> Signal | None:
    best: Signal | None = None
    for word in class_words(element):
        kind = _BY_WORD.get(word) or next((k for p, k in _PREFIXES if word.startswith(p)), None)
        if kind and (best is None or _ORDER[kind] < _ORDER[best[0]]):
            best = (kind, f"class:{word}")
    return best


def self_signal(element: Element) -> Signal | None:
    """The strongest thing the element's own markup says: role, then tag, then classes."""
    role = (element.get("role") or "").strip().lower().split(" ")[0]
    if role in ROLES:
        return ROLES[role], f"role:{role}"
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "form":
        found = class_signal(element)
        if found:
            return found
        if element.get("role") == "search" or element.xpath(".//input[@type='search']"):
            return "navigation", "tag:form-search"
        return "other", "tag:form"
    if tag in TAGS:
        return TAGS[tag], f"tag:{tag}"
    if tag in ("ins", "iframe"):
        return "ads", f"tag:{tag}"
    return class_signal(element)


#: container kinds that absorb what their parts say (a footer's menu is footer)
CONTAINERS = frozenset({"header", "footer", "sidebar"})
#: kinds that still split a container (an ad in the sidebar is an ad)
SPLIT_CONTAINERS = frozenset({"ads", "notice", "comments"})

_TEXT_SIGNALS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"©|\bcopyright\b|all rights reserved|tous droits", re.I), "footer", "copyright"),
    (
        re.compile(
            r"^\W*(advertisements?|anzeige|publicit[ée]|publicidad|werbung|pubblicit[àa]|"
            r"sponsored|reklama)\W*$",
            re.I,
        ),
        "ads",
        "advertisement",
    ),
    (re.compile(r"\bcookies?\b", re.I), "notice", "cookie"),
    (
        re.compile(
            r"\b(out of date|outdated|old|upgrade your|unsupported) browser|"
            r"(enable|disabled|requires?) javascript|javascript (is )?(disabled|required)|"
            r"affiliate (links?|commission)",
            re.I,
        ),
        "notice",
        "notice-words",
    ),
    (re.compile(r"^\W*(back to top|to top|top|back|scroll to top)\W*$", re.I), "navigation", "top"),
    (
        re.compile(r"^\W*(share|tweet|pin it|email|facebook|twitter|whatsapp|linkedin|\W)+$", re.I),
        "share",
        "share-words",
    ),
)


#: the first words of a block that say what the block is ("Related posts", "Most read")
_HEADINGS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        re.compile(
            r"^\W*(related|similar|you may also like|you might also like|more (stories|from|like|"
            r"articles|on)|read (more|also|next)|see also|recommended|up next|also read|"
            r"weitere|lesen sie auch|à lire aussi|lire aussi|leia também|te puede interesar)",
            re.I,
        ),
        "related",
        "heading-related",
    ),
    (
        re.compile(
            r"^\W*(most (read|popular|viewed|shared)|popular|trending|recent (posts|articles|"
            r"comments)|latest (news|posts|articles)|categories|archives|tags|follow us|"
            r"newsletter|subscribe)",
            re.I,
        ),
        "sidebar",
        "heading-sidebar",
    ),
    (
        re.compile(r"^\W*(\d+\s+)?(comments?|leave a (reply|comment)|responses?)\b", re.I),
        "comments",
        "heading-comments",
    ),
)


def heading_signal(text: str) -> Signal | None:
    """What the first words of a block (any length) say it is: checked on 80 characters."""
    head = text[:80]
    for pattern, kind, name in _HEADINGS:
        if pattern.search(head):
            return kind, f"text:{name}"
    return None


def text_signal(text: str) -> Signal | None:
    """A short region whose own words name its role (checked on at most 200 characters)."""
    if len(text) > 200:
        return None
    for pattern, kind, name in _TEXT_SIGNALS:
        if pattern.search(text):
            return kind, f"text:{name}"
    return None
