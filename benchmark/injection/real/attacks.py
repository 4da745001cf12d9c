"""The attack taxonomy: how hacked sites put spam into a real page, one seeded
transformation each.

Every attack has three steps. ``prepare`` picks its site(s) and form on a fresh parse
of the page (seeded per page and attack, so every level of one page uses the same
sites); ``compose`` turns spam units into HTML fragments (pure: the level planner
counts their tokens before anything is placed); ``place`` puts them into the tree.
Everything an attack adds is injected text, so all of it is labelled ``spam``: the
units, and the words around them (a widget's title, a comment's author line and date).

==================== ==============================================================
attack               what it does (forms drawn per page)
==================== ==============================================================
mid-sentence         a link line spliced into an article sentence, between two tokens
                     (the seed capture: "...foiled the U." / spam / "S. project..."):
                     inline ``<span>``, a ``<br>``-delimited line, or a ``<div>`` that
                     a parser lets break the paragraph. One splice per unit, one per
                     text node before a second one in any node.
paragraph            ``<p>`` blocks of spam after article blocks that have article
                     text after them (units spread over up to one block per site).
hidden-css           one block between article blocks, hidden by an inline style
                     (``display:none``, ``visibility:hidden``, zero size) or by a class
                     whose ``display:none`` rule the attack adds to a ``<style>`` in
                     the head.
offscreen            one block between article blocks, moved off screen (absolute or
                     fixed position at -9999px, or ``text-indent:-9999px``).
noscript             one ``<noscript>`` block between article blocks (see the note on
                     labels below).
cloaked-in-article   one block between article blocks with a class real CMSs and CSS
                     frameworks use to hide text visually (WordPress
                     ``screen-reader-text``, Bootstrap ``sr-only``, ``visually-hidden``,
                     ``d-none``, Drupal ``element-invisible``); the page carries no
                     rule: the site's stylesheet does the hiding.
link-farm-footer     tens of bare keyword links (one unit = one link) at the end of the
                     footer: a labelled footer region, else the template's footer
                     element, else the end of the body.
comment-spam         spam comments: cloned from a real comment of the thread (a
                     labelled comments region holding repeated items: structure kept,
                     every word replaced), appended to a comment area without such
                     items, or, where the template has none, a WordPress-style comment
                     block after the article.
sidebar-widget       a "sponsored" widget (title + list of links) between the widgets
                     of the sidebar (a labelled sidebar region or the template's own),
                     else a new ``<aside>`` after the article.
==================== ==============================================================

``noscript``: ``page_text`` (validation, annotations) drops ``<noscript>``, like a
browser with scripts on; text extractors read it unless they drop it, and crawlers
that index it are why spammers use it. Its spam is labelled ``spam`` and scored like
any other, and its gold is checked on a twin of the page whose injected ``<noscript>``
is a ``<div>``: an engine that drops noscript removes the spam (removal recall 1).
"""

from __future__ import annotations

import copy
import html
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import lxml.html

from benchmark.injection.real.dom import (
    CONTAINER_TAGS,
    MARK,
    Cut,
    Element,
    Tree,
    fragment,
    insert_after,
    split_text,
)
from benchmark.injection.real.spamtext import SpamSource, SpamUnit

UNLIMITED = 10**6


class Plan:
    """Where and how one attack injects into one tree."""

    form: str = ""
    site: str = ""  # how the site was found: labelled region, template element, added
    has_chrome = False  # adds words of its own around the units (title, author line)

    @property
    def capacity(self) -> int:
        """The most units this plan can place."""
        return UNLIMITED

    def compose(self, units: list[SpamUnit], chrome: SpamSource) -> list[str]:
        raise NotImplementedError

    def place(self, tree: Tree, fragments: list[str]) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class Attack:
    name: str
    summary: str
    prepare: Callable[[Tree, random.Random], Plan | None] = field(repr=False)
    links_only: bool = False  # its units are bare links (link farms)


def _join(units: list[SpamUnit]) -> str:
    return " ".join(u.html for u in units)


def _split(items: list[SpamUnit], parts: int) -> list[list[SpamUnit]]:
    """``items`` in ``parts`` contiguous groups of near-equal size."""
    size, extra = divmod(len(items), parts)
    groups, start = [], 0
    for i in range(parts):
        end = start + size + (i < extra)
        groups.append(items[start:end])
        start = end
    return [g for g in groups if g]


