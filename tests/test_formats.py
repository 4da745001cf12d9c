"""trafilatura-format snippet gold, WARC input and packing, external command engines."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from benchmark.cli import main
from benchmark.corpus import load_corpus
from benchmark.corpus.warc import write_warc
from tests.conftest import NEWS_PAGE, bench, figures


def make_trafilatura_eval(root: Path) -> Path:
    (root / "eval" / "more").mkdir(parents=True)
    page = NEWS_PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("debate", "débat")
    (root / "eval" / "one.html").write_bytes(page.encode("windows-1252"))
    (root / "eval" / "more" / "two.html").write_bytes(NEWS_PAGE.encode())
    spec = {
        "https://news.example/one": {
            "file": "one.html",
            "author": "ignored",
            "title": "ignored",
            "with": ["approved the new harbour budget", "after a long débat"],
            "without": ["buy cialis professional", "Storm closes coast road"],
        },
        "https://news.example/two": {
            "file": "two.html",
            "with": ["the north pier was overdue"],
            "without": ["Copyright 2024"],
        },
    }
    (root / "eval.json").write_text(json.dumps(spec, ensure_ascii=False))
    return root / "eval.json"


def test_trafilatura_format_snippet_metric(tmp_path):
    path = make_trafilatura_eval(tmp_path)
    corpus = load_corpus(f"trafilatura:{path}")
    assert [p.id for p in corpus.pages] == ["one.html", "two.html"]
    assert "débat" in corpus.pages[0].source.read_html()  # decoded as declared, not as UTF-8
    out = tmp_path / "out"
    result = bench(f"trafilatura:{path}", "fake-article,fake-echo,fake-fail", out)

    def snippets(name):
        engine = result.engine(name)
        return {s: engine.value(f"snippets:{s}") for s in ("precision", "recall", "accuracy", "f1")}

    # fake-article finds all 3 "with" snippets and none of the 3 "without"
    assert snippets("fake-article") == {"precision": 1.0, "recall": 1.0, "accuracy": 1.0, "f1": 1.0}
    # fake-echo keeps everything: tp 3, fp 3, fn 0, tn 0
    echo = snippets("fake-echo")
    assert echo == {"precision": 0.5, "recall": 1.0, "accuracy": 0.5, "f1": pytest.approx(6 / 9)}
    # a failing engine finds no snippet: tp 0, fp 0, fn 3, tn 3
    assert snippets("fake-fail")["accuracy"] == 0.5 and snippets("fake-fail")["recall"] == 0
    # snippet gold has no content metric: the table's headline is the snippet F1
    assert result.engine("fake-article").figure("f1") is None
    assert "| fake-article | " in (out / "summary.md").read_text()
    doc = json.loads((out / "summary.json").read_text())
    assert "content" not in doc["engines"][0] and doc["engines"][0]["snippets"]["f1"] == 1.0


def test_trafilatura_format_missing_file_is_named(tmp_path, capsys):
    path = make_trafilatura_eval(tmp_path)
    (tmp_path / "eval" / "one.html").unlink()
    assert main(["run", "--corpus", f"trafilatura:{path}", "--engines", "fake-echo", "-q"]) == 2
    assert (
        f"{path}: entry 'https://news.example/one': file 'one.html' not found beside it"
        in capsys.readouterr().err
    )


def test_bundled_gold_scored_as_snippets_too(gold_dir, tmp_path):
    out = tmp_path / "out"
    result = bench(f"gold:{gold_dir}", "fake-article", out)
    (engine,) = result.engines
    assert engine.value("snippets:f1") == 1.0 and engine.value("f1") == 1.0
    found = {
        k: engine.value(f"snippets:found:{k}") for k in ("navigation", "spam", "sidebar", "footer")
    }
    assert found == {"navigation": 0, "spam": 0, "sidebar": 0, "footer": 0}


def test_warc_round_trip_gives_the_same_corpus_and_figures(gold_dir, tmp_path, monkeypatch):
    folder = load_corpus(f"gold:{gold_dir}")
    archive = tmp_path / "gold.warc.gz"
    write_warc(list(folder.pages), archive)
    import benchmark.corpus.bundled as bundled

    monkeypatch.setattr(bundled, "default_gold_dir", lambda: gold_dir)
    packed = load_corpus(f"warc:{archive}")
    assert packed.fingerprint == folder.fingerprint
    assert [p.source.read_html() for p in packed.pages] == [
        p.source.read_html() for p in folder.pages
    ]
    engines = "fake-article,fake-echo"
    from_folder = bench(f"gold:{gold_dir}", engines, tmp_path / "folder")
    from_archive = bench(f"warc:{archive}", engines, tmp_path / "archive")
    pd.testing.assert_frame_equal(figures(from_archive), figures(from_folder))


def test_warc_skips_non_html_revisits_and_unknown_urls(gold_dir, tmp_path, monkeypatch):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    import benchmark.corpus.bundled as bundled

    monkeypatch.setattr(bundled, "default_gold_dir", lambda: gold_dir)
    archive = tmp_path / "mixed.warc.gz"
    write_warc(list(load_corpus(f"gold:{gold_dir}").pages), archive)
    with archive.open("ab") as fh:
        writer = WARCWriter(fh, gzip=True)
        css = StatusAndHeaders("200 OK", [("Content-Type", "text/css")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://x.example/a.css", "response", payload=io.BytesIO(b"p{}"), http_headers=css
            )
        )
        html = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://x.example/other",
                "response",
                payload=io.BytesIO(b"<p>hi</p>"),
                http_headers=html,
            )
        )
    corpus = load_corpus(f"warc:{archive}")
    assert len(corpus.pages) == 2
    assert corpus.skipped == {"not html": 1, "no gold for URL": 1}


def test_not_a_warc_is_one_line(gold_dir, tmp_path, capsys, monkeypatch):
    import benchmark.corpus.bundled as bundled

    monkeypatch.setattr(bundled, "default_gold_dir", lambda: gold_dir)
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"this is not an archive")
    assert main(["run", "--corpus", f"warc:{bad}", "--engines", "fake-echo", "-q"]) == 2
    assert f"{bad}: not a readable WARC file" in capsys.readouterr().err


def test_external_command_engine(gold_dir, tmp_path):
    script = tmp_path / "upper.py"
    script.write_text(
        "import sys\nhtml = sys.stdin.read()\nprint('EXTERNAL ' + str(len(html)))\n"
        "sys.exit(1 if 'Monday' in html else 0)\n"
    )
    out = tmp_path / "out"
    bench(f"gold:{gold_dir}", "none", out, "--external", f"ext={sys.executable} {script}")
    pages = {p["page"]: p for p in csv.DictReader((out / "pages.csv").open())}
    assert pages["news-1"]["status"] == "ok" and pages["news-2"]["status"] == "error"
    assert pages["news-2"]["error"].startswith("ExternalEngineError: exit status 1")
    outputs = json.loads((out / "outputs" / "ext.json").read_text())["output"]
    assert outputs["news-1"]["articleBody"].startswith("EXTERNAL ")
