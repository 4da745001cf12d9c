"""The report: marking of missed and leaked text, label placement, the terminal table,
and the files a report writes (the browser test is tests/test_report_browser.py)."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

from rich.console import Console

from benchmark.cli import main
from benchmark.corpus.model import Segment
from benchmark.report.labels import place_labels
from benchmark.report.marking import kept_flags, mark_gold, mark_output, unmatched_text
from benchmark.report.terminal import WIDTH, table
from benchmark.results.io import load_results, write_results
from tests.conftest import bench

SEGMENTS = (
    Segment("article", "The council approved the new harbour budget on Tuesday night"),
    Segment("spam", "buy cialis professional online no prescription"),
    Segment("related", "Harbour budget approved"),
)


def labels(spans):
    return [(s.text, s.label) for s in spans if s.label]


def test_gold_view_marks_missed_article_words():
    (kind, spans), *_ = mark_gold(SEGMENTS, "The council approved the new harbour")
    assert kind == "article"
    marked = dict(labels(spans))
    assert marked["council"] == "kept" and marked["Tuesday"] == "missed"


def test_output_view_marks_leaks_by_kind_and_unmatched_text():
    output = (
        "The council approved the new harbour budget buy cialis professional online lorem ipsum"
    )
    marked = labels(mark_output(SEGMENTS, output))
    assert ("harbour", "article") in marked
    assert ("cialis", "spam") in marked
    assert ("lorem", "unmatched") in marked and ("ipsum", "unmatched") in marked
    assert unmatched_text(SEGMENTS, output) == ["lorem ipsum"]


def test_kept_flags_cover_every_gold_token_in_order():
    flags = kept_flags(SEGMENTS, "buy cialis professional online")
    assert len(flags) == 10 + 6 + 3
    assert flags[:10] == [False] * 10 and flags[10:14] == [True] * 4 and flags[14:16] == [False] * 2


def test_text_in_article_and_related_is_shown_as_article():
    marked = dict(labels(mark_output(SEGMENTS, "the new harbour budget on Tuesday")))
    assert marked["budget"] == "article"


def test_labels_of_a_tight_cluster_do_not_overlap():
    points = [(f"engine-{i}", 300 + (i % 4) * 3.0, 200 + (i // 4) * 4.0) for i in range(12)]
    placed = place_labels(points, 600, 400)
    boxes = [label.box for label in placed]
    assert not any(a.overlaps(b, gap=0) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    assert all(b.left >= 0 and b.right <= 600 and b.top >= 0 and b.bottom <= 400 for b in boxes)


def test_report_files(gold_dir, tmp_path, capsys):
    out = tmp_path / "results"
    bench(f"gold:{gold_dir}", "fake-article,fake-echo", out)
    assert main(["report", str(out)]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == f"report: {out / 'report.html'}"  # the last line names the report
    assert main(["report", str(out)]) == 0  # nothing changed: nothing redrawn
    assert capsys.readouterr().err.strip().endswith("report.html (unchanged)")
    assert main(["report", str(out), "--force"]) == 0
    assert capsys.readouterr().err.strip().endswith(f"report: {out / 'report.html'}")
    html = (out / "report.html").read_text()
    data = json.loads(
        re.search(r'<script id="data" type="application/json">(.*?)</script>', html, re.S)
        .group(1)
        .replace("<\\/", "</")
    )
    assert set(data["charts"]) >= {"tradeoff", "removal-heatmap", "intervals"}
    assert [p[2] for p in data["pages"]] == ["page-news-1", "page-news-2"]
    echo = data["details"]["page-news-1"]["eng"]["fake-echo"]
    assert echo["s"] == "ok" and len(echo["k"]) >= 2  # echo keeps the spam: kept runs
    assert 'id="page-news-1"' in html and 'href="#leaderboard"' in html
    assert 'src="http' not in html and "<link" not in html  # self-contained
    assert "window.vegaEmbed" in html
    for name in ("tradeoff", "removal-heatmap", "intervals"):
        assert (out / "plots" / f"{name}.png").stat().st_size > 1000
        assert (out / "plots" / f"{name}.svg").is_file()
    readme = (out / "README.md").read_text()
    assert "](plots/tradeoff.png)" in readme and "| fake-article |" in readme
    for name in ("pages.csv", "kinds.csv", "corpus.csv", "timings.csv"):  # columns documented
        for column in (out / name).read_text().splitlines()[0].split(","):
            assert f"| `{column}` |" in readme, (name, column)

    # redrawn only when what it shows changed; the same inputs give the same bytes
    from benchmark.report import report_is_current, write_report

    drawn = {p.name: p.read_bytes() for p in [out / "report.html", *(out / "plots").iterdir()]}
    assert report_is_current(out)
    (out / "run.json").unlink()  # timings alone do not make the report stale
    assert report_is_current(out)
    result = load_results(out, outputs=True)  # the same figures, written in another row order
    result.kinds = result.kinds.iloc[::-1].reset_index(drop=True)
    write_results(result, out)
    (out / "run.json").unlink()
    assert not report_is_current(out)
    write_report(out)
    again = {p.name: p.read_bytes() for p in [out / "report.html", *(out / "plots").iterdir()]}
    assert set(again) == set(drawn) - {"speed-f1.png", "speed-f1.svg"}  # no timings, no plot
    assert all(drawn[n] == again[n] for n in again if n != "report.html")


def test_report_elsewhere_says_why_the_drill_down_is_missing(gold_dir, tmp_path, capsys):
    out = tmp_path / "results"
    bench(f"gold:{gold_dir}", "fake-article", out)
    shutil.rmtree(gold_dir)
    assert main(["report", str(out)]) == 0
    err = capsys.readouterr().err
    assert "no drill-down" in err and "could not be loaded" in err
    html = (out / "report.html").read_text()
    assert "could not be loaded" in html and '"details":{}' in html


def test_terminal_table_fits_100_columns(gold_dir, tmp_path):
    out = tmp_path / "results"
    bench(f"gold:{gold_dir}", "fake-article,fake-echo", out)
    result = load_results(out)
    console = Console(width=WIDTH, record=True, file=io.StringIO())
    console.print(table(result.engines, "gold: 2 pages"))
    lines = console.export_text().splitlines()
    assert max(len(line.rstrip()) for line in lines) <= WIDTH
    rows = [line for line in lines if line.startswith("fake-")]
    assert [r.split()[0] for r in rows] == ["fake-article", "fake-echo"]  # best F1 first
    header = next(line for line in lines if line.startswith("engine"))
    for column in ("F1", "95% CI", "P", "R", "spam", "sidebar", "ms/page", "fail"):
        assert column in header.split("  ") or f" {column} " in f" {header} "


def test_progress_lines_in_a_log(gold_dir, tmp_path, capsys, monkeypatch):
    import benchmark.progress

    monkeypatch.setattr(benchmark.progress, "EVERY_S", 0.0)
    out = tmp_path / "results"
    argv = ["run", "--corpus", f"gold:{gold_dir}", "--engines", "fake-article"]
    assert main([*argv, "--out", str(out), "--no-cache", "--no-report", "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "extracting: 2 cells" in err and "extracting: 2/2 cells (100%)" in err


def test_schema_2_folder_still_reads(tmp_path):
    committed = Path(__file__).resolve().parents[1] / "results" / "aeb"
    result = load_results(committed)
    assert result.engines and "wall_ms" in result.pages


def test_drill_down_marked_in_forked_processes_equals_one_process(gold_dir, tmp_path, monkeypatch):
    from benchmark.report import data
    from benchmark.report.build import _source

    out = tmp_path / "results"
    bench(f"gold:{gold_dir}", "fake-article,fake-echo", out)
    source = _source(out, "r", None, None)
    anchors = {p.id: p.id for p in source.corpus.pages}
    alone = data.page_details(source, anchors)
    monkeypatch.setattr(data, "PARALLEL_MIN_CELLS", 0)
    monkeypatch.setattr(data.os, "sched_getaffinity", lambda pid: {0, 1})
    assert data.page_details(source, anchors) == alone
    assert set(alone) == set(anchors.values()) and alone["news-1"]["eng"]["fake-echo"]