# -- mid-sentence ---------------------------------------------------------------------


class MidSentence(Plan):
    FORMS: ClassVar[dict[str, str]] = {
        "inline": "<span>{}</span>",
        "line": "<span><br>{}<br></span>",
        "block": "<div>{}</div>",
    }

    def __init__(self, cuts: list[Cut], form: str):
        self.cuts, self.form, self.site = cuts, form, "article sentence"

    @property
    def capacity(self) -> int:
        return len(self.cuts)

    def compose(self, units: list[SpamUnit], chrome: SpamSource) -> list[str]:
        return [self.FORMS[self.form].format(u.html) for u in units]

    def place(self, tree: Tree, fragments: list[str]) -> None:
        by_node: dict[int, list[tuple[int, Element]]] = {}
        for cut, markup in zip(self.cuts, fragments, strict=False):
            by_node.setdefault(cut.node, []).append((cut.k, fragment(markup)))
        # last node first: splitting a node adds text nodes after it, never before
        for node in sorted(by_node, reverse=True):
            split_text(tree.text.nodes[node], by_node[node])


def _mid_sentence(tree: Tree, rng: random.Random) -> Plan | None:
    form = rng.choice(sorted(MidSentence.FORMS))
    cuts = tree.cuts(rng.shuffle)
    return MidSentence(cuts, form) if cuts else None


# -- blocks between article blocks ----------------------------------------------------


class Paragraphs(Plan):
    def __init__(self, sites: list[Element]):
        self.sites, self.form, self.site = sites, "p", "after article block"

    def compose(self, units: list[SpamUnit], chrome: SpamSource) -> list[str]:
        groups = _split(units, min(len(self.sites), len(units)))
        return [f"<p>{_join(group)}</p>" for group in groups]

    def place(self, tree: Tree, fragments: list[str]) -> None:
        for site, markup in zip(self.sites, fragments, strict=False):
            insert_after(site, fragment(markup))


def _paragraph(tree: Tree, rng: random.Random) -> Plan | None:
    sites = tree.article_blocks()
    rng.shuffle(sites)
    return Paragraphs(sites) if sites else None


class Block(Plan):
    """One block of spam after an article block (or at the end of the article
    container), wrapped in ``opening``/``closing``; ``style`` is a CSS rule the page
    gets in its head."""

    def __init__(
        self, site: Element | None, form: str, opening: str, closing: str, style: str = ""
    ):
        self.target, self.form, self.opening, self.closing = site, form, opening, closing
        self.style = style
        self.site = "after article block" if site is not None else "end of article container"

    def compose(self, units: list[SpamUnit], chrome: SpamSource) -> list[str]:
        return [f"{self.opening}{_join(units)}{self.closing}"]

    def place(self, tree: Tree, fragments: list[str]) -> None:
        block = fragment(fragments[0])
        if self.target is not None:
            insert_after(self.target, block)
        else:
            tree.container().append(block)
        if self.style:
            style = lxml.html.fragment_fromstring(f"<style>{self.style}</style>")
            tree.head().append(style)


def _block_site(tree: Tree, rng: random.Random) -> Element | None:
    sites = tree.article_blocks()
    return rng.choice(sites) if sites else None


_HIDDEN_STYLES = {
    "display-none": "display:none",
    "visibility-hidden": "visibility:hidden",
    "zero-size": "height:0;width:0;overflow:hidden",
    "font-size-zero": "font-size:0;line-height:0",
}


def _hidden_css(tree: Tree, rng: random.Random) -> Plan | None:
    site = _block_site(tree, rng)
    form = rng.choice([*sorted(_HIDDEN_STYLES), "stylesheet-class"])
    if form == "stylesheet-class":
        name = f"{rng.choice(('wp', 'td', 'jm', 'blk'))}-{rng.getrandbits(24):06x}"
        rule = f".{name}{{display:none!important}}"
        return Block(site, form, f'<div class="{name}">', "</div>", rule)
    return Block(site, form, f'<div style="{_HIDDEN_STYLES[form]}">', "</div>")


