"""boilerbench gate on a maintainer's repository: a fixture extractor package (the one in
examples/extractor-plugin) in a temporary git repository, with one neutral commit and
one that regresses (slow: builds two environments per gate)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow
KEEP_ALL = 'return "\\n\\n".join(collector.paragraphs[name])'
KEEP_HALF = 'return "\\n\\n".join(collector.paragraphs[name][::2])  # faster!'


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.test"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.test"}
    done = subprocess.run(["git", "-C", str(repo), *args], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """base -> neutral (a docstring) -> regress (drops every other paragraph)."""
    root = tmp_path_factory.mktemp("extractor")
    shutil.copytree(ROOT / "examples" / "extractor-plugin", root, dirs_exist_ok=True)
    module = root / "src" / "example_extractor" / "__init__.py"
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "base")
    module.write_text(module.read_text().replace("Standard library only.", "No dependencies."))
    _git(root, "commit", "-qam", "neutral: docstring")
    assert KEEP_ALL in module.read_text()
    module.write_text(module.read_text().replace(KEEP_ALL, KEEP_HALF))
    _git(root, "commit", "-qam", "regress: keep every other paragraph")
    return root


def gate(repo: Path, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``boilerbench gate`` as a user runs it: offline from uv's cache when it can be,
    else from the registry (as ``make setup`` installs)."""
    argv = [sys.executable, "-m", "benchmark", "gate", "--repo", str(repo), "--out", str(out)]
    for offline in ("1", "0"):
        env = {**os.environ, "UV_OFFLINE": offline}
        done = subprocess.run([*argv, *args], env=env, capture_output=True, text=True, timeout=900)
        if not (done.returncode == 2 and "network" in done.stderr.lower()):
            break
    return done


def test_a_neutral_commit_passes(repo, tmp_path):
    done = gate(repo, tmp_path / "out", "--base", "HEAD~2", "--head", "HEAD~1")
    assert done.returncode == 0, done.stderr[-2000:]
    verdict = json.loads((tmp_path / "out" / "gate.json").read_text())
    assert verdict["passed"] and verdict["engines"] == ["example-extractor"]  # entry point
    assert verdict["base"]["sha"] == _git(repo, "rev-parse", "HEAD~2")
    report = (tmp_path / "out" / "report.md").read_text()
    assert report.startswith("<!-- boilerbench-gate -->") and "no significant regression" in report
    assert (tmp_path / "out" / "base" / "summary.json").is_file()
    assert "boilerbench-example-extractor" in (tmp_path / "out" / "env-head.txt").read_text()


def test_a_regressing_commit_fails_the_gate(repo, tmp_path):
    done = gate(repo, tmp_path / "out", "--base", "HEAD~1", "--head", "main", "--metric", "recall")
    assert done.returncode == 1, done.stderr[-2000:]
    verdict = json.loads((tmp_path / "out" / "gate.json").read_text())
    assert not verdict["passed"]
    assert verdict["corpora"]["gold"][0].startswith("example-extractor recall -")
    assert "REGRESSION" in (tmp_path / "out" / "report.md").read_text()


def test_bad_revisions_and_engines_are_one_line_errors(repo, tmp_path):
    done = gate(repo, tmp_path / "o", "--base", "no-such-branch", "--head", "HEAD")
    assert done.returncode == 2 and "no such revision 'no-such-branch'" in done.stderr
    assert "Traceback" not in done.stderr
    done = gate(repo, tmp_path / "o", "--base", "HEAD~1", "--head", "HEAD", "--engine", "nope")
    assert done.returncode == 2 and "nope" in done.stderr and "Traceback" not in done.stderr
