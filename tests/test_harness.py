"""The harness end to end with test-double engines: isolation, failures, cache, files."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from benchmark import load_corpus, load_results, run_benchmark, write_results
from benchmark.engines import resolve_engines
from benchmark.settings import RunSettings


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
    perfect, everything = result.engine("fake-article"), result.engine("fake-echo")
    assert perfect.value("f1") == 1.0 and perfect.value("accuracy") == 1.0
    spam = perfect.figure("removal:spam:recall")
    assert spam.value == 1.0 and spam.pages == 2 and spam.low == spam.high == 1.0
    assert perfect.value("removal:spam:precision") == 1.0
    assert everything.value("recall") == 1.0 and everything.value("precision") < 0.6
    assert everything.value("removal:spam:recall") == 0.0
    assert everything.value("removal:sidebar:recall") == 0.0
    assert everything.value("unmatched:share") > 0  # shingles across block boundaries


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
        engine = result.engine(name)
        assert engine.cells.failures == 2 and engine.value("recall") == 0.0
        assert not engine.removal_kinds()  # a crash is not a removal
    assert result.engine("fake-article").value("f1") == 1.0


def test_rerun_reuses_the_cache_and_gives_the_same_figures(gold_dir, tmp_path):
    corpus = load_corpus(f"gold:{gold_dir}")
    engines = resolve_engines("fake-article,fake-echo,fake-fail")
    first = run_benchmark(corpus, engines, settings=settings(tmp_path))
    second = run_benchmark(corpus, engines, settings=settings(tmp_path))
    assert not first.pages["cached"].any()
    assert second.pages["cached"].all()
    pd.testing.assert_frame_equal(first.figures_frame(), second.figures_frame())


def test_result_files_follow_the_contract(gold_dir, tmp_path):
    corpus = load_corpus(f"gold:{gold_dir}")
    result = run_benchmark(
        corpus, resolve_engines("fake-article,fake-echo"), settings=settings(tmp_path)
    )
    out = tmp_path / "results"
    write_results(result, out)
    doc = json.loads((out / "summary.json").read_text())
    assert doc["schema_version"] == 3
    assert not {"created", "timings"} & set(doc) and "workers" not in doc["settings"]
    assert doc["corpus"]["fingerprint"] == corpus.fingerprint and doc["corpus"]["pages"] == 2
    assert doc["corpus"]["kind_labelled_pages"] == 2
    assert doc["harness"]["version"] and doc["machine"]["python"]
    engine = {e["name"]: e for e in doc["engines"]}["fake-article"]
    assert engine["version"] == pytest.__version__
    assert engine["cells"]["pages"] == 2 and engine["cells"]["failures"] == 0
    assert "timing" not in engine  # what varies between runs is in run.json
    run = json.loads((out / "run.json").read_text())
    assert run["run_digest"] == doc["run_digest"] and run["created"]
    assert run["engines"]["fake-article"]["ms_median"] >= 0 and run["settings"]["workers"]
    content = engine["content"]
    assert content["metric"] == "aeb-shingles" and content["f1"] == 1.0
    assert set(content["ci"]["f1"]) == {"low", "high", "std", "pages"}
    assert set(engine["removal"]) == {"spam", "sidebar", "navigation", "footer"}
    assert set(engine["removal"]["spam"]) >= {"recall", "precision", "pages", "ci"}
    pages = pd.read_csv(out / "pages.csv")
    assert len(pages) == 4 and not any(":" in c for c in pages.columns)
    assert {"engine", "page", "status", "error", "recall"} <= set(pages.columns)
    assert not {"wall_ms", "cpu_ms", "cached"} & set(pages.columns)
    timings = pd.read_csv(out / "timings.csv")
    assert list(timings.columns) == ["engine", "page", "cached", "wall_ms", "cpu_ms"]
    info = pd.read_csv(out / "corpus.csv")
    assert list(info["page"]) == ["news-1", "news-2"] and set(info["language"]) == {"en"}
    kinds = pd.read_csv(out / "kinds.csv")
    assert list(kinds.columns[:5]) == ["engine", "page", "kind", "units", "kept"]
    assert set(kinds["kind"]) == {"article", "spam", "sidebar", "navigation", "footer"}
    figures = pd.read_csv(out / "figures.csv")
    assert {"engine", "metric", "value", "low", "high", "pages"} <= set(figures.columns)
    outputs = json.loads((out / "outputs" / "fake-article.json").read_text())
    assert "council approved" in outputs["output"]["news-1"]["articleBody"]
    table = (out / "summary.md").read_text()
    assert "| fake-article |" in table and "spam removal R / P" in table
    # read back through the model: the same figures
    again = load_results(out)
    pd.testing.assert_frame_equal(again.figures_frame(), result.figures_frame())
    assert again.provenance.created == result.provenance.created
    assert again.engines[0].timing == result.engines[0].timing
    columns = ["engine", "page", "cached", "wall_ms", "cpu_ms", "recall"]
    pd.testing.assert_frame_equal(again.pages[columns], result.pages[columns])


def test_api_and_cli_write_identical_results(gold_dir, tmp_path):
    from benchmark.cli import main

    api, cli = tmp_path / "api", tmp_path / "cli"
    run_benchmark(
        f"gold:{gold_dir}",
        ["fake-article", "fake-echo"],
        settings=settings(tmp_path, cache_dir=None),
        out=api,
    )
    argv = ["run", "--corpus", f"gold:{gold_dir}", "--engines", "fake-article,fake-echo"]
    assert (
        main(
            [
                *argv,
                "--out",
                str(cli),
                "--no-cache",
                "-q",
                "--workers",
                "2",
                "--timeout",
                "3",
                "--memory-limit",
                "2048",
                "--resamples",
                "200",
            ]
        )
        == 0
    )
    # every tracked file is the same bytes; only run.json and timings.csv differ
    for name in ("summary.json", "kinds.csv", "figures.csv", "summary.md", "summary.csv"):
        assert (api / name).read_text() == (cli / name).read_text(), name
    for name in ("pages.csv", "corpus.csv"):
        assert (api / name).read_text() == (cli / name).read_text(), name


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


def test_spawned_workers_run_builtin_and_external_engines(gold_dir, tmp_path):
    """Tasks carry picklable engine specs: a spawned worker has no registry of ours."""
    import sys

    from benchmark.engines.external import command_engine
    from benchmark.plan import make_plan
    from benchmark.runner.cache import OutputCache
    from benchmark.runner.pool import WorkerPool

    external = command_engine(f"ext={sys.executable} -c 'import sys; print(sys.stdin.read()[:80])'")
    corpus = load_corpus(f"gold:{gold_dir}")
    engines = [*resolve_engines("fake-article"), external]
    plan = make_plan(corpus, engines, (), settings(tmp_path, cache_dir=None))
    _, tasks = plan.lookup(OutputCache(None))
    with WorkerPool(2, start_method="spawn") as pool:
        outcomes = {(t.engine.name, t.page): o for t, o in pool.run(tasks, timeout=60)}
    assert len(outcomes) == 4 and {o.status for o in outcomes.values()} == {"ok"}
    assert "council approved" in outcomes["fake-article", "news-1"].text


def test_an_engine_unavailable_for_a_page_is_counted_apart(gold_dir, tmp_path):
    corpus = load_corpus(f"gold:{gold_dir}")
    result = run_benchmark(corpus, resolve_engines("fake-unavailable"), settings=settings(tmp_path))
    (engine,) = result.engines
    assert engine.cells.unavailable == 2 and engine.cells.failures == 2 and engine.cells.errors == 0
    assert set(result.pages["status"]) == {"unavailable"}
    assert result.pages["error"].iloc[0].startswith("EngineUnavailable: ")


def test_engines_a_fresh_interpreter_cannot_import_keep_the_fork_start_method():
    """A fork server runs only what it can import by module name: an engine defined in
    a notebook's or a script's ``__main__`` keeps the ``fork`` start method."""
    from benchmark.engines import get_engine
    from benchmark.engines._base import EngineSpec
    from benchmark.runner import forkserver

    def local(html: str, url: str) -> str:
        return html

    local.__module__ = "__main__"
    assert forkserver.usable([get_engine("fake-echo").spec])
    assert not forkserver.usable([get_engine("fake-echo").spec, EngineSpec("nb", local)])
    assert not forkserver.usable([])  # tasks not known in advance


def test_a_library_that_fails_to_import_fails_its_cells_not_the_pool(gold_dir, tmp_path):
    """An engine library raising RuntimeError on import (not ImportError) does not stop
    the fork server that preloads it: that engine's cells are errors saying why, and
    the other engines' cells are computed."""
    corpus = load_corpus(f"gold:{gold_dir}")
    engines = resolve_engines("fake-broken-import,fake-echo")
    result = run_benchmark(corpus, engines, settings=settings(tmp_path))
    broken = result.pages[result.pages["engine"] == "fake-broken-import"]
    assert set(broken["status"]) == {"error"}
    assert broken["error"].str.contains("cannot be imported here").all()
    echo = result.pages[result.pages["engine"] == "fake-echo"]
    assert set(echo["status"]) == {"ok"}


