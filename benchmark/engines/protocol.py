"""The boilerbench engine protocol: an engine in any language, as a long-lived process.

The harness starts the engine's command **once per worker process** and talks to it in
JSON lines (one UTF-8 JSON object per line) over its standard input and output:

1. **Handshake.** The server's first line, written as soon as it is ready to extract
   (libraries loaded), before it reads anything::

       {"protocol": "boilerbench-engine/1", "name": "boilerpipe", "version": "1.2.0",
        "options": {"extractor": "ArticleExtractor"}}

   ``name`` and ``version`` are required (the version is read from what is installed,
   never typed by hand); ``options`` is optional.
2. **Requests**, one page per line: ``{"id": 1, "html": "<html>...", "url": "https://..."}``
   (``url`` may be empty; ``id`` counts up from 1).
3. **Responses**, one line per request, in order, echoing ``id``:
   ``{"id": 1, "text": "..."}`` (paragraphs separated by newlines), or
   ``{"id": 1, "html": "..."}`` (the article's HTML: the harness converts it to text with
   the block-aware conversion every HTML-returning engine shares), or
   ``{"id": 1, "error": "one line"}`` (this page failed; the server keeps serving).
4. **End.** When its standard input closes, the server exits (status 0).

Standard error is free for the server's logs (the harness keeps its last lines for
error messages). The server must not print anything else on standard output. Timing:
the process is started, and its handshake read, *before* the clock of the first page
starts, so per-page times are of extraction alone. A server that dies or answers out of
turn fails that one page; the next page starts a fresh server. The harness runs servers
without network access (a network namespace, where ``unshare`` is allowed) and kills
them with their worker (Linux ``PR_SET_PDEATHSIG``).

``ServerCommand`` is the picklable engine callable a task carries to any worker (forked,
spawned or on a Dask cluster); each worker keeps one ``ServerProcess`` per command.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path
from typing import IO, Any

from benchmark.engines._base import Engine
from benchmark.engines._text import as_paragraphs, html_fragment_to_text
from benchmark.engines.external import ExternalEngineError, die_with_parent
from benchmark.errors import UserError

PROTOCOL = "boilerbench-engine/1"


class ProtocolError(ExternalEngineError):
    """The server broke the protocol (no handshake, a reply out of turn, not JSON)."""


@dataclass(frozen=True)
class Handshake:
    name: str
    version: str
    options: Mapping[str, Any] = field(default_factory=dict)


def parse_handshake(line: bytes) -> Handshake:
    try:
        hello = json.loads(line)
    except ValueError:
        hello = None
    if not isinstance(hello, dict) or hello.get("protocol") != PROTOCOL:
        shown = line[:120].decode("utf-8", "replace").strip() or "nothing"
        raise ProtocolError(f"not a {PROTOCOL} server: its first line was {shown!r}")
    if not hello.get("name") or not hello.get("version"):
        raise ProtocolError("the handshake must give a name and a version")
    options = hello.get("options") or {}
    return Handshake(str(hello["name"]), str(hello["version"]), dict(options))


@cache
def network_namespace_prefix() -> tuple[str, ...]:
    """``unshare -rn`` (a private network namespace with no interfaces) where the
    system allows it, so a server in any language cannot reach the network."""
    if os.environ.get("BOILERBENCH_SERVER_NETWORK") == "1":
        return ()
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    try:
        ok = subprocess.run([unshare, "-rn", "true"], capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ()
    return (unshare, "-rn") if ok.returncode == 0 else ()


class ServerProcess:
    """One running protocol server: started on first use, restarted after it dies."""

    def __init__(
        self,
        argv: tuple[str, ...] | list[str],
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        isolate: bool = True,
    ) -> None:
        self.argv = list(argv)
        self.cwd = cwd
        self.env = dict(env) if env is not None else None
        self.isolate = isolate
        self.handshake: Handshake | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._next_id = 1
        atexit.register(self.close)  # a clean exit closes the pipes and reaps the server

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self) -> Handshake:
        """Start the server (if it is not running) and return its handshake."""
        if self._process is not None and self._process.poll() is not None:
            self.close()  # it died since the last page: start a fresh one
        if self._process is not None and self.handshake is not None:
            return self.handshake
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the server)
        env = None if self.env is None else {**os.environ, **self.env}
        prefix = network_namespace_prefix() if self.isolate else ()
        try:
            self._process = subprocess.Popen(
                [*prefix, *self.argv],
                cwd=self.cwd,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
                preexec_fn=die_with_parent,
            )
        except OSError as exc:
            self.close()
            raise ExternalEngineError(f"cannot start {self.argv[0]}: {exc}") from None
        line = self._read_line()
        if not line:
            raise ExternalEngineError(f"the server exited before its handshake{self._died()}")
        try:
            self.handshake = parse_handshake(line)
        except ProtocolError:
            self.close()
            raise
        self._next_id = 1
        return self.handshake

    def request(self, html: str, url: str) -> dict[str, Any]:
        """Send one page, return the server's reply (raises on an error reply)."""
        self.start()
        request_id = self._next_id
        self._next_id += 1
        stdin: IO[bytes] = self._process.stdin  # type: ignore[union-attr,assignment]
        try:
            stdin.write(json.dumps({"id": request_id, "html": html, "url": url}).encode())
            stdin.write(b"\n")
            stdin.flush()
        except BrokenPipeError:
            pass
        line = self._read_line()
        if not line:
            raise ExternalEngineError(f"the server exited{self._died()}")
        try:
            reply = json.loads(line)
        except ValueError:
            self.close()
            raise ProtocolError(f"reply is not JSON: {line[:80]!r}") from None
        if not isinstance(reply, dict) or reply.get("id", request_id) != request_id:
            self.close()  # out of step: a fresh server for the next page
            raise ProtocolError(f"reply out of turn (expected id {request_id}): {line[:80]!r}")
        if "error" in reply:
            raise ExternalEngineError(" ".join(str(reply["error"]).split())[:300])
        if not isinstance(reply.get("text", reply.get("html")), str):
            raise ProtocolError("reply has neither 'text' nor 'html' (a string)")
        return reply

    def _read_line(self) -> bytes:
        stdout: IO[bytes] = self._process.stdout  # type: ignore[union-attr,assignment]
        try:
            return stdout.readline()
        except OSError:
            return b""

    def _died(self) -> str:
        """' (status N): last stderr line', and the process is reaped."""
        assert self._process is not None
        code = self._process.wait()
        tail = ""
        if self._stderr is not None:
            self._stderr.seek(0)
            lines = self._stderr.read().decode("utf-8", "replace").strip().splitlines()
            tail = f": {lines[-1][:200]}" if lines else ""
        self.close()
        return f" (status {code}){tail}"

    def close(self) -> None:
        if self._process is not None:
            for pipe in (self._process.stdin, self._process.stdout):
                if pipe is not None:
                    with contextlib.suppress(OSError):
                        pipe.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        self.handshake = None


