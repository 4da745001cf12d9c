"""Adapters: the contract (text out, paragraphs separated by blank lines) on a real page,
and the choices adapters make (jusText's stoplist)."""

from __future__ import annotations

import pytest

from benchmark.engines import resolve_engines
from benchmark.engines.justext import choose_stoplist
from tests.conftest import NEWS_PAGE

ENGLISH = "<p>We said that the council would not be able to do it, and they did it anyway.</p>"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (f"<html lang='de'><body>{ENGLISH}</body></html>", "German"),  # declared language wins
        (f"<html><body>{ENGLISH}</body></html>", "English"),  # not Marathi, whose list has English
        (
            "<html><body><p>Мы сказали, что это не так, и он был с нами.</p></body></html>",
            "Russian",
        ),
        ("<html><body><p>今天天气很好，我们去公园散步。</p></body></html>", None),
    ],
)
def test_justext_stoplist_follows_the_page_language(html, expected):
    assert choose_stoplist(html)[0] == expected


@pytest.mark.parametrize("engine", [e.name for e in resolve_engines("all")])
def test_every_engine_returns_paragraph_text(engine):
    extract = resolve_engines(engine)[0].extract
    text = extract(NEWS_PAGE, "https://news.example/a")
    assert isinstance(text, str)
    assert "\n\n\n" not in text and text == text.strip()
    # these find no article in a page this small (article-extractor: under its 200-character
    # content threshold)
    if engine not in ("goose3", "justext", "article-extractor"):
        assert "harbour budget" in text