_OFFSCREEN_STYLES = {
    "absolute-left": "position:absolute;left:-9999px",
    "absolute-top": "position:absolute;top:-10000px;left:-10000px",
    "fixed-left": "position:fixed;left:-5000px;width:1px",
    "text-indent": "text-indent:-9999px;overflow:hidden;white-space:nowrap;height:1px",
}


def _offscreen(tree: Tree, rng: random.Random) -> Plan | None:
    form = rng.choice(sorted(_OFFSCREEN_STYLES))
    style = _OFFSCREEN_STYLES[form]
    return Block(_block_site(tree, rng), form, f'<div style="{style}">', "</div>")


def _noscript(tree: Tree, rng: random.Random) -> Plan | None:
    return Block(_block_site(tree, rng), "noscript", "<noscript>", "</noscript>")


#: classes CMSs and CSS frameworks use to hide text visually (their rule lives in the
#: site's stylesheet, not in the page)
CMS_HIDDEN_CLASSES = (
    "screen-reader-text",  # WordPress
    "sr-only",  # Bootstrap 3/4, Tailwind
    "visually-hidden",  # Bootstrap 5, Drupal 8+
    "element-invisible",  # Drupal 7
    "d-none",  # Bootstrap
    "hidden",  # Foundation, many themes
)


def _cloaked(tree: Tree, rng: random.Random) -> Plan | None:
    name = rng.choice(CMS_HIDDEN_CLASSES)
    tag = rng.choice(("div", "p", "span"))
    return Block(_block_site(tree, rng), name, f'<{tag} class="{name}">', f"</{tag}>")


# -- footer, sidebar, comments --------------------------------------------------------


def _outermost(elements: list[Element]) -> list[Element]:
    chosen = set(elements)
    outer = []
    for element in elements:
        parent = element.getparent()
        while parent is not None and parent not in chosen:
            parent = parent.getparent()
        if parent is None:
            outer.append(element)
    return outer


class Into(Plan):
    """One fragment into an element (at child ``index``, -1: at its end), after it when
    it cannot hold a block, or at the end of the body / after the article container
    when there is no such element."""

    def __init__(self, target: Element | None, index: int, site: str, form: str):
        self.target, self.index, self.site, self.form = target, index, site, form

    def put(self, tree: Tree, element: Element) -> None:
        if self.target is None:
            container = tree.container()
            if self.site == "added after article" and container.tag != "body":
                insert_after(container, element)
            else:
                tree.body().append(element)
        elif self.target.tag in CONTAINER_TAGS or self.target.tag in ("ul", "ol"):
            if self.index < 0:
                self.target.append(element)
            else:
                self.target.insert(self.index, element)
        else:
            insert_after(self.target, element)


class LinkFarm(Into):
    def compose(self, units: list[SpamUnit], chrome: SpamSource) -> list[str]:
        if self.form == "list":
            items = "".join(f"<li>{u.html}</li>" for u in units)
            return [f'<div class="footer-links"><ul>{items}</ul></div>']
        separator = " | " if self.form == "pipes" else ", "
        return [f'<div class="footer-links">{separator.join(u.html for u in units)}</div>']

    def place(self, tree: Tree, fragments: list[str]) -> None:
        self.put(tree, fragment(fragments[0]))


_FOOTER = re.compile(r"foot", re.IGNORECASE)
_SIDEBAR = re.compile(r"^aside\b|sidebar|widget-area|secondary|\bwidgets?\b", re.IGNORECASE)
_COMMENTS = re.compile(r"comment", re.IGNORECASE)
_AREA_TAGS = frozenset(("div", "section", "aside", "footer", "ol", "ul", "article"))


def _link_farm(tree: Tree, rng: random.Random) -> Plan | None:
    form = rng.choice(("pipes", "commas", "list"))
    labelled = tree.regions("footer")
    if labelled:
        return LinkFarm(labelled[-1], -1, "labelled footer region", form)
    named = _outermost(tree.named(_FOOTER, _AREA_TAGS))
    if named:
        return LinkFarm(named[-1], -1, "template footer element", form)
    return LinkFarm(None, -1, "end of body", form)


