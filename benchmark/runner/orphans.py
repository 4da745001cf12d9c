"""No process an engine started outlives the run.

A timed-out worker is killed; what it started dies with it by PDEATHSIG, and an
external command runs in its own PID namespace where the system allows
(``engines.external``). Where it does not, a grandchild that called ``setsid`` would
escape both. So the process that runs the benchmark makes itself a *child subreaper*
(Linux ``PR_SET_CHILD_SUBREAPER``): every orphan of its workers is re-parented to it
instead of to init, and ``Adopted.kill()`` ends each one that arrived during the run,
with its whole tree, once the workers are gone. Children this process had before the
run (a notebook's own) are left alone.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
from pathlib import Path

_PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> bool:
    try:
        return bool(ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_CHILD_SUBREAPER, 1) == 0)
    except OSError:
        return False


def _parents() -> dict[int, int]:
    """pid -> parent pid of every process we can see."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            stat = (entry / "stat").read_text()
            parents[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
    return parents


def children(pid: int | None = None) -> set[int]:
    pid = os.getpid() if pid is None else pid
    return {child for child, parent in _parents().items() if parent == pid}


def tree(root: int, parents: dict[int, int]) -> list[int]:
    """``root`` and all its descendants."""
    found, frontier = [root], [root]
    while frontier:
        current = frontier.pop()
        kids = [child for child, parent in parents.items() if parent == current]
        found += kids
        frontier += kids
    return found


class Adopted:
    """Orphans re-parented to this process between ``__init__`` and ``kill``."""

    def __init__(self) -> None:
        self.active = become_subreaper()
        self._before = children() if self.active else set()

    def kill(self) -> int:
        """SIGKILL every process adopted since, with its descendants; returns how many."""
        if not self.active:
            return 0
        parents = _parents()
        killed = 0
        for orphan in children() - self._before:
            for pid in tree(orphan, parents):
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
                    killed += 1
        for orphan in children() - self._before:  # reap them: no zombies left behind
            with contextlib.suppress(ChildProcessError, OSError):
                os.waitpid(orphan, os.WNOHANG)
        return killed
