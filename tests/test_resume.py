"""An interrupted run (Ctrl-C or a killed process) loses no finished cell and no file."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmark.results.io import load_results
from tests.conftest import NEWS_PAGE, NEWS_SEGMENTS, write_case

pytestmark = pytest.mark.slow

SLOW = "import sys, time; html = sys.stdin.read(); time.sleep(0.4); print(html[:200])"


def slow_run(gold: Path, out: Path, cache: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "benchmark",
        "run",
        "--corpus",
        f"gold:{gold}",
        "--engines",
        "none",
        "--external",
        f"slow={sys.executable} -c '{SLOW}'",
        "--workers",
        "1",
        "--out",
        str(out),
        "--cache",
        str(cache),
        "-q",
    ]


def wait_for_cells(cache: Path, count: int, seconds: float = 120.0) -> None:
    """Until the run has committed ``count`` cells to its cache."""
    import sqlite3

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with sqlite3.connect(cache / "outputs.sqlite") as db:
                if db.execute("SELECT COUNT(*) FROM outputs").fetchone()[0] >= count:
                    return
        except sqlite3.Error:
            pass
        time.sleep(0.1)
    raise AssertionError(f"no {count} cells committed within {seconds} s")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_interrupted_run_resumes_from_finished_cells(tmp_path, sig):
    gold = tmp_path / "gold"
    for n in range(12):
        write_case(
            gold,
            f"page-{n:02d}",
            NEWS_PAGE.replace("Tuesday", f"day {n}"),
            [
                {k: v.replace("Tuesday", f"day {n}")}
                for seg in NEWS_SEGMENTS
                for k, v in seg.items()
            ],
        )
    out, cache = tmp_path / "out", tmp_path / "cache"
    process = subprocess.Popen(
        slow_run(gold, out, cache),
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C as in a terminal, even when this test runs where SIGINT is ignored (a
        # background job of a non-interactive shell: the child would inherit SIG_IGN)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    wait_for_cells(cache, 2)  # a few cells done, most not (however loaded the machine is)
    process.send_signal(sig)
    process.wait(timeout=30)
    assert process.returncode != 0
    assert not out.exists() or not list(out.glob("**/.*.tmp"))  # no half-written file
    done = subprocess.run(slow_run(gold, out, cache), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    reused = int(done.stderr.split(" cells computed, ")[1].split(" from cache")[0])
    assert 0 < reused < 12
    (engine,) = load_results(out).engines
    assert engine.cells.pages == 12 and engine.cells.failures == 0
