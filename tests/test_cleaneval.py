"""The CleanEval format: its folder layouts, gold markup, encodings and bad input.

The fixture is invented text written in CleanEval's conventions (no CleanEval page)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmark.cli import main
from benchmark.corpus import load_corpus
from benchmark.corpus.cleaneval import parse_gold, strip_text_wrapper
from benchmark.errors import UserError
from tests.conftest import NEWS_PAGE, bench

GOLD_1 = """URL: https://news.example/harbour
<h>Harbour budget
<p>The council approved the new harbour budget on Tuesday night
   after a long debate.
<P> Fishermen said the money for the north pier was overdue, and the mayor agreed.
<l>North pier: 2 million
<l>
"""
ARTICLE_1 = (
    "Harbour budget\n\n"
    "The council approved the new harbour budget on Tuesday night after a long debate.\n\n"
    "Fishermen said the money for the north pier was overdue, and the mayor agreed.\n\n"
    "North pier: 2 million"
)
# Windows-1252, no URL line: "é" is 0xE9 and the apostrophe 0x92, neither valid UTF-8
GOLD_2 = "<p>Le conseil a approuvé le budget du port après un long débat.\n<p>C’est fait.\n"
PAGE_2 = (
    '<html><head><meta charset="windows-1252"><title>Port</title></head><body>'
    "<nav>Accueil</nav><article><p>Le conseil a approuvé le budget du port après un long débat."
    "</p><p>C’est fait.</p></article><footer>© Le Courrier</footer></body></html>"
)


def make_cleaneval(root: Path, pages: str = "orig", gold: str = "clean") -> Path:
    """Two pages with gold (one with an annotator-named gold file), one page without
    gold, one gold file without a page."""
    (root / pages).mkdir(parents=True, exist_ok=True)
    (root / gold).mkdir(parents=True, exist_ok=True)
    wrapped = f'<text id="1" title="Harbour budget" encoding="utf-8">\n{NEWS_PAGE}\n</text>\n'
    (root / pages / "1.html").write_text(wrapped, encoding="utf-8")
    (root / pages / "2.html").write_bytes(PAGE_2.encode("cp1252"))
    (root / pages / "3.html").write_text(NEWS_PAGE, encoding="utf-8")
    (root / gold / "1.txt").write_text(GOLD_1, encoding="utf-8")
    (root / gold / "2-ml06zz.txt").write_bytes(GOLD_2.encode("cp1252").replace(b"\n", b"\r\n"))
    (root / gold / "9.txt").write_text("URL: https://news.example/nine\n<p>No page.\n")
    return root


def test_pages_gold_urls_and_skips(tmp_path):
    corpus = load_corpus(f"cleaneval:{make_cleaneval(tmp_path / 'ce')}")
    assert corpus.name == "cleaneval:ce"
    assert [p.id for p in corpus.pages] == ["1", "2"]
    one, two = corpus.pages
    assert one.url == "https://news.example/harbour"
    assert one.gold.article_text == ARTICLE_1
    # missing URL line: allowed, the page URL is empty
    assert two.url == ""
    assert two.gold.article_text == (
        "Le conseil a approuvé le budget du port après un long débat.\n\nC’est fait."
    )
    assert corpus.skipped == {"page without gold": 1, "gold without page": 1}


def test_engines_see_the_page_without_the_wrapper_and_decoded(tmp_path):
    one, two = load_corpus(f"cleaneval:{make_cleaneval(tmp_path)}").pages
    html = one.source.read_html()
    assert html.startswith("<!DOCTYPE html>") and "</text>" not in html
    assert "approuvé" in two.source.read_html() and "C’est" in two.source.read_html()


def test_wrapper_is_only_stripped_when_it_opens_the_file():
    assert strip_text_wrapper('<text id="4">\n<p>a</p>\n</text>\n') == "<p>a</p>"
    page = "<html><body><text>svg text</text></body></html>"
    assert strip_text_wrapper(page) == page


@pytest.mark.parametrize(
    ("pages", "gold"),
    [
        ("orig", "clean"),
        ("input", "GoldStandard"),
        ("input", "gold_std"),
        ("en_original", "en_cleaned"),
        ("zh-original", "zh-cleaned"),
        (".", "."),
    ],
)
def test_layouts(tmp_path, pages, gold):
    corpus = load_corpus(f"cleaneval:{make_cleaneval(tmp_path, pages, gold)}")
    assert [p.id for p in corpus.pages] == ["1", "2"]


def test_page_numbers_sort_as_numbers_and_other_names_match_whole(tmp_path):
    for n in ("10", "9", "100", "page-a"):
        (tmp_path / f"{n}.html").write_text("<p>x</p>")
        (tmp_path / f"{n}.txt").write_text("<p>x")
    pages = load_corpus(f"cleaneval:{tmp_path}").pages
    assert [p.id for p in pages] == ["9", "10", "100", "page-a"]


def test_gold_markup():
    url, blocks = parse_gold("\n  URL: http://a.example/x  \n<p>one\ntwo <H>three<l>four\n", Path())
    assert url == "http://a.example/x" and blocks == ("one two", "three", "four")
    # text before the first marker is a block; only a URL line: empty gold
    assert parse_gold("lead <p>body", Path()) == ("", ("lead", "body"))
    assert parse_gold("URL: http://a.example/y\n\n", Path()) == ("http://a.example/y", ())
    assert parse_gold("", Path()) == ("", ())


def test_runs_end_to_end(tmp_path):
    result = bench(f"cleaneval:{make_cleaneval(tmp_path / 'ce')}", "fake-echo", tmp_path / "out")
    (engine,) = result.engines
    assert engine.name == "fake-echo" and engine.cells.pages == 2


def _one_line_error(capsys, corpus: str, expected: str) -> None:
    assert main(["run", "--corpus", corpus, "--engines", "fake-echo", "-q", "--no-cache"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and expected in err, err


def test_gold_without_markers_is_named(tmp_path, capsys):
    root = make_cleaneval(tmp_path)
    (root / "clean" / "1.txt").write_text("URL: http://a.example\nJust text, stripped.\n")
    _one_line_error(capsys, f"cleaneval:{root}", f"{root / 'clean' / '1.txt'}: no <p>, <h> or <l>")


def test_binary_gold_is_named(tmp_path, capsys):
    root = make_cleaneval(tmp_path)
    (root / "clean" / "1.txt").write_bytes(b"<p>\x00\x01\x02")
    _one_line_error(capsys, f"cleaneval:{root}", f"{root / 'clean' / '1.txt'}: gold file holds NUL")


def test_two_gold_files_for_one_page(tmp_path, capsys):
    root = make_cleaneval(tmp_path)
    (root / "clean" / "1-ab12cd.txt").write_text("<p>second annotator")
    _one_line_error(capsys, f"cleaneval:{root}", "page '1' has more than one gold file")


def test_not_a_cleaneval_folder(tmp_path, capsys):
    (tmp_path / "notes.md").write_text("hello")
    _one_line_error(capsys, f"cleaneval:{tmp_path}", "not a CleanEval folder")


def test_two_layouts_are_ambiguous(tmp_path):
    make_cleaneval(tmp_path)
    make_cleaneval(tmp_path, "input", "GoldStandard")
    with pytest.raises(UserError, match="more than one CleanEval layout"):
        load_corpus(f"cleaneval:{tmp_path}")


def test_no_page_with_gold(tmp_path):
    (tmp_path / "orig").mkdir()
    (tmp_path / "clean").mkdir()
    (tmp_path / "orig" / "1.html").write_text("<p>x</p>")
    with pytest.raises(UserError, match="no page has a gold file"):
        load_corpus(f"cleaneval:{tmp_path}")
