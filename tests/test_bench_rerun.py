"""`make bench` twice: the second run, even when it recomputes every cell (a cold
cache), leaves every tracked file under results/ as it was (`git diff --exit-code`).
Runs in a copy of the repository (its tracked files, with this checkout's .venv and
node_modules linked in), so this checkout is never touched."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


def sh(*argv: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout + done.stderr


#: engines whose output on a page depends on what the same process extracted before it
#: (``scripts/order_dependence.py``; docs/engines.md): which pages a worker gets varies
#: from run to run, so their figures may too
ORDER_DEPENDENT = {"newspaper4k"}


def assert_only_order_dependent_rows_differ(repo: Path, env: dict[str, str]) -> None:
    import io

    import pandas as pd

    def table(text: str) -> pd.DataFrame:
        frame = pd.read_csv(io.StringIO(text))
        return frame[~frame["engine"].isin(ORDER_DEPENDENT)].reset_index(drop=True)

    for name in ("pages.csv", "kinds.csv"):
        before = table(sh("git", "show", f"HEAD:results/{name}", cwd=repo, env=env))
        after = table((repo / "results" / name).read_text(encoding="utf-8"))
        pd.testing.assert_frame_equal(before, after)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_second_make_bench_changes_nothing_under_results(tmp_path):
    repo = tmp_path / "repo"
    files = sh("git", "ls-files", "-z", cwd=ROOT).split("\0")
    for name in filter(None, files):
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, target)
    for linked in (".venv", ".tools", "node/readability-js/node_modules"):
        if (ROOT / linked).exists():
            (repo / linked).symlink_to(ROOT / linked)
    if (ROOT / ".boilerbench-cache").is_dir():  # warm: memoised code hashes and cells
        shutil.copytree(ROOT / ".boilerbench-cache", repo / ".boilerbench-cache")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    env.pop("BOILERBENCH_DATA", None)
    sh("git", "init", "-q", cwd=repo, env=env)
    first = sh("make", "bench", cwd=repo, env=env)
    assert "The report: " in first and "report.html" in first.splitlines()[-1]
    sh("git", "add", "-A", cwd=repo, env=env)
    sh(
        "git",
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@t",
        "commit",
        "-qm",
        "first",
        cwd=repo,
        env=env,
    )
    # the same run again: up to date, nothing written
    sh("make", "bench", cwd=repo, env=env)
    sh("git", "diff", "--exit-code", "--stat", "results/", cwd=repo, env=env)
    # every cell recomputed (new timings, no cache hits): still nothing changes
    again = sh("make", "bench", "BENCH_ARGS=--force", cwd=repo, env=env)
    computed = re.search(r"(\d+) cells computed, 0 from cache", again)
    assert computed, again[-2000:]
    with (repo / "results" / "pages.csv").open(encoding="utf-8") as rows:
        cells = sum(1 for _ in rows) - 1  # one row per (engine, page)
    assert int(computed.group(1)) == cells
    changed = sh("git", "diff", "--name-only", "results/", cwd=repo, env=env).split()
    if changed:  # only an engine whose output depends on the pages before it may differ
        assert_only_order_dependent_rows_differ(repo, env)
    status = sh("git", "status", "--porcelain", "results/", cwd=repo, env=env)
    assert not [line for line in status.splitlines() if line.startswith("??")]  # nothing new
    assert (repo / "results" / "run.json").is_file() and (
        repo / "results" / "timings.csv"
    ).is_file()
