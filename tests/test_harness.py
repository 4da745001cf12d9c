"""The harness end to end with test-double engines: isolation, failures, cache, files."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from benchmark.corpus import load_corpus
from benchmark.engines import resolve_engines
from benchmark.results.write import write_results
from benchmark.runner.run import run_benchmark
from benchmark.runner.settings import RunSettings


def settings(tmp_path: Path, **kw) -> RunSettings:
    base = dict(
        workers=2,
        timeout=3.0,
        memory_mb=2048,
        cache_dir=tmp_path / "cache",
        resamples=200,
        progress=False,
    )
    return RunSettings(**{**base, **kw})


def test_perfect_and_keep_everything_engines(gold_dir, tmp_path):
    corpus = load_corpus(f"gold:{gold_dir}")
    result = run_benchmark(
        corpus, resolve_engines("fake-article,fake-echo"), settings=settings(tmp_path)
    )
    perfect, everything = result.summary["fake-article"], result.summary["fake-echo"]
    assert perfect["f1"] == 1.0 and perfect["accuracy"] == 1.0
    assert perfect["removal"]["spam"] == {
        **perfect["removal"]["spam"],
        "recall": 1.0,
        "precision": 1.0,
        "pages": 2,
    }
    assert everything["recall"] == 1.0 and everything["precision"] < 0.6
    assert everything["removal"]["spam"]["recall"] == 0.0
    assert everything["removal"]["sidebar"]["recall"] == 0.0
    assert everything["unmatched_share"] > 0  # shingles across block boundaries


def test_misbehaving_engines_cost_one_cell_each_and_the_run_goes_on(gold_dir, tmp_path):
    corpus = load_corpus(f"gold:{gold_dir}")
    names = "fake-article,fake-fail,fake-slow,fake-crash,fake-segfault,fake-exit,fake-hog,fake-none"
    result = run_benchmark(corpus, resolve_engines(names), settings=settings(tmp_path, timeout=2.0))
    by = result.pages.set_index(["engine", "page"])
    assert set(by.loc["fake-article", "status"]) == {"ok"}
    assert set(by.loc["fake-fail", "status"]) == {"error"}
    assert by.loc["fake-fail", "error"].iloc[0] == "ValueError: this engine always fails"
    assert set(by.loc["fake-slow", "status"]) == {"timeout"}
    assert set(by.loc["fake-crash", "status"]) == {"crash"}
    assert "exit code 3" in by.loc["fake-crash", "error"].iloc[0]
    assert set(by.loc["fake-segfault", "status"]) == {"crash"}
    assert "exit code -11" in by.loc["fake-segfault", "error"].iloc[0]  # SIGSEGV
    assert set(by.loc["fake-exit", "status"]) == {"error"}
    assert set(by.loc["fake-hog", "status"]) == {"error"}
    assert "MemoryError" in by.loc["fake-hog", "error"].iloc[0]
    assert "not str" in by.loc["fake-none", "error"].iloc[0]
    for name in ("fake-fail", "fake-slow", "fake-crash", "fake-segfault"):
        figures = result.summary[name]
        assert figures["failures"] == 2 and figures["recall"] == 0.0
        assert "removal" not in figures  # a crash is not a removal
    assert result.summary["fake-article"]["f1"] == 1.0


def test_rerun_reuses_the_cache_and_gives_the_same_figures(gold_dir, tmp_path):
    corpus = load_corpus(f"gold:{gold_dir}")
    engines = resolve_engines("fake-article,fake-echo,fake-fail")
    first = run_benchmark(corpus, engines, settings=settings(tmp_path))
    second = run_benchmark(corpus, engines, settings=settings(tmp_path))
    assert not first.pages["cached"].any()
    assert second.pages["cached"].all()
    assert first.summary == second.summary


def test_result_files_follow_the_contract(gold_dir, tmp_path):
    corpus = load_corpus(f"gold:{gold_dir}")
    result = run_benchmark(
        corpus, resolve_engines("fake-article,fake-echo"), settings=settings(tmp_path)
    )
    out = tmp_path / "results"
    write_results(result, out)
    doc = json.loads((out / "summary.json").read_text())
    assert doc["corpus"]["fingerprint"] == corpus.fingerprint and doc["corpus"]["pages"] == 2
    assert doc["harness"]["version"] and doc["machine"]["python"]
    engine = {e["name"]: e for e in doc["engines"]}["fake-article"]
    for key in (
        "name",
        "version",
        "pages",
        "failures",
        "f1",
        "precision",
        "recall",
        "accuracy",
        "ms_median",
    ):
        assert key in engine
    assert engine["version"] == pytest.__version__
    assert set(engine["removal"]) == {"spam", "sidebar", "navigation", "footer"}
    assert set(engine["removal"]["spam"]) >= {"recall", "precision", "pages"}
    pages = pd.read_csv(out / "pages.csv")
    assert len(pages) == 4
    assert {"engine", "page", "status", "error", "wall_ms", "cpu_ms", "recall"} <= set(
        pages.columns
    )
    outputs = json.loads((out / "outputs" / "fake-article.json").read_text())
    assert "council approved" in outputs["output"]["news-1"]["articleBody"]
    table = (out / "summary.md").read_text()
    assert "| fake-article |" in table and "spam removal R / P" in table


def test_unchanged_rerun_shows_results_only_when_this_cache_made_them(gold_dir, tmp_path, capsys):
    from benchmark.cli import main

    out, cache = tmp_path / "results", tmp_path / "cache"
    argv = [
        "run",
        "--corpus",
        f"gold:{gold_dir}",
        "--engines",
        "fake-article",
        "--out",
        str(out),
        "--cache",
        str(cache),
        "-q",
    ]
    assert main(argv) == 0
    assert "up to date" not in capsys.readouterr().err
    assert main(argv) == 0
    assert "up to date" in capsys.readouterr().err
    # the same results folder with another machine's (here: an empty) cache runs again
    assert main([*argv[:-3], "--cache", str(tmp_path / "other-cache"), "-q"]) == 0
    assert "up to date" not in capsys.readouterr().err