def test_a_script_without_a_main_guard_runs_once(tmp_path):
    """Workers of a fork server re-import the main script; a user's script that calls
    ``run_benchmark`` without ``if __name__ == "__main__"`` must not run again in them
    (so such a script keeps the fork start method), and the run completes."""
    import subprocess
    import sys

    script = tmp_path / "bench.py"
    script.write_text(
        "import os\n"
        "from benchmark import run_benchmark\n"
        "from benchmark.settings import RunSettings\n"
        "print('body', os.getpid(), flush=True)\n"
        "s = RunSettings(workers=2, timeout=20, cache_dir=None, progress=False, resamples=10)\n"
        "r = run_benchmark('gold', ['html-text'], settings=s)\n"
        "print('statuses', sorted(set(r.pages['status'])), flush=True)\n"
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.count("body ") == 1, done.stdout
    assert "statuses ['ok']" in done.stdout


def test_a_run_leaves_the_process_wide_fork_server_settings_as_they_were(gold_dir, tmp_path):
    """The pool's fork server is stopped with the pool, and multiprocessing's preload
    list is put back: a later fork server of the caller's own imports what it asked."""
    import multiprocessing.forkserver

    before = list(multiprocessing.forkserver._forkserver._preload_modules)
    run_benchmark(
        load_corpus(f"gold:{gold_dir}"), resolve_engines("fake-echo"), settings=settings(tmp_path)
    )
    assert multiprocessing.forkserver._forkserver._preload_modules == before
    assert multiprocessing.forkserver._forkserver._forkserver_pid is None
