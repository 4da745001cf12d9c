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


def not_text(html: str, url: str) -> str:
    return None  # type: ignore[return-value]


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
}


def register_fakes() -> None:
    for name, function in FAKES.items():
        if name not in all_engines():
            # "pytest" is installed, so the engine counts as available with a real version
            register(
                Engine(
                    name=name,
                    extract=function,
                    description=f"test double: {function.__doc__}",
                    distribution="pytest",
                    module="pytest",
                )
            )