#: this process's servers, one per command (a task's copy of a ServerCommand finds it)
_SERVERS: dict[ServerCommand, ServerProcess] = {}


@dataclass(frozen=True)
class ServerCommand:
    """How to start a protocol server: the picklable ``extract`` of a server engine."""

    argv: tuple[str, ...]
    cwd: str | None = None
    env: tuple[tuple[str, str], ...] = ()

    def server(self) -> ServerProcess:
        found = _SERVERS.get(self)
        if found is None:
            found = _SERVERS[self] = ServerProcess(self.argv, self.cwd, dict(self.env) or None)
        return found

    def warm(self) -> None:
        """Start the server before the clock starts (called by the worker)."""
        self.server().start()

    def __call__(self, html: str, url: str) -> str:
        reply = self.server().request(html, url)
        if "text" in reply:
            return as_paragraphs(reply["text"])
        return html_fragment_to_text(reply["html"])


@cache
def handshake_of(command: ServerCommand) -> Handshake | None:
    """Start the server once in this process to read its handshake (None if it cannot
    start or does not speak the protocol); the server is closed again."""
    server = ServerProcess(command.argv, command.cwd, dict(command.env) or None)
    try:
        return server.start()
    except ExternalEngineError:
        return None
    finally:
        server.close()


def handshake_version(command: ServerCommand) -> str | None:
    """The version a server's handshake reports (None when it does not start)."""
    hello = handshake_of(command)
    return hello.version if hello else None


def server_engine(spec: str) -> Engine:
    """``NAME=COMMAND`` (``--engine-server``) -> an engine served by COMMAND over the
    protocol; its version is the one its handshake reports."""
    name, sep, command = spec.partition("=")
    name, command = name.strip(), command.strip()
    if not sep or not name or not command:
        raise UserError(f"--engine-server expects NAME=COMMAND, got {spec!r}")
    argv = tuple(shlex.split(command))
    program = shutil.which(argv[0])
    files = [Path(program)] if program else []
    files += [Path(a) for a in argv[1:] if Path(a).is_file()]  # the script an interpreter runs
    server = ServerCommand(argv, cwd=os.getcwd())
    return Engine(
        name=name,
        extract=server,
        description=f"engine server (protocol {PROTOCOL}): {command}",
        options={"command": command},
        version_from=partial(handshake_version, server),
        code_paths=partial(list, files),
    )