class Widget(Into):
    has_chrome = True

    def compose(self, units: list[SpamUnit], chrome: SpamSource) -> list[str]:
        title = html.escape(chrome.word("widget"), quote=False)
        items = "".join(f"<li>{u.html}</li>" for u in units)
        widget = (
            f'<div class="widget widget_text"><h3 class="widget-title">{title}</h3>'
            f'<div class="textwidget"><ul>{items}</ul></div></div>'
        )
        if self.target is None:
            widget = f'<aside class="widget-area">{widget}</aside>'
        return [widget]

    def place(self, tree: Tree, fragments: list[str]) -> None:
        self.put(tree, fragment(fragments[0]))


def _child_index(element: Element, rng: random.Random) -> int:
    children = [c for c in element if isinstance(c.tag, str)]
    if not children:
        return -1
    slot = rng.randrange(len(children) + 1)
    return -1 if slot == len(children) else list(element).index(children[slot])


def _sidebar(tree: Tree, rng: random.Random) -> Plan | None:
    labelled = tree.regions("sidebar")
    if labelled:
        target = rng.choice(labelled)
        return Widget(target, _child_index(target, rng), "labelled sidebar region", "widget")
    named = _outermost(tree.named(_SIDEBAR, _AREA_TAGS))
    if named:
        target = rng.choice(named)
        return Widget(target, _child_index(target, rng), "template sidebar element", "widget")
    return Widget(None, -1, "added after article", "new aside")


class Comments(Into):
    """Spam comments, at most two units each. ``items``: comments of a real thread to
    clone (form ``thread-clone``); else a comment is appended to ``target``
    (``append``), or a whole comment block is added after the article (``new-block``)."""

    PER_COMMENT = 2
    has_chrome = True

    def __init__(
        self,
        target: Element | None,
        items: list[Element],
        site: str,
        form: str,
        rng: random.Random,
    ):
        super().__init__(target, -1, site, form)
        self.items = items
        self.after = rng.randrange(len(items)) if items else 0

    def _author(self, chrome: SpamSource) -> str:
        return chrome.anchor().html

    def compose(self, units: list[SpamUnit], chrome: SpamSource) -> list[str]:
        groups = [units[i : i + self.PER_COMMENT] for i in range(0, len(units), self.PER_COMMENT)]
        out = []
        for group in groups:
            # the words around a spam comment vary, so short ones exist for low levels
            praise = html.escape(chrome.word("praise"), quote=False) + " "
            body = f"{praise if chrome.rng.random() < 0.5 else ''}{_join(group)}"
            author = self._author(chrome)
            if self.form == "thread-clone":
                out += [author, body]
                continue
            says, date, reply = (
                html.escape(chrome.word(slot), quote=False) if chrome.rng.random() < 0.5 else ""
                for slot in ("says", "date", "reply")
            )
            out.append(
                f'<div class="comment"><div class="comment-author vcard"><b class="fn">{author}'
                f'</b> <span class="says">{says}</span></div><div class="comment-metadata">'
                f'<time>{date}</time></div><div class="comment-content"><p>{body}</p></div>'
                f'<div class="reply"><a class="comment-reply-link" href="#respond">{reply}</a>'
                "</div></div>"
            )
        if self.form == "new-block":
            count = html.escape(chrome.count(len(out)), quote=False)
            items = "".join(f'<li class="comment">{c}</li>' for c in out)
            return [
                f'<div id="comments" class="comments-area"><h3 class="comments-title">{count}'
                f'</h3><ol class="comment-list">{items}</ol></div>'
            ]
        return out

    def place(self, tree: Tree, fragments: list[str]) -> None:
        if self.form == "thread-clone":
            anchor = self.items[self.after]
            for author, body in zip(fragments[::2], fragments[1::2], strict=True):
                clone = _clone_comment(anchor, author, body)
                insert_after(anchor, clone)
                anchor = clone
            return
        for markup in fragments:
            self.put(tree, fragment(markup))


def _fill(slot: Element, markup: str) -> None:
    holder = lxml.html.fragment_fromstring(f"<span>{markup}</span>")
    slot.text = holder.text
    for child in list(holder):
        slot.append(child)


