"""The structure metrics, pinned by hand-computed cases: a table flattened to text, a
heading demoted to a paragraph, a list merged into one paragraph; and the parsers that
turn Markdown, HTML and trafilatura's XML into the one element tree."""

from __future__ import annotations

import math

import pytest

from benchmark.scoring.structure import (
    MAX_TABLE_CELLS,
    SIMILARITY,
    code_similarity,
    matched_gold,
    page_teds,
    score_structure,
    teds,
)
from benchmark.structure import parse_output
from benchmark.structure.tree import Document

GOLD_MD = """\
## Budget passed

The council approved the budget on Tuesday night.

| Item | Cost |
|---|---|
| Roads | 12 |
| Parks | 5 |

- Fix the harbour road
- Open two new schools
- Hire more teachers
"""


def gold() -> Document:
    return parse_output(GOLD_MD, "markdown")


def test_the_gold_tree():
    g = gold()
    assert g.counts() == {
        "heading": 1,
        "paragraph": 1,
        "list_item": 3,
        "table_cell": 6,
        "code": 0,
        "quote": 0,
    }
    assert g.elements[0].level == 2
    assert g.tables == ((("Item", "Cost"), ("Roads", "12"), ("Parks", "5")),)


def test_identical_output_scores_one_everywhere():
    s = score_structure(gold(), parse_output(GOLD_MD, "markdown"))
    for counts in s.types.values():
        assert counts.matched == counts.gold == counts.out == counts.found
    assert s.teds == 1.0 and s.code_edit is None


def test_flattened_table():
    """The table's rows come out as two lines of text: no table cell is kept (recall
    0, TEDS 0); its three lines are three extra paragraphs (paragraph precision 1/4);
    nothing else moves, and the words are all there."""
    out = parse_output(
        "## Budget passed\n\nThe council approved the budget on Tuesday night.\n\n"
        "Item Cost\n\nRoads 12\n\nParks 5\n\n"
        "- Fix the harbour road\n- Open two new schools\n- Hire more teachers\n",
        "markdown",
    )
    s = score_structure(gold(), out)
    cell = s.types["table_cell"]
    assert (cell.gold, cell.out, cell.matched) == (6, 0, 0)
    assert cell.found == 0  # "Roads 12" is not within 0.8 of "Roads" nor of "12"
    para = s.types["paragraph"]
    assert (para.gold, para.out, para.matched) == (1, 4, 1)  # precision 1/4, recall 1
    assert s.types["heading"].matched == 1 and s.types["list_item"].matched == 3
    assert s.teds == 0.0


def test_demoted_heading():
    """The heading comes out as a paragraph: heading recall 0 (precision undefined: no
    heading in the output), one unmatched paragraph (paragraph precision 1/2), but the
    heading's text is found (found 1/1)."""
    out = parse_output(GOLD_MD.replace("## Budget passed", "Budget passed"), "markdown")
    s = score_structure(gold(), out)
    heading = s.types["heading"]
    assert (heading.gold, heading.out, heading.matched, heading.found) == (1, 0, 0, 1)
    para = s.types["paragraph"]
    assert (para.gold, para.out, para.matched) == (1, 2, 1)
    assert s.teds == 1.0


def test_heading_at_the_wrong_level_does_not_match():
    out = parse_output(GOLD_MD.replace("## Budget", "### Budget"), "markdown")
    heading = score_structure(gold(), out).types["heading"]
    assert (heading.out, heading.matched, heading.found) == (1, 0, 1)


def test_merged_list():
    """The three items come out as one paragraph: list-item recall 0 (0 of 3), one
    unmatched paragraph (precision 1/2); the merged text is within 0.8 of none of the
    items, so none is found either."""
    out = parse_output(
        GOLD_MD.split("- Fix")[0]
        + "Fix the harbour road Open two new schools Hire more teachers\n",
        "markdown",
    )
    s = score_structure(gold(), out)
    item = s.types["list_item"]
    assert (item.gold, item.out, item.matched, item.found) == (3, 0, 0, 0)
    para = s.types["paragraph"]
    assert (para.gold, para.out, para.matched) == (1, 2, 1)


def test_plain_text_is_paragraphs_only():
    """A plain-text engine that outputs the same words, one block per line, keeps no
    heading, item or cell; every block is a paragraph."""
    text = (
        "Budget passed\n\nThe council approved the budget on Tuesday night.\n\n"
        "Item Cost\n\nRoads 12\n\nParks 5\n\n"
        "Fix the harbour road\n\nOpen two new schools\n\nHire more teachers"
    )
    out = parse_output(text, "text")
    assert not out.structured
    s = score_structure(gold(), out)
    assert [s.types[t].matched for t in ("heading", "list_item", "table_cell")] == [0, 0, 0]
    assert s.types["paragraph"].out == 8 and s.types["paragraph"].matched == 1
    assert s.types["heading"].found == 1 and s.types["list_item"].found == 3


