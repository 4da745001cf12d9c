"""Serve one Python engine over the engine protocol: ``python -m benchmark.engines.serve NAME``.

The Python side of ``benchmark.engines.protocol``, and its reference implementation. It
runs an engine in *another* Python environment than the harness's: a side environment
with a release that cannot share the main one (readability-lxml 0.9), or, for
``boilerbench gate``, an environment holding a maintainer's package at one git
revision. That environment does not need boilerbench installed: ``bootstrap_argv``
puts this package on ``sys.path`` just long enough to import it, so every other import
(the engine's library, lxml, ...) resolves in that environment alone.

The engine is looked up by name (built-in adapters and the ``boilerbench.engines``
entry points of the serving environment). The network is disabled, as in a worker;
the engine's own prints go to standard error, which keeps standard output for the
protocol.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

_BOOT = (
    "import sys; p = sys.argv.pop(1); sys.path.insert(0, p); import benchmark;"
    " sys.path.remove(p); from benchmark.engines.serve import main; sys.exit(main(sys.argv[1:]))"
)


def bootstrap_argv(python: str | Path, engine: str) -> tuple[str, ...]:
    """The command that serves ``engine`` with the interpreter ``python`` (of another
    environment), importing this very ``benchmark`` package (not an installed one)."""
    package_parent = str(Path(__file__).resolve().parents[2])
    return (str(python), "-c", _BOOT, package_parent, engine)


def _disable_network() -> None:
    """As in a harness worker (``benchmark.runner.worker``, which imports more than a
    side environment has): no engine fetches anything."""
    import socket

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError("network access is disabled in boilerbench engine servers")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse
    socket.getaddrinfo = refuse


def _describe(exc: BaseException) -> str:
    text = " ".join(f"{type(exc).__name__}: {exc}".split()).rstrip(":")
    return text if len(text) <= 300 else text[:299] + "…"


def _send(out: IO[bytes], reply: dict[str, Any]) -> None:
    out.write(json.dumps(reply, ensure_ascii=False).encode("utf-8") + b"\n")
    out.flush()


def main(argv: Sequence[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m benchmark.engines.serve ENGINE|--list", file=sys.stderr)
        return 2
    from benchmark.engines import get_engine, plugin_problems
    from benchmark.engines.protocol import PROTOCOL

    if argv[0] == "--list":  # the engines this environment's packages declare
        from benchmark.engines import _plugins

        for name in _plugins():
            print(name)
        for where, reason in plugin_problems().items():
            print(f"plugin not loaded: {where}: {reason}", file=sys.stderr)
        return 0

    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # an engine that prints must not break the protocol
    engine = get_engine(argv[0])
    _disable_network()
    if engine.module:
        importlib.import_module(engine.module)  # loaded before the handshake: not timed
    options = {key: str(value) for key, value in engine.options.items()}
    _send(
        out,
        {
            "protocol": PROTOCOL,
            "name": engine.name,
            "version": engine.version or "unknown",
            "options": options,
        },
    )
    for line in sys.stdin.buffer:
        request_id = None
        try:
            request = json.loads(line)
            request_id = request.get("id")
            text = engine.extract(request.get("html") or "", request.get("url") or "")
            if not isinstance(text, str):
                raise TypeError(f"engine returned {type(text).__name__}, not str")
            reply: dict[str, Any] = {"id": request_id, "text": text}
        except Exception as exc:  # this page fails; the server goes on
            reply = {"id": request_id, "error": _describe(exc)}
        _send(out, reply)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
