"""Structure through the pipeline: hand-written gold checked by validate, structured
rows scored from their own cells, summary.json blocks and groups (valid against the JSON
Schema), stored Markdown outputs, and WebMainBench's two field spellings (fixtures)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from benchmark.corpus import load_corpus
from benchmark.corpus.validate import validate_tree
from benchmark.engines import Engine, all_engines, register, resolve_engines
from benchmark.errors import UserError
from tests.conftest import NEWS_PAGE, NEWS_SEGMENTS, bench, write_case
from tests.test_results_model import validate

FIXTURES = Path(__file__).parent / "fixtures" / "webmainbench"

STRUCTURE = [
    {"p": "The council approved the new harbour budget on Tuesday night after a long debate."},
    {"li": "Fishermen said the money for the north pier was overdue, and the mayor agreed."},
]


def main_html(html: str, url: str) -> str:
    """A structured test engine: the <article> (or <main>) element's HTML, as is."""
    match = re.search(r"<(article|main)[^>]*>(.*?)</\1>", html, re.S)
    return match.group(2) if match else ""


@pytest.fixture(scope="module", autouse=True)
def structured_fake() -> None:
    if "fake-article.html" not in all_engines():
        register(
            Engine(
                name="fake-article.html",
                extract=main_html,
                description="test double: the article element's HTML",
                distribution="pytest",
                module="pytest",
                output="html",
            )
        )


@pytest.fixture
def structure_gold(tmp_path: Path) -> Path:
    root = tmp_path / "gold"
    write_case(root, "news-1", NEWS_PAGE, NEWS_SEGMENTS, structure=STRUCTURE)
    write_case(root, "news-2", NEWS_PAGE, NEWS_SEGMENTS)  # no structure gold
    return root


def test_validate_checks_structure_against_the_article(tmp_path):
    root = tmp_path / "gold"
    write_case(root, "ok", NEWS_PAGE, NEWS_SEGMENTS, structure=STRUCTURE)
    write_case(root, "wrong", NEWS_PAGE, NEWS_SEGMENTS, structure=[{"p": "Storm closes"}])
    write_case(root, "partial", NEWS_PAGE, NEWS_SEGMENTS, structure=STRUCTURE[:1])
    write_case(root, "bad", NEWS_PAGE, NEWS_SEGMENTS, structure=[{"h9": "x"}])
    reports = {r.case: r for r in validate_tree(root)}
    assert reports["ok"].ok
    assert "not in the article text" in reports["wrong"].problems[0]
    assert "structure covers" in reports["partial"].problems[0]
    assert "unknown type 'h9'" in reports["bad"].problems[0]


def test_structured_rows_are_scored_from_their_own_cells(structure_gold, tmp_path):
    out = tmp_path / "out"
    result = bench(f"gold:{structure_gold}", "fake-article,fake-article.html", out)
    assert result.corpus.structure_pages == 1
    plain, html = result.engine("fake-article"), result.engine("fake-article.html")
    assert plain is not None and html is not None
    assert (plain.info.output, html.info.output) == ("text", "html")
    # the <p> and the <p> the gold calls a list item: plain text has paragraphs only
    assert plain.value("structure:paragraph:recall") == 1.0
    assert plain.value("structure:list_item:recall") == 0.0
    assert plain.value("structure:list_item:found") == 1.0
    assert html.value("structure:paragraph:precision") == 0.5  # its 2nd <p> is an item
    assert html.figure("structure:list_item:recall").pages == 1
    assert html.value("f1") == plain.value("f1")  # the same words
    assert result.engine("fake-article").figure("table_teds") is None  # no gold table
    doc = json.loads((out / "summary.json").read_text())
    entry = next(e for e in doc["engines"] if e["name"] == "fake-article.html")
    assert entry["output"] == "html"
    assert set(entry["structure"]["paragraph"]) >= {"recall", "precision", "found", "pages", "ci"}
    assert "precision" not in entry["structure"]["list_item"]  # no item in its output
    validate(out / "summary.json")
    summary = (out / "summary.md").read_text()
    assert "| fake-article.html | html |" in summary
    assert "| fake-article | text (paragraphs only) |" in summary
    outputs = json.loads((out / "outputs" / "fake-article.html.json").read_text())
    assert outputs["format"] == "html"


def test_stored_structured_outputs_keep_their_format(structure_gold, tmp_path):
    bench(f"gold:{structure_gold}", "fake-article.html", tmp_path / "first")
    stored = tmp_path / "stored"
    stored.mkdir()
    (stored / "md").mkdir()
    for page in ("news-1", "news-2"):
        (stored / "md" / f"{page}.md").write_text(
            "The council approved the new harbour budget on Tuesday night after a long debate."
            "\n\n- Fishermen said the money for the north pier was overdue, and the mayor agreed.\n"
        )
    (stored / "again.json").write_text(
        (tmp_path / "first/outputs/fake-article.html.json").read_text()
    )
    result = bench(f"gold:{structure_gold}", "none", tmp_path / "out", "--stored", str(stored))
    assert result.engine("md").info.output == "markdown"
    assert result.engine("md").value("structure:list_item:recall") == 1.0
    assert result.engine("again").info.output == "html"


