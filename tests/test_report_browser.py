"""report.html in a real headless browser (Debian's chromium): it loads, its script
runs without console errors, and it shows the table and the plots."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from benchmark.cli import main
from tests.conftest import bench

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium(tmp_path, *args: str) -> subprocess.CompletedProcess:
    argv = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (make browser installs it)")
def test_report_in_headless_chromium(gold_dir, tmp_path):
    out = tmp_path / "results"
    bench(f"gold:{gold_dir}", "fake-article,fake-echo", out)
    assert main(["report", str(out)]) == 0
    url = (out / "report.html").as_uri()
    dom = chromium(tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom", url)
    assert 'data-ready="1"' in dom.stdout  # the page's script ran to its end
    assert dom.stdout.count("<svg") == 4 and "<table" in dom.stdout
    console = [line for line in dom.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == []
    shot = tmp_path / "report.png"
    chromium(tmp_path, "--window-size=1280,2000", f"--screenshot={shot}", url)
    assert shot.stat().st_size > 20_000
