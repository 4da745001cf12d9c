"""The Dask executor against a local cluster on loopback: same cells, same figures."""

from __future__ import annotations

import json

import pytest

from benchmark.cli import main

pytest.importorskip("distributed")
TIMINGS = {"ms_median", "ms_mean", "cpu_ms_median", "cpu_s_total"}


def test_dask_local_cluster_gives_the_local_figures(gold_dir, tmp_path):
    runs = {}
    for executor in ("local", "dask"):
        out = tmp_path / executor
        assert (
            main(
                [
                    "run",
                    "--corpus",
                    f"gold:{gold_dir}",
                    "--engines",
                    "html-text,resiliparse",
                    "--executor",
                    executor,
                    "--workers",
                    "2",
                    "--out",
                    str(out),
                    "-q",
                    "--no-cache",
                ]
            )
            == 0
        )
        engines = json.loads((out / "summary.json").read_text())["engines"]
        runs[executor] = [{k: v for k, v in e.items() if k not in TIMINGS} for e in engines]
    assert runs["dask"] == runs["local"]
    assert all(e["failures"] == 0 for e in runs["dask"])


def test_bad_executor_is_one_line(capsys):
    assert main(["run", "--executor", "spark://x", "--engines", "html-text"]) == 2
    assert "--executor must be local, dask or dask://HOST:PORT" in capsys.readouterr().err