def test_engine_selection_keeps_structured_rows_apart():
    plain = {e.name for e in resolve_engines("all")}
    both = {e.name for e in resolve_engines("all,structured")}
    structured = {e.name for e in resolve_engines("structured")}
    assert all(e.output == "text" for e in resolve_engines("all"))
    assert structured and all("." in name for name in structured)
    assert both == plain | structured


@pytest.mark.parametrize("spelling", ["card", "loader"])
def test_webmainbench_both_spellings(spelling):
    corpus = load_corpus(f"webmainbench:{FIXTURES / (spelling + '.jsonl')}")
    assert corpus.group_by == ("language", "style", "level")
    assert len(corpus.pages) == 3 and corpus.structure_pages == 3
    tea, wc, markt = corpus.pages
    assert tea.meta == {"language": "en", "style": "Article", "level": "mid"}
    assert markt.meta["language"] == "de" and markt.meta["level"] == "hard"
    # groundtruth_content wins over convert_main_content (whose heading level differs)
    assert tea.gold.structure.of_type("heading")[1].level == 2
    assert tea.gold.structure.tables == (
        (("Height", "Minutes"), ("Sea level", "2"), ("2000 m", "3")),
    )
    assert [e.type for e in wc.gold.structure.elements] == ["heading", "paragraph", "code", "quote"]
    assert markt.gold.article_text.startswith("Der Marktplatz")  # from main_html
    assert "Brewing tea at altitude" in tea.source.read_html()
    if spelling == "card":
        assert corpus.skipped == {"no html": 1}
        assert tea.id == "c0a1e4d2-0001"


def test_both_spellings_give_the_same_gold():
    card = load_corpus(f"webmainbench:{FIXTURES / 'card.jsonl'}")
    loader = load_corpus(f"webmainbench:{FIXTURES / 'loader.jsonl'}")
    for a, b in zip(card.pages, loader.pages, strict=True):
        assert a.gold == b.gold and a.meta == b.meta and a.digest == b.digest


def test_webmainbench_results_by_language_style_and_level(tmp_path):
    out = tmp_path / "out"
    result = bench(f"webmainbench:{FIXTURES / 'card.jsonl'}", "fake-echo,fake-article.html", out)
    echo = result.engine("fake-echo")
    assert set(echo.groups) == {"language", "style", "level"}
    assert set(echo.groups["level"]) == {"simple", "mid", "hard"}
    assert "structure:table_cell:recall" in result.engine("fake-article.html").figures
    doc = json.loads((out / "summary.json").read_text())
    assert "by_language" in doc["engines"][0]["content"]
    validate(out / "summary.json")
    summary = (out / "summary.md").read_text()
    assert "By difficulty level" in summary and "By language" in summary


def test_webmainbench_bad_input_is_one_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"html": "<p>x</p>", "content": "x"}\nnot json\n')
    with pytest.raises(UserError, match="line 2 is not JSON"):
        load_corpus(f"webmainbench:{bad}")
    empty = tmp_path / "empty.jsonl"
    empty.write_text('{"html": ""}\n')
    with pytest.raises(UserError, match="no usable record"):
        load_corpus(f"webmainbench:{empty}")


@pytest.mark.parametrize("engine", [e.name for e in resolve_engines("structured")])
def test_every_structured_engine_gives_a_tree(engine):
    from benchmark.structure import parse_output

    row = resolve_engines(engine)[0]
    out = row.extract(NEWS_PAGE, "https://news.example/a")
    assert isinstance(out, str)
    doc = parse_output(out, row.output)
    assert doc.structured and "harbour budget" in doc.text()
    assert doc.of_type("paragraph")


@pytest.mark.slow
def test_wcxb_dev_sample_structure(tmp_path):
    """20 WCXB dev pages (Foley 2026, CC-BY-4.0): structure gold from
    main_content_markdown, every structured row scored, the summary valid."""
    import shutil

    from tests.conftest import SHARED_AEB

    dev = SHARED_AEB.parent / "wcxb-dev" / "dev"
    if not dev.is_dir():
        pytest.skip("WCXB dev split not in ../shared/datasets")
    split = tmp_path / "dev"
    (split / "ground-truth").mkdir(parents=True)
    (split / "html").mkdir()
    for truth in sorted((dev / "ground-truth").glob("*.json"))[:20]:
        shutil.copy(truth, split / "ground-truth")
        shutil.copy(dev / "html" / f"{truth.stem}.html.gz", split / "html")
    out = tmp_path / "out"
    result = bench(f"wcxb:{split}", "trafilatura,structured", out, "--resamples", "100")
    assert 0 < result.corpus.structure_pages <= 20
    markdown = result.engine("trafilatura.markdown")
    assert markdown.value("structure:paragraph:recall") > 0.3
    assert markdown.figure("structure:heading:recall").pages > 0
    assert result.engine("trafilatura").value("structure:heading:recall") == 0.0
    assert "page_type" in markdown.groups
    validate(out / "summary.json")


def test_report_has_a_structure_section(structure_gold, tmp_path):
    from benchmark.report.structure import structure_section

    result = bench(f"gold:{structure_gold}", "fake-article,fake-article.html", tmp_path / "out")
    html = structure_section(result.engines)
    assert "<h3>Structure</h3>" in html and "fake-article.html" in html
    assert "0.50 <small>(" in html  # paragraph precision with its interval
    assert structure_section([e for e in result.engines if False]) == ""
