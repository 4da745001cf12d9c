"""Engines that are programs run once per page (``--external NAME=COMMAND``).

HTML on standard input, text on standard output, a non-zero exit is an error. The
simplest way to try a program, but its start-up is timed with every page and it has no
version: for real measurements use the engine protocol (``benchmark.engines.protocol``,
``--engine-server``), one long-lived process per worker with a handshake.

Children die with their worker (Linux ``PR_SET_PDEATHSIG``), so when the harness kills
a worker for exceeding the time limit no orphan keeps running.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import shlex
import shutil
import signal
import subprocess
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from benchmark.engines._base import Engine
from benchmark.engines._text import as_paragraphs
from benchmark.errors import UserError

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    with contextlib.suppress(OSError):  # not Linux: the time limit still ends the worker
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


class ExternalEngineError(RuntimeError):
    """The external program failed on this page."""


@functools.cache
def _pid_namespace_prefix() -> tuple[str, ...]:
    """``unshare --pid --fork --kill-child`` where it works (root, util-linux): the
    command then runs as PID 1 of its own PID namespace, and when it dies (its worker
    killed for a time-out kills it, by PDEATHSIG) the kernel kills every process left
    in the namespace, those that called ``setsid`` to escape their group included.
    Elsewhere: () and the command gets a session of its own (``orphans`` cleans up)."""
    prefix = ("unshare", "--pid", "--fork", "--kill-child")
    if shutil.which("unshare") is None:
        return ()
    try:
        done = subprocess.run([*prefix, "true"], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ()
    return prefix if done.returncode == 0 else ()


def run_command(argv: Sequence[str], html: str, url: str) -> str:
    prefix = _pid_namespace_prefix()
    done = subprocess.run(
        [*prefix, *argv],
        input=html.encode("utf-8"),
        capture_output=True,
        env={"BOILERBENCH_URL": url, "PATH": _path()},
        preexec_fn=die_with_parent,
        start_new_session=not prefix,
        check=False,
    )
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise ExternalEngineError(f"exit status {done.returncode}: {tail[0][:200]}")
    return as_paragraphs(done.stdout.decode("utf-8", "replace"))


def _path() -> str:
    import os

    return os.environ.get("PATH", "/usr/bin:/bin")


def command_engine(spec: str) -> Engine:
    """``NAME=COMMAND`` -> an engine running COMMAND once per page."""
    name, sep, command = spec.partition("=")
    name, command = name.strip(), command.strip()
    if not sep or not name or not command:
        raise UserError(f"--external expects NAME=COMMAND, got {spec!r}")
    argv = shlex.split(command)
    program = shutil.which(argv[0])
    files = [Path(program)] if program else []
    files += [Path(a) for a in argv[1:] if Path(a).is_file()]  # the script an interpreter runs
    return Engine(
        name=name,
        extract=partial(run_command, argv),
        description=f"external command: {command}",
        options={"command": command},
        version_from=partial(_command_version, program),
        code_paths=partial(list, files),
    )


def _command_version(program: str | None) -> str | None:
    """An external command has no version we can read: its code hash stands in
    (``code_sha256`` in the results); None when the program is not found."""
    return "external" if program else None
