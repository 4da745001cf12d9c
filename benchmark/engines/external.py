"""Engines that are programs, not Python libraries.

Two ways to talk to them, both reading HTML and answering plain text:

- ``command_engine``: one process per page; HTML on standard input, text on standard
  output, a non-zero exit is an error. Given on the command line as
  ``--external NAME=COMMAND``.
- ``ServerProcess``: one long-lived process per worker, fed pages one after another
  as JSON lines (``{"html", "url"}`` in, ``{"text"}`` or ``{"error"}`` out), for engines
  whose start-up costs more than a page (Node.js, a JVM). Replies may carry ``html``
  instead of ``text``; the adapter turns it into text.

Children die with their worker (Linux ``PR_SET_PDEATHSIG``), so when the harness kills
a worker for exceeding the time limit no orphan keeps running; a server also exits
when its standard input closes.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import functools
import json
import shlex
import shutil
import signal
import subprocess
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import IO, Any

from benchmark.engines._base import Engine
from benchmark.engines._text import as_paragraphs
from benchmark.errors import UserError

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
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
        preexec_fn=_die_with_parent,
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


class ServerProcess:
    """A long-lived JSON-lines extraction server, started on first use in each worker."""

    def __init__(self, argv: Sequence[str], cwd: str | None = None) -> None:
        self.argv = list(argv)
        self.cwd = cwd
        self._process: subprocess.Popen[bytes] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        atexit.register(self._close)  # a clean exit closes the pipes and reaps the server
        return subprocess.Popen(
            self.argv,
            cwd=self.cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
        )

    def request(self, html: str, url: str) -> dict[str, Any]:
        """Send one page, return the server's reply object (raises on an error reply)."""
        if self._process is not None and self._process.poll() is not None:
            self._close()  # it died since the last page: start a fresh one
        if self._process is None:
            self._process = self._start()
        stdin: IO[bytes] = self._process.stdin  # type: ignore[assignment]
        stdout: IO[bytes] = self._process.stdout  # type: ignore[assignment]
        try:
            stdin.write(json.dumps({"html": html, "url": url}).encode() + b"\n")
            stdin.flush()
            line = stdout.readline()
        except BrokenPipeError:
            line = b""
        if not line:
            code = self._process.wait()
            self._close()
            raise ExternalEngineError(f"extraction server exited (status {code})")
        reply: dict[str, Any] = json.loads(line)
        if "error" in reply:
            raise ExternalEngineError(str(reply["error"])[:300])
        return reply

    def _close(self) -> None:
        if self._process is not None:
            for pipe in (self._process.stdin, self._process.stdout):
                if pipe is not None:
                    pipe.close()
            self._process.wait()
            self._process = None
