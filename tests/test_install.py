"""The built wheel, installed in a fresh venv outside the repository, runs the bundled
benchmark from another folder (slow: builds and installs; offline, from uv's cache)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmark.engines.sidecar import uv_binary
from benchmark.results.io import load_results

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def _run(argv: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        argv, cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, f"{argv[:3]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A venv holding only the built wheel and its locked dependencies."""
    uv = uv_binary()
    if uv is None:
        pytest.skip("uv not found")
    work = tmp_path_factory.mktemp("wheel")
    _run([uv, "build", "--wheel", "--out-dir", str(work / "dist"), str(ROOT)], work)
    (wheel,) = (work / "dist").glob("boilerbench-*.whl")
    requirements = work / "requirements.txt"
    exported = _run(
        [uv, "export", "--project", str(ROOT), "--frozen", "--no-dev", "--no-emit-project", "-q"],
        work,
    )
    requirements.write_text(exported.stdout)
    venv = work / "venv"
    _run([uv, "venv", "-q", "--python", sys.executable, str(venv)], work)
    python = venv / "bin" / "python"
    install = [uv, "pip", "install", "-q", "--python", str(python), "-r", str(requirements)]
    # offline when uv's cache can answer; else from the registry, as `make setup` does
    try:
        _run([*install, "--offline", str(wheel)], work)
    except AssertionError:
        _run([*install, str(wheel)], work)
    return venv


def test_the_wheel_carries_the_gold_labels_and_engine_files(installed):
    site = next((installed / "lib").glob("python*/site-packages"))
    data = site / "benchmark" / "_data"
    assert (data / "gold" / "cases").is_dir() and (data / "gold" / "real" / "VERSION").is_file()
    assert (data / "node" / "readability-js" / "server.js").is_file()
    assert (data / "java" / "boilerpipe" / "BoilerpipeServer.java").is_file()
    assert not list(data.rglob("node_modules"))  # dependencies are installed, not shipped


def test_the_installed_tool_runs_the_bundled_benchmark_from_another_folder(installed, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    home = {"BOILERBENCH_HOME": str(tmp_path / "home")}
    bb = str(installed / "bin" / "boilerbench")
    _run([bb, "validate"], elsewhere, **home)
    _run([bb, "validate", "--real"], elsewhere, **home)
    argv = [bb, "run", "--engines", "html-text,trafilatura", "--out", "out", "-q", "--workers", "2"]
    _run(argv, elsewhere, **home)
    result = load_results(elsewhere / "out")
    assert result.corpus.pages == len(list((ROOT / "gold" / "cases").iterdir()))
    assert {e.name for e in result.engines} == {"html-text", "trafilatura"}
    assert result.engine("trafilatura").cells.failures == 0


def test_node_engine_installs_into_the_user_folder_from_the_wheel(installed, tmp_path):
    if shutil.which("npm") is None:
        pytest.skip("npm not installed")
    home = tmp_path / "home"
    bb = str(installed / "bin" / "boilerbench")
    env = {"BOILERBENCH_HOME": str(home), "npm_config_offline": "true"}  # from npm's cache
    listed = _run([bb, "engines", "--json"], tmp_path, **env).stdout
    assert '"readability-js"' in listed
    _run([bb, "setup-engines", "readability-js"], tmp_path, **env)
    (folder,) = home.glob("node-readability-js-*")
    assert (folder / "node_modules" / "jsdom").is_dir()
    corpus = "gold:" + str(ROOT / "gold" / "cases")
    argv = [bb, "run", "--corpus", corpus, "--engines", "readability-js", "--out", "o", "-q"]
    _run(argv, tmp_path, **env)
    assert load_results(tmp_path / "o").engine("readability-js").cells.failures == 0