def test_similarity_threshold_and_one_to_one():
    # 1 - 1/10 = 0.9 >= 0.8: matches; 1 - 3/10 = 0.7: does not
    assert matched_gold(["abcdefghij"], ["abcdefghiX"]) == [0]
    assert matched_gold(["abcdefghij"], ["abcdefgXYZ"]) == []
    assert SIMILARITY == 0.8
    # one output element matches one gold element only
    assert len(matched_gold(["same text", "same text"], ["same text"])) == 1
    # identical texts pair first, whatever the order of fuzzy candidates
    assert sorted(matched_gold(["abcdefghij", "abcdefghiX"], ["abcdefghiX"])) == [1]


def test_teds_by_hand():
    a = (("a", "b"), ("c", "d"))
    assert teds(a, a) == 1.0
    # one cell's text replaced entirely: rename cost 1 over max(7, 7) nodes
    assert teds(a, (("a", "b"), ("c", "x"))) == pytest.approx(1 - 1 / 7)
    # a row missing: 3 nodes deleted (tr + 2 td) of max(7, 4)
    assert teds(a, (("a", "b"),)) == pytest.approx(1 - 3 / 7)
    # half-different text "abcd" vs "abxy": normalised distance 0.5
    assert teds((("abcd",),), (("abxy",),)) == pytest.approx(1 - 0.5 / 3)


def test_page_teds_pairs_tables_and_scores_missing_ones_zero():
    t1 = (("a", "b"), ("c", "d"))
    t2 = (("x", "y"),)
    assert page_teds((), (t1,)) is None
    assert page_teds((t1, t2), ()) == 0.0
    assert page_teds((t1, t2), (t2, t1)) == 1.0  # paired by shared cells, not by order
    assert page_teds((t1, t2), (t1,)) == 0.5


def test_teds_is_capped():
    big = tuple((str(i), str(i + 1)) for i in range(MAX_TABLE_CELLS))  # 2x the cap
    other = tuple((str(i), "z") for i in range(MAX_TABLE_CELLS))
    value = teds(big, other)  # only the first 50 rows are compared: fast
    assert 0 < value < 1


def test_code_edit_by_hand():
    assert code_similarity("abcd", "abcd") == 1.0
    assert code_similarity("abcd", "abxd") == pytest.approx(0.75)
    assert code_similarity("abcd", "") == 0.0
    g = parse_output("```\nx = 1\n\ny = 2   \n```\n", "markdown")
    o = parse_output("<pre>x = 1\ny = 2</pre>", "html")
    assert score_structure(g, o).code_edit == 1.0  # blank lines and trailing spaces dropped
    assert score_structure(g, parse_output("x = 1 y = 2", "text")).code_edit == 0.0


def test_html_and_xml_give_the_markdown_tree():
    html = (
        "<h2>Budget passed</h2><p>The council approved the budget on Tuesday night.</p>"
        "<table><thead><tr><th>Item</th><th>Cost</th></tr></thead><tbody><tr><td>Roads</td>"
        "<td>12</td></tr><tr><td>Parks</td><td>5</td></tr></tbody></table>"
        "<ul><li>Fix the harbour road</li><li>Open two <b>new</b> schools</li>"
        "<li>Hire more teachers</li></ul>"
    )
    xml = (
        '<doc><main><head rend="h2">Budget passed</head><p>The council approved the budget'
        " on Tuesday night.</p><table><row><cell role='head'>Item</cell><cell role='head'>"
        "Cost</cell></row><row><cell>Roads</cell><cell>12</cell></row><row><cell>Parks</cell>"
        "<cell>5</cell></row></table><list rend='ul'><item>Fix the harbour road</item><item>"
        "Open two <hi>new</hi> schools</item><item>Hire more teachers</item></list></main>"
        "<comments><p>first!</p></comments></doc>"
    )
    for out in (parse_output(html, "html"), parse_output(xml, "xml")):
        assert out.elements == gold().elements
        assert out.tables == gold().tables


def test_containers_decide_the_type():
    md = "> quoted\n\n- item\n\n  more of the item\n\n  ```\n  code\n  ```\n  - nested\n"
    types = [(e.type, e.text) for e in parse_output(md, "markdown").elements]
    assert types == [
        ("quote", "quoted"),
        ("list_item", "item"),
        ("list_item", "more of the item"),
        ("code", "code"),
        ("list_item", "nested"),
    ]
    html = "<blockquote><p>quoted</p></blockquote><ul><li>item<ul><li>nested</li></ul></li></ul>"
    types = [(e.type, e.text) for e in parse_output(html, "html").elements]
    assert types == [("quote", "quoted"), ("list_item", "item"), ("list_item", "nested")]


def test_markdown_html_block_tables_count():
    md = "Intro\n\n<table><tr><td>a</td><td>b</td></tr></table>\n\n| x |\n|---|\n| y |\n"
    doc = parse_output(md, "markdown")
    assert doc.tables == ((("a", "b"),), (("x",), ("y",)))
    assert [e.table for e in doc.elements if e.type == "table_cell"] == [0, 0, 1, 1]