def _clone_comment(item: Element, author: str, body: str) -> Element:
    """A copy of a real comment with every word replaced: the author slot (its first
    element with text) gets the spam author, the body slot (the element with the most
    text) the spam; nested replies are dropped."""
    signature = (item.tag, item.get("class"))
    clone = copy.deepcopy(item)
    clone.tail = "\n"
    for element in list(clone.iter()):
        if element is not clone and (element.tag, element.get("class")) == signature:
            element.getparent().remove(element)
    for element in list(clone.iter()):
        if element is not clone and element.tag in ("script", "style", "noscript", "template"):
            element.getparent().remove(element)
    words: list[tuple[Element, int]] = []
    for element in clone.iter():
        if isinstance(element.tag, str):
            count = len(re.findall(r"\w+", element.text or ""))
            if count:
                words.append((element, count))
    for element in clone.iter():
        if isinstance(element.tag, str):
            element.text = None
            element.attrib.pop("id", None)
        if element is not clone:
            element.tail = None
    if not words:
        _fill(clone, f"{author} {body}")
    else:
        author_slot = words[0][0]
        body_slot = max(words, key=lambda w: w[1])[0]
        if body_slot is author_slot:
            _fill(author_slot, f"{author} {body}")
        else:
            _fill(author_slot, author)
            _fill(body_slot, body)
    clone.set(MARK, "")
    return clone


def _thread(tree: Tree, area: Element) -> list[Element]:
    """The largest set of sibling comment items inside ``area``: same tag and class,
    at least 3 words each."""
    best: list[Element] = []
    for parent in area.iter():
        if not isinstance(parent.tag, str):
            continue
        groups: dict[tuple[str, str], list[Element]] = {}
        for child in parent:
            if not isinstance(child.tag, str) or child.tag not in ("li", "div", "article"):
                continue
            start, end = tree.range_of(child)
            if end - start >= 3 and not tree.any_article(start, end):
                groups.setdefault((child.tag, child.get("class") or ""), []).append(child)
        for members in groups.values():
            if len(members) >= 2 and len(members) > len(best):
                best = members
    return best


def _comments(tree: Tree, rng: random.Random) -> Plan | None:
    areas = [(a, "labelled comments region") for a in tree.regions("comments")]
    if not areas:
        named = [
            e
            for e in _outermost(tree.named(_COMMENTS, _AREA_TAGS))
            if tree.range_of(e)[1] - tree.range_of(e)[0] >= 10
        ]
        areas = [(a, "template comment area") for a in named]
    if areas:
        area, site = rng.choice(areas)
        items = _thread(tree, area)
        if items:
            return Comments(area, items, site, "thread-clone", rng)
        return Comments(area, [], site, "append", rng)
    return Comments(None, [], "added after article", "new-block", rng)


ATTACKS: dict[str, Attack] = {
    a.name: a
    for a in (
        Attack("mid-sentence", "a link line spliced into an article sentence", _mid_sentence),
        Attack("paragraph", "spam paragraphs between article paragraphs", _paragraph),
        Attack("hidden-css", "a block hidden by CSS, inline or by a class", _hidden_css),
        Attack("offscreen", "a block positioned or indented off screen", _offscreen),
        Attack("noscript", "a <noscript> block inside the article", _noscript),
        Attack("link-farm-footer", "tens of keyword links in the footer", _link_farm, True),
        Attack("comment-spam", "spam comments in the thread or a new one", _comments),
        Attack("sidebar-widget", "a sponsored links widget in the sidebar", _sidebar),
        Attack("cloaked-in-article", "a block with a CMS class that hides it", _cloaked),
    )
}


def get_attacks(names: str | list[str] | None) -> list[Attack]:
    """Attacks by name (comma-separated or a list; None or "all": every attack)."""
    from benchmark.errors import UserError

    if names is None or names == "all":
        return list(ATTACKS.values())
    wanted = [n.strip() for n in names.split(",")] if isinstance(names, str) else names
    unknown = [n for n in wanted if n and n not in ATTACKS]
    if unknown:
        raise UserError(f"unknown attack(s) {unknown}; choose from {', '.join(ATTACKS)}")
    return [ATTACKS[n] for n in wanted if n]


def describe(plan: Plan) -> dict[str, Any]:
    return {"form": plan.form, "site": plan.site}
