"""Unlabelled archives: spam left per engine, and streaming in bounded memory."""

from __future__ import annotations

import json

from benchmark.cli import main
from benchmark.corpus import load_corpus
from benchmark.corpus.source import PageSource
from benchmark.corpus.warc import write_warc
from benchmark.injection.spam_patterns import spam_families
from benchmark.runner.pool import run_tasks
from benchmark.runner.task import Task


def test_spam_patterns():
    assert spam_families("buy cialis professional online no prescription pharmacy") == ["pharmacy"]
    assert spam_families("Get 50 free spins at our online casino") == ["casino"]
    assert spam_families("payday loans with instant approval") == ["loans"]
    links = "https://a.example/x https://b.example/y www.c.example/z https://d.example/w end"
    assert spam_families(links) == ["link-farm"]
    assert spam_families("The council approved the harbour budget.") == []


def test_scan_reports_spam_left_per_engine(gold_dir, tmp_path):
    archive = tmp_path / "a.warc.gz"
    write_warc(list(load_corpus(f"gold:{gold_dir}").pages), archive)
    out = tmp_path / "scan"
    assert (
        main(
            [
                "scan",
                str(archive),
                "--engines",
                "fake-article,fake-echo,fake-fail",
                "--out",
                str(out),
                "--timeout",
                "5",
            ]
        )
        == 0
    )
    result = json.loads((out / "scan.json").read_text())
    assert result["pages"] == 2
    engines = result["engines"]
    assert engines["fake-echo"]["spam_share"]["pharmacy"] == 1.0  # every page's spam kept
    assert engines["fake-article"]["spam_share"]["any"] == 0.0
    assert (
        engines["fake-fail"]["failures"] == 2 and engines["fake-fail"]["spam_share"]["any"] is None
    )
    assert "| fake-echo |" in (out / "scan.md").read_text()


def test_the_pool_pulls_tasks_lazily(gold_dir):
    page = load_corpus(f"gold:{gold_dir}").pages[0]
    pulled = []

    def endless():
        for number in range(10_000):
            pulled.append(number)
            yield Task(str(number), "fake-echo", page.id, PageSource(page.source.path), page.url)

    results = run_tasks(endless(), workers=2, timeout=5)
    for _ in range(3):
        next(results)
    results.close()
    # the window is workers x 4 tasks: the stream is not read ahead
    assert len(pulled) <= 2 * 4 + 3