def test_failed_output_scores_zero_recall():
    s = score_structure(gold(), parse_output(None, "markdown"))
    assert all(c.matched == 0 and c.out == 0 for c in s.types.values())
    assert s.teds == 0.0
    assert not math.isnan(s.types["heading"].gold)


def _random_texts(rng, n: int) -> list[str]:
    stems = ["the council met", "budget passed", "roads and parks", "hire teachers", "x"]
    texts = []
    for _ in range(n):
        text = rng.choice(stems) + " " + rng.choice(stems)
        chars = list(text)
        for _ in range(rng.randint(0, 4)):  # a few edits: some pairs fall near the threshold
            chars[rng.randrange(len(chars))] = rng.choice("abcxyz ")
        texts.append("".join(chars))
    return texts


def test_the_page_memo_gives_the_same_matching_as_comparing_each_pair():
    import random

    from benchmark.scoring.structure import Similarities, _norm
    from benchmark.structure.tree import PARAGRAPH, Element

    rng = random.Random(7)
    for _ in range(40):
        gold_texts = _random_texts(rng, rng.randint(1, 12))
        page = Document(tuple(Element(PARAGRAPH, t) for t in gold_texts))
        memo = Similarities(page)
        normed = [_norm(t) for t in gold_texts]
        for _ in range(5):  # several outputs on one page: the memo fills as it goes
            out = [_norm(t) for t in _random_texts(rng, rng.randint(0, 12))]
            subset = [t for t in normed if rng.random() < 0.7]
            assert matched_gold(subset, out, SIMILARITY, memo) == matched_gold(subset, out)
            output = Document(tuple(Element(PARAGRAPH, t) for t in out))
            assert score_structure(page, output, memo) == score_structure(page, output)


def test_a_full_page_memo_falls_back_to_comparing_each_pair(monkeypatch):
    from benchmark.scoring.structure import Similarities
    from benchmark.structure.tree import PARAGRAPH, Element

    monkeypatch.setattr(Similarities, "MAX_CELLS", 4)
    gold_texts = ["the council met today", "budget passed tonight", "roads and parks"]
    page = Document(tuple(Element(PARAGRAPH, t) for t in gold_texts))
    memo = Similarities(page)
    out = ["the council met todya", "budget passed tonite", "roads and parks!"]
    output = Document(tuple(Element(PARAGRAPH, t) for t in out))
    assert memo.scores(out, gold_texts) is None  # 3 texts x 3 gold > 4: not kept
    assert score_structure(page, output, memo) == score_structure(page, output)
    assert score_structure(page, output).types["paragraph"].matched == 3


def test_plain_text_blocks_are_the_same_paragraphs_as_before():
    from benchmark.structure.tree import PARAGRAPH, Builder, from_text

    text = "A  first\tblock\n\n\n  \nsecond\u00a0block \n still second\n \t\nA  first\tblock\n\n"
    builder = Builder()
    for block in ("A  first\tblock", "second\u00a0block \n still second", "A  first\tblock", ""):
        builder.block(PARAGRAPH, block)
    assert from_text(text) == builder.document(structured=False)
    assert [e.text for e in from_text(text).elements] == [
        "A first block",
        "second block still second",
        "A first block",
    ]
    assert from_text(None) == from_text("") == Document((), (), structured=False)


def test_parsed_gold_trees_are_kept_and_read_back_the_same(tmp_path):
    from benchmark.corpus.model import Gold
    from benchmark.structure.memo import FILE, TreeMemo

    golds = [Gold(structure_markdown=GOLD_MD), Gold(structure_markdown="# Only\n\ntext\n")]
    first = TreeMemo(tmp_path)
    parsed = [first.tree(g) for g in golds]
    first.close()
    assert parsed == [g.structure_tree() for g in golds]
    second = TreeMemo(tmp_path)
    assert [second.tree(g) for g in golds] == parsed
    assert second._new == []  # read back, not parsed again
    second.close()
    # a damaged memo only costs time: the trees are parsed again, the same
    (tmp_path / FILE).write_bytes(b"not a database" * 100)
    damaged = TreeMemo(tmp_path)
    assert [damaged.tree(g) for g in golds] == parsed
    damaged.close()
    # no cache folder, or a gold written by hand: no memo at all
    assert TreeMemo(None).tree(golds[0]) == parsed[0]
    by_hand = Gold(structure=parsed[1])
    assert TreeMemo(tmp_path).tree(by_hand) is parsed[1]


def test_long_plain_text_blocks_are_not_kept_but_read_the_same():
    from benchmark.structure.tree import _KEPT_BLOCK_CHARS, _kept_paragraph, from_text

    long_block = "word  " * _KEPT_BLOCK_CHARS
    _kept_paragraph.cache_clear()
    document = from_text(f"short  block\n\n{long_block}")
    assert [e.text for e in document.elements] == [
        "short block",
        long_block.strip().replace("  ", " "),
    ]
    assert _kept_paragraph.cache_info().currsize == 1  # only the short block
