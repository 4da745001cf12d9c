"""``scripts/proctree.py``, which ``make perf`` uses to split a live run's gap to the ideal:
every process of the tree is found and given its role, and its CPU is counted."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "proctree", Path(__file__).resolve().parents[1] / "scripts" / "proctree.py"
)
assert _spec is not None and _spec.loader is not None
proctree = importlib.util.module_from_spec(_spec)
sys.modules["proctree"] = proctree  # (dataclasses look their module up by name)
_spec.loader.exec_module(proctree)

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="Linux /proc")

#: a task that takes 0.15 s of CPU, for the programs below
BUSY = """
import multiprocessing, time

def busy(_):
    started = time.process_time()
    while time.process_time() - started < 0.15:
        pass
"""

PROGRAM = (
    BUSY
    + """
if __name__ == "__main__":
    with multiprocessing.get_context("forkserver").Pool(2) as pool:  # like the workers
        pool.map(busy, [1, 2])
    with multiprocessing.get_context("fork").Pool(1) as pool:  # like the scoring
        pool.map(busy, [1])
"""
)


def test_every_process_is_found_with_its_role_and_cpu(tmp_path):
    script = tmp_path / "program.py"
    script.write_text(PROGRAM)
    found = proctree.sample([sys.executable, str(script)], interval=0.02)
    cpu = found.by_role()
    assert {"main", "fork server", "worker", "scoring", "helper"} <= set(cpu)
    assert cpu["worker"] >= 0.2  # two workers, 0.15 s of CPU each (the last sample may be early)
    assert cpu["scoring"] >= 0.05
    assert found.timeline and found.wall_s >= found.timeline[-1][0]
    busy = found.busy_from("worker", 0.5)
    assert 0 < busy <= found.busy_until("worker", 0.5) <= found.wall_s
    assert found.idle_core_s(0, found.wall_s, 2) >= 0


def test_a_failed_command_raises(tmp_path):
    with pytest.raises(Exception, match="returned non-zero exit status 3"):
        proctree.sample([sys.executable, "-c", "raise SystemExit(3)"])


SLOW_EXEC = """
import os, sys, time

if __name__ == "__main__":
    child = os.fork()
    if child == 0:  # seen first with this program's command line, then as a fork server
        time.sleep(0.3)
        server = "import time; time.sleep(0.3)  # multiprocessing.forkserver"
        os.execv(sys.executable, [sys.executable, "-c", server])
    os.waitpid(child, 0)
"""


def test_a_child_seen_before_its_exec_is_judged_again_after_it(tmp_path):
    script = tmp_path / "program.py"
    script.write_text(SLOW_EXEC)
    found = proctree.sample([sys.executable, str(script)], interval=0.02)
    assert sorted(found.role.values()) == ["fork server", "main"]


SPAWNED = (
    BUSY
    + """
if __name__ == "__main__":
    with multiprocessing.get_context("spawn").Pool(1) as pool:  # like a local Dask cluster
        pool.map(busy, [1])
"""
)


def test_a_spawned_process_is_taken_for_a_dask_worker(tmp_path):
    script = tmp_path / "program.py"
    script.write_text(SPAWNED)
    found = proctree.sample([sys.executable, str(script)], interval=0.02)
    assert "dask" in found.by_role() and "scoring" not in found.by_role()
