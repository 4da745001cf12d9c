"""The Dask executor against a local cluster on loopback: same cells, same figures."""

from __future__ import annotations

import pandas as pd
import pytest

from benchmark.cli import main
from tests.conftest import bench, figures

pytest.importorskip("distributed")


@pytest.mark.slow
def test_dask_local_cluster_gives_the_local_figures(gold_dir, tmp_path):
    engines = "html-text,resiliparse"
    local = bench(f"gold:{gold_dir}", engines, tmp_path / "local", "--executor", "local")
    dask = bench(f"gold:{gold_dir}", engines, tmp_path / "dask", "--executor", "dask")
    pd.testing.assert_frame_equal(figures(dask), figures(local))
    assert all(e.cells.failures == 0 for e in dask.engines)


def test_bad_executor_is_one_line(capsys):
    assert main(["run", "--executor", "spark://x", "--engines", "html-text"]) == 2
    assert "--executor must be local, dask or dask://HOST:PORT" in capsys.readouterr().err


@pytest.mark.slow
def test_dask_runs_an_external_engine(gold_dir, tmp_path):
    """A Dask worker knows no engine by name: the task carries the engine itself."""
    import sys

    command = f"{sys.executable} -c 'import sys; print(sys.stdin.read()[:80])'"
    result = bench(
        f"gold:{gold_dir}",
        "none",
        tmp_path / "dx",
        "--executor",
        "dask",
        "--external",
        f"dx={command}",
    )
    (engine,) = result.engines
    assert engine.name == "dx" and engine.cells.failures == 0 and engine.cells.pages == 2
