"""compare: paired differences, the regression gate, and refusing unlike corpora."""

from __future__ import annotations

import json
import math
import random
from dataclasses import replace

import numpy as np
import pytest

from benchmark.cli import main
from benchmark.results.io import load_results, write_results
from benchmark.scoring.metrics import BY_NAME
from benchmark.stats.bootstrap import Resamples, draw_indices
from benchmark.stats.paired import paired_difference
from tests.conftest import bench


def run(gold_dir, out, engines):
    bench(f"gold:{gold_dir}", engines, out)


MEAN = BY_NAME["recall"]  # a plain mean of per-page values


def estimator(parts):
    return lambda resamples: MEAN.estimate(parts, resamples)


def test_paired_difference_on_hand_made_values():
    base = (np.array([0.5, 0.5, 0.5, 0.5]),)
    head = (np.array([0.9, 0.9, 0.9, 0.9]),)
    drawn = Resamples.draw(4, 200, 1)
    diff = paired_difference(estimator(base), estimator(head), drawn)
    assert diff.delta == pytest.approx(0.4) and diff.low == pytest.approx(0.4) and diff.significant
    same = paired_difference(estimator(base), estimator(base), drawn)
    assert same.delta == 0 and not same.significant


def test_paired_bootstrap_matches_a_plain_loop():
    rng = random.Random(3)
    a = np.array([rng.random() for _ in range(30)])
    b = np.array([rng.random() for _ in range(30)])
    indices = draw_indices(30, 300, 7)
    diff = paired_difference(estimator((a,)), estimator((b,)), Resamples.of_indices(indices, 30))
    plain = sorted(float(np.mean(b[row]) - np.mean(a[row])) for row in indices)
    assert diff.low == pytest.approx(np.percentile(plain, 2.5))
    assert diff.high == pytest.approx(np.percentile(plain, 97.5))


def test_f1_uses_means_then_f1():
    p, r = np.array([1.0, 0.5, math.nan]), np.array([1.0, 0.5, 0.0])
    assert BY_NAME["f1"].point((p, r)) == pytest.approx(2 * 0.75 * 0.5 / 1.25)


def rename(folder, old: str, new: str) -> None:
    """Rewrite a results folder as if engine ``old`` had been called ``new``."""
    result = load_results(folder, outputs=True)
    for table in (result.pages, result.kinds):
        table.loc[table["engine"] == old, "engine"] = new
    result.engines = [
        replace(e, info=replace(e.info, name=new)) if e.name == old else e for e in result.engines
    ]
    result.outputs = {new if k == old else k: v for k, v in (result.outputs or {}).items()}
    write_results(result, folder)


def test_regression_gate_exit_codes(gold_dir, tmp_path, capsys):
    good, bad = tmp_path / "good", tmp_path / "bad"
    run(gold_dir, good, "fake-article")
    run(gold_dir, bad, "fake-echo")
    # pretend HEAD's keep-everything output came from the same engine (through the model)
    rename(bad, "fake-echo", "fake-article")
    md = tmp_path / "comment.md"
    assert main(["compare", str(good), str(good)]) == 0
    # precision drops from 1 to ~0.4 on every page: significant, beyond the threshold
    assert (
        main(["compare", str(good), str(bad), "--metric", "precision", "--markdown", str(md)]) == 1
    )
    out = capsys.readouterr()
    assert "regression(s): fake-article precision" in out.err
    assert "**REGRESSION**" in md.read_text() and "| fake-article |" in md.read_text()
    # a huge threshold: the drop is significant but not large enough to gate
    assert (
        main(["compare", str(good), str(bad), "--metric", "precision", "--threshold", "0.9"]) == 0
    )
    # recall did not change: no regression when gating on recall
    assert main(["compare", str(good), str(bad), "--metric", "recall"]) == 0


def test_refuses_different_corpora(gold_dir, tmp_path, capsys):
    first, second = tmp_path / "a", tmp_path / "b"
    run(gold_dir, first, "fake-article")
    (gold_dir / "cases" / "news-2" / "page.html").write_text("<p>changed</p>")
    (gold_dir / "cases" / "news-2" / "gold.yaml").write_text(
        "url: https://n.example/x\nprovenance: t\ntemplate: t\nlanguage: en\n"
        "segments:\n  - article: changed\n"
    )
    run(gold_dir, second, "fake-article")
    assert main(["compare", str(first), str(second)]) == 2
    assert "not comparable" in capsys.readouterr().err
    assert main(["compare", str(first), str(second), "--allow-different-corpus"]) == 0


def test_refuses_other_schema(gold_dir, tmp_path, capsys):
    out = tmp_path / "a"
    run(gold_dir, out, "fake-article")
    doc = json.loads((out / "summary.json").read_text())
    doc["schema_version"] = 99
    (out / "summary.json").write_text(json.dumps(doc))
    assert main(["compare", str(out), str(out)]) == 2
    assert "result schema 99" in capsys.readouterr().err


def test_pairs_compares_every_row_of_one_run_with_the_others(gold_dir, tmp_path, capsys):
    """--pairs: first - second on the same resampled pages, for every pair of rows;
    the point difference is the difference of the two rows' figures."""
    from benchmark.compare import pairwise_differences

    out = tmp_path / "run"
    run(gold_dir, out, "fake-article,fake-echo")
    result = load_results(out)
    (pair,) = pairwise_differences(result, metrics=["precision"], resamples=200)
    article, echo = result.engine("fake-article"), result.engine("fake-echo")
    assert (pair.first, pair.second) == ("fake-article", "fake-echo")
    assert pair.delta == pytest.approx(article.value("precision") - echo.value("precision"))
    assert pair.significant and pair.low > 0 and pair.std > 0
    md = tmp_path / "pairs.md"
    assert main(["compare", str(out), "--pairs", "--markdown", str(md)]) == 0
    text = md.read_text()
    assert text.count("| fake-article | fake-echo |") == 3  # f1, precision, recall
    # one folder only, and two folders need no --pairs: one line, exit 2
    assert main(["compare", str(out), str(out), "--pairs"]) == 2
    assert main(["compare", str(out)]) == 2
    assert "needs BASE and HEAD" in capsys.readouterr().err
