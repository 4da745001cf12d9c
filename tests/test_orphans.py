"""A timed-out external command and everything it started die, a setsid escapee too."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest

from benchmark.cli import main
from benchmark.engines import external


def running_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except (OSError, IndexError):
                continue
            if marker in cmdline and state != "Z":
                found.append(int(entry.name))
    return found


@pytest.mark.parametrize("namespace", [True, False], ids=["pid-namespace", "subreaper"])
def test_no_orphan_survives_a_timed_out_command(namespace, gold_dir, tmp_path, monkeypatch):
    if namespace and not external._pid_namespace_prefix():
        pytest.skip("PID namespaces are not available here")
    if not namespace:
        monkeypatch.setattr(external, "_pid_namespace_prefix", lambda: ())
    marker = f"{1000 + uuid.uuid4().int % 1000}.{uuid.uuid4().int % 1000}"
    # the command starts a grandchild in a new session (escaping its process group),
    # then hangs past the time limit
    script = tmp_path / "escape.sh"
    script.write_text(f"#!/bin/sh\nsetsid sleep {marker} &\nsleep {marker}\n")
    script.chmod(0o755)
    argv = ["run", "--corpus", f"gold:{gold_dir}", "--engines", "none", "--no-cache", "-q"]
    code = main(
        [*argv, "--external", f"esc={script}", "--timeout", "2", "--out", str(tmp_path / "o")]
    )
    assert code == 0
    deadline = time.monotonic() + 10
    while running_with(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert running_with(marker) == []
