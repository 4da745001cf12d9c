"""The typed results model: the JSON Schema, round trips, schema-1 upgrade, public API."""

from __future__ import annotations

import json
import math
from pathlib import Path

import jsonschema
import pandas as pd
import pytest

import benchmark
from benchmark.cli import main
from benchmark.errors import UserError
from benchmark.results.io import load_results
from benchmark.scoring.metrics import BY_NAME, METRICS, get_metric
from tests.conftest import bench

SCHEMA = Path(benchmark.__file__).parent / "results" / "summary.schema.json"
SCHEMA_1 = Path(__file__).parent / "fixtures" / "schema-1"


def validate(path: Path) -> None:
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator(schema).validate(json.loads(path.read_text()))


def test_summary_json_follows_its_json_schema(gold_dir, tmp_path):
    out = tmp_path / "out"
    bench(f"gold:{gold_dir}", "fake-article,fake-echo,fake-fail", out)
    validate(out / "summary.json")


def test_snippet_only_summary_follows_the_schema(tmp_path):
    from tests.test_formats import make_trafilatura_eval

    out = tmp_path / "out"
    bench(f"trafilatura:{make_trafilatura_eval(tmp_path)}", "fake-echo", out)
    validate(out / "summary.json")


def test_schema_1_folders_are_read_and_upgraded(gold_dir, tmp_path):
    """The fixture was written by the schema-1 boilerbench (html-text and trafilatura on
    the conftest pages, 50 resamples); schema 2 reads it to the same figures."""
    old = load_results(SCHEMA_1)
    assert old.corpus.fingerprint == "752dbf399f968001" and old.corpus.kind_labelled_pages == 0
    assert set(old.kinds.columns[:5]) == {"engine", "page", "kind", "units", "kept"}
    assert set(old.kinds["kind"]) == {"article", "navigation", "spam", "sidebar", "footer"}
    new = bench(f"gold:{gold_dir}", "html-text,trafilatura", tmp_path / "new", "--resamples", "50")
    assert new.corpus.fingerprint == old.corpus.fingerprint
    for name in ("html-text", "trafilatura"):
        before, after = old.engine(name), new.engine(name)
        for metric in ("f1", "precision", "recall", "removal:spam:recall", "snippets:f1"):
            b, a = before.figure(metric), after.figure(metric)
            assert b is not None and a is not None, (name, metric)
            assert b.value == pytest.approx(a.value), (name, metric)
            if not math.isnan(b.low):  # schema 1 had no interval for snippets
                assert (b.low, b.high) == pytest.approx((a.low, a.high)), (name, metric)
    # compare reads the old folder and the new one alike
    assert main(["compare", str(SCHEMA_1), str(tmp_path / "new")]) == 0


def test_a_new_metric_is_one_declaration():
    names = [m.name for m in METRICS]
    assert len(names) == len(set(names))
    for metric in METRICS:
        assert metric.formula, metric.name  # every metric states its formula
    assert BY_NAME["removal:spam:recall"].block == ("removal", "spam")
    assert BY_NAME["snippets:found:spam"].block == ("snippets", "found_by_kind", "spam")


def test_unknown_metric_suggests_the_right_one():
    with pytest.raises(UserError, match="did you mean 'f1'"):
        get_metric("F1")


def test_public_api_is_importable_and_listed():
    from benchmark import available_engines, load_corpus, run_benchmark  # noqa: F401

    for name in benchmark.__all__:
        assert getattr(benchmark, name) is not None, name
    with pytest.raises(AttributeError):
        benchmark.nothing_here  # noqa: B018


def test_notebook_api_round_trip(gold_dir, tmp_path):
    from benchmark import RunSettings, load_corpus, run_benchmark

    corpus = load_corpus(f"gold:{gold_dir}")
    settings = RunSettings(workers=1, cache_dir=None, progress=False, resamples=100)
    result = run_benchmark(corpus, ["fake-article"], settings=settings, out=tmp_path / "r")
    frame = result.summary_frame()
    assert frame.loc[0, "f1"] == 1.0 and "removal_spam_recall_low" in frame
    again = load_results(tmp_path / "r", outputs=True)
    pd.testing.assert_frame_equal(again.figures_frame(), result.figures_frame())
    assert "harbour" in again.outputs["fake-article"]["news-1"]


def test_a_torn_result_set_is_never_taken_for_complete(gold_dir, tmp_path, monkeypatch, capsys):
    """A kill between two renames: the folder must not pass for complete results, and the
    next run must not call it up to date."""
    import os
    import stat

    from benchmark.results import files

    out, cache = tmp_path / "out", tmp_path / "cache"
    argv = ["run", "--corpus", f"gold:{gold_dir}", "--out", str(out), "--cache", str(cache), "-q"]
    assert main([*argv, "--engines", "fake-article"]) == 0
    mode = stat.S_IMODE(os.stat(out / "summary.json").st_mode)
    assert mode == 0o666 & ~files._umask()  # readable by others, not mkstemp's 0600
    real_write, written = files.write_atomic, []

    def dying_write(path, data):
        if len(written) == 2:
            raise KeyboardInterrupt  # the process is killed after two renames
        real_write(path, data)
        written.append(path)

    monkeypatch.setattr(files, "write_atomic", dying_write)
    assert main([*argv, "--engines", "fake-echo"]) == 130  # interrupted
    monkeypatch.setattr(files, "write_atomic", real_write)
    capsys.readouterr()
    assert main(["compare", str(out), str(out)]) == 2
    assert "incomplete or torn results: no MANIFEST.json" in capsys.readouterr().err
    assert main([*argv, "--engines", "fake-echo"]) == 0
    assert "up to date" not in capsys.readouterr().err
    (engine,) = load_results(out, outputs=True).engines
    assert engine.name == "fake-echo"
    # a file changed behind the manifest's back is refused too
    (out / "pages.csv").write_text((out / "pages.csv").read_text() + "\n")
    with pytest.raises(UserError, match=r"pages\.csv is not the file its manifest lists"):
        load_results(out)
