"""Where a run's CPU goes, process by process: a command's process tree sampled from /proc.

``make perf`` uses it to explain the live run's gap to the ideal (wall = engine CPU /
workers): how much CPU each part of boilerbench takes beside the engines, and how long a
core waits at the start (before both workers run cells) and at the end (after they
stop). Linux only; each process's CPU is its last sample (every ``interval`` seconds), so a
process's last fraction of an interval can be missed.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> float | None:
    """CPU seconds (user + system) of a live process, or None."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text.rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def _children(pid: int) -> list[int]:
    """The children of every thread of ``pid`` (Linux's ``task/*/children``)."""
    found: list[int] = []
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for thread in threads:
        try:
            found += map(int, Path(f"/proc/{pid}/task/{thread}/children").read_text().split())
        except OSError:
            continue
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@dataclass
class Sampled:
    """A finished command: wall seconds, each process's CPU and role, and a timeline
    (seconds since the start, cores in use since the previous sample)."""

    wall_s: float
    cpu: dict[int, float] = field(default_factory=dict)
    role: dict[int, str] = field(default_factory=dict)
    timeline: list[tuple[float, float, dict[str, float]]] = field(default_factory=list)

    def by_role(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for pid, seconds in self.cpu.items():
            out[self.role[pid]] = out.get(self.role[pid], 0.0) + seconds
        return {k: round(v, 2) for k, v in sorted(out.items())}

    def busy_from(self, role: str, cores: float) -> float:
        """When ``role``'s processes first used ``cores`` together (seconds since start)."""
        return next((t for t, _, roles in self.timeline if roles.get(role, 0.0) >= cores), 0.0)

    def busy_until(self, role: str, cores: float) -> float:
        """When ``role``'s processes last used ``cores`` together."""
        return next(
            (t for t, _, roles in reversed(self.timeline) if roles.get(role, 0.0) >= cores),
            self.wall_s,
        )

    def idle_core_s(self, start: float, stop: float, cores: int) -> float:
        """Core-seconds no process of the tree used between ``start`` and ``stop``."""
        idle, previous = 0.0, 0.0
        for t, used, _ in self.timeline:
            span = t - previous
            if start < t <= stop:
                idle += max(0.0, cores - used) * span
            previous = t
        return round(idle, 2)


def _role(parent_role: str, command: str) -> str:
    """A child's role: "fork server", "worker" (forked by the fork server), "helper"
    (multiprocessing's resource tracker), "dask" (a process the command spawned: a local
    Dask cluster's workers, and below them everything they start), "scoring" (any other
    child of the command: its forked scoring processes), or its parent's role (what an
    engine started)."""
    if parent_role == "fork server":
        return "worker"
    if parent_role == "main" and "multiprocessing.forkserver" in command:
        return "fork server"
    if "resource_tracker" in command:
        return "helper"
    if parent_role == "main" and "multiprocessing.spawn" in command:
        return "dask"
    return "scoring" if parent_role == "main" else parent_role


def _walk(root: int, roles: dict[int, str], unsure: dict[int, str]) -> list[int]:
    """The live tree under ``root``, new processes given their role in ``roles``.

    A child read between its fork and its exec still shows its parent's command line, so
    a fork server caught in that instant would look like a scoring process (and during the
    exec, the command line reads empty). Such a child's role stays unsure (``unsure``
    holds the command line it was judged on) and is judged again, before its own
    children, once its command line reads as something else."""
    alive, stack = [], [(root, "")]
    while stack:
        pid, parent_role = stack.pop()
        alive.append(pid)
        if pid in unsure and (command := _cmdline(pid)) not in ("", unsure[pid]):
            del unsure[pid]
            roles[pid] = _role(parent_role, command)
        for child in _children(pid):
            if child not in roles:
                command = _cmdline(child)
                roles[child] = _role(roles[pid], command)
                if command in ("", _cmdline(pid)):  # (empty: in the middle of its exec)
                    unsure[child] = command
            stack.append((child, roles[pid]))
    return alive


def sample(argv: list[str], interval: float = 0.2, **kw) -> Sampled:
    """Run ``argv`` (output discarded) and sample its process tree until it exits. The
    sampling itself takes ~1% of a core (a few /proc reads per process and sample)."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    found = Sampled(0.0)
    found.role[process.pid] = "main"
    unsure: dict[int, str] = {}
    previous_total, previous_roles = 0.0, {}
    while process.poll() is None:
        for pid in _walk(process.pid, found.role, unsure):
            if (stat := _stat(pid)) is not None:
                found.cpu[pid] = stat
        now = time.perf_counter() - started
        roles: dict[str, float] = {}
        for pid, seconds in found.cpu.items():
            roles[found.role[pid]] = roles.get(found.role[pid], 0.0) + seconds
        span = now - (found.timeline[-1][0] if found.timeline else 0.0)
        total = sum(found.cpu.values())
        if span > 0:
            rates = {k: (v - previous_roles.get(k, 0.0)) / span for k, v in roles.items()}
            found.timeline.append((now, (total - previous_total) / span, rates))
        previous_total, previous_roles = total, roles
        time.sleep(interval)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, argv)
    found.wall_s = time.perf_counter() - started
    return found
