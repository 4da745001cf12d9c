"""Engines that misbehave on purpose, registered only in the tests.

They let the suite test the harness (isolation, time limits, crashes, caching)
without depending on any real extraction library.
"""

from __future__ import annotations

import os
import re
import time

from benchmark.engines import Engine, all_engines, register

_TAGS = re.compile(r"<(script|style|head)\b.*?</\1>|<[^>]+>", re.S | re.I)


def echo(html: str, url: str) -> str:
    """Keep everything: all text between tags."""
    return "\n\n".join(line.strip() for line in _TAGS.sub("\n", html).splitlines() if line.strip())


def article_only(html: str, url: str) -> str:
    """A perfect engine for pages that wrap the article in <article>."""
    match = re.search(r"<article>(.*?)</article>", html, re.S)
    return echo(match.group(1), url) if match else ""


def fail(html: str, url: str) -> str:
    raise ValueError("this engine always fails")


def slow(html: str, url: str) -> str:
    time.sleep(60)
    return ""


def crash(html: str, url: str) -> str:
    os._exit(3)


def segfault(html: str, url: str) -> str:
    """Dereference a null pointer: the process dies with SIGSEGV."""
    import ctypes

    return ctypes.string_at(0).decode()


def exit_(html: str, url: str) -> str:
    raise SystemExit(1)


def hog(html: str, url: str) -> str:
    return "x" * (8 * 1024**3)  # beyond the test's memory limit: MemoryError


def unavailable(html: str, url: str) -> str:
    from benchmark.engines import EngineUnavailable

    raise EngineUnavailable("this engine cannot read the page's language here")


def not_text(html: str, url: str) -> str:
    return None  # type: ignore[return-value]


def net_probe(html: str, url: str) -> str:
    """Try every way out to a listener on 127.0.0.1 (port in $BOILERBENCH_TEST_PORT): the
    socket module, the _socket module under it, UDP, reloading socket, libc's connect
    through ctypes, and a child process. Returns which attempts got through."""
    import _socket
    import ctypes
    import importlib
    import socket
    import subprocess
    import sys

    port = int(os.environ["BOILERBENCH_TEST_PORT"])
    reached = []

    def attempt(name, action):
        try:
            action()
            reached.append(name)
        except OSError:
            pass

    attempt("socket", lambda: socket.create_connection(("127.0.0.1", port), timeout=2).close())
    raw = lambda: _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)  # noqa: E731
    attempt("_socket", lambda: raw().connect(("127.0.0.1", port)))
    udp = lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("127.0.0.1", port))  # noqa: E731
    attempt("udp", udp)
    importlib.reload(socket)
    attempt("reload", lambda: socket.create_connection(("127.0.0.1", port), timeout=2).close())

    def libc_connect():
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        fd = libc.socket(2, 1, 0)  # AF_INET, SOCK_STREAM
        if fd < 0:
            raise OSError("socket refused")
        address = (ctypes.c_ubyte * 16)(2, 0, port >> 8, port & 255, 127, 0, 0, 1)
        if libc.connect(fd, address, 16) != 0:
            raise OSError("connect refused")

    attempt("ctypes", libc_connect)
    code = f"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=2)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    if done.returncode == 0:
        reached.append("subprocess")
    return "reached: " + (" ".join(reached) or "nothing")


def import_time_probe(html: str, url: str) -> str:
    """What its library reached when imported, and the process that imported it."""
    from tests import fake_import_probe

    return f"{fake_import_probe.REACHED}; imported in {fake_import_probe.IMPORTED_IN}"


def broken_library(html: str, url: str) -> str:
    """Imports a library that raises RuntimeError when imported."""
    import tests.fake_broken_library  # noqa: F401

    return ""


FAKES = {
    "fake-echo": echo,
    "fake-article": article_only,
    "fake-fail": fail,
    "fake-slow": slow,
    "fake-crash": crash,
    "fake-segfault": segfault,
    "fake-exit": exit_,
    "fake-hog": hog,
    "fake-none": not_text,
    "fake-unavailable": unavailable,
    "fake-net": net_probe,
}


#: engines whose ``module`` (a stand-in library) the pool's fork server imports
LIBRARIES = {
    "fake-import-net": (import_time_probe, "tests.fake_import_probe"),
    "fake-broken-import": (broken_library, "tests.fake_broken_library"),
}


def register_fakes() -> None:
    every = {name: (function, "pytest") for name, function in FAKES.items()} | LIBRARIES
    for name, (function, module) in every.items():
        if name not in all_engines():
            # "pytest" is installed, so the engine counts as available with a real version
            register(
                Engine(
                    name=name,
                    extract=function,
                    description=f"test double: {function.__doc__}",
                    distribution="pytest",
                    module=module,
                )
            )
