"""Every real engine over pages built to break parsers: the harness never crashes and
every (engine, page) cell gets a recorded outcome."""

from __future__ import annotations

import pytest

from benchmark.cli import main
from benchmark.engines import resolve_engines
from benchmark.results.io import load_results
from tests.hostile import HOSTILE, write_hostile_corpus

pytestmark = pytest.mark.slow


def test_hostile_pages_never_crash_the_harness(tmp_path):
    root = write_hostile_corpus(tmp_path / "hostile")
    out = tmp_path / "out"
    code = main(
        [
            "run",
            "--corpus",
            f"gold:{root}",
            "--out",
            str(out),
            "--timeout",
            "20",
            "--memory-limit",
            "3072",
            "-q",
            "--no-cache",
        ]
    )
    assert code == 0
    result = load_results(out)
    engines = resolve_engines("all")
    assert len(result.engines) == len(engines)
    for engine in result.engines:
        assert engine.cells.pages == len(HOSTILE)
    assert len(result.pages) == len(HOSTILE) * len(engines)
    assert set(result.pages["status"]) <= {"ok", "error", "timeout", "crash"}
    # the ordinary small page inside all the noise is still extracted by most engines
    assert [e for e in result.engines if (e.value("recall") or 0) > 0]
