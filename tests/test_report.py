"""The report: marking of missed and leaked text, and the files a report writes."""

from __future__ import annotations

from benchmark.cli import main
from benchmark.corpus.model import Segment
from benchmark.report.marking import mark_gold, mark_output
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


def test_text_in_article_and_related_is_shown_as_article():
    marked = dict(labels(mark_output(SEGMENTS, "the new harbour budget on Tuesday")))
    assert marked["budget"] == "article"


def test_report_files(gold_dir, tmp_path, capsys):
    out = tmp_path / "results"
    bench(f"gold:{gold_dir}", "fake-article,fake-echo", out)
    assert main(["report", str(out)]) == 0
    html = (out / "report.html").read_text()
    assert html.count("<svg") == 4  # F1 bars, P-R scatter, removal heatmap, speed vs F1
    assert '<table class="sortable">' in html and "fake-echo" in html
    assert "Worst pages per engine" in html and 'title="spam"' in html  # echo leaks the spam
    for name in ("f1", "precision-recall", "removal-heatmap", "speed-f1"):
        assert (out / "plots" / f"{name}.png").stat().st_size > 1000
        assert (out / "plots" / f"{name}.svg").is_file()
    readme = (out / "README.md").read_text()
    assert "](plots/f1.png)" in readme and "| fake-article |" in readme
    assert 'src="http' not in html and "<link" not in html  # self-contained
