"""What runs inside a worker process: one engine on one page, timed, errors caught.

Workers are cut off from the network by the OS (``runner.isolation``: no engine may
fetch anything at run time) and,
optionally, an address-space limit so a runaway engine hits MemoryError instead of
taking the machine down. Page HTML is read here from its ``PageSource``, so the parent
sends a few hundred bytes per task; a small cache serves the next engine on the page.
"""

from __future__ import annotations

import contextlib
import faulthandler
import importlib
import logging
import re
import resource
import time
import warnings
from collections import OrderedDict
from dataclasses import dataclass

from benchmark.corpus.source import PageSource
from benchmark.engines._base import EngineSpec, EngineUnavailable
from benchmark.runner.isolation import MECHANISMS, isolate

OK, ERROR, TIMEOUT, CRASH = "ok", "error", "timeout", "crash"
#: the engine cannot run on this page here (e.g. its language needs data that is not
#: installed): a failure for the figures, counted apart from extraction errors
UNAVAILABLE = "unavailable"
_PAGE_CACHE: OrderedDict[PageSource, str] = OrderedDict()
_PAGE_CACHE_SIZE = 4
_WARM: set[str] = set()


@dataclass(frozen=True, slots=True)
class Extraction:
    """The outcome of one (engine, page) cell. ``text`` is None unless status is ok."""

    status: str
    text: str | None
    error: str | None
    wall_ms: float
    cpu_ms: float


def init_worker(
    memory_mb: int | None, preload: tuple[str, ...] = (), isolation: tuple[str, ...] = MECHANISMS
) -> None:
    """Pool initializer: cut off from the network by the OS (``runner.isolation``),
    quiet libraries, the engines' libraries imported (an import that fails is left for
    the engine's first page to report), and an optional memory ceiling."""
    isolate(isolation)
    faulthandler.disable()  # a crashing engine is reported as a crash cell, not a dump
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    for module in preload:
        with contextlib.suppress(Exception):
            importlib.import_module(module)
    if memory_mb:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _html(source: PageSource) -> str:
    html = _PAGE_CACHE.get(source)
    if html is None:
        html = source.read_html()
        _PAGE_CACHE[source] = html
        if len(_PAGE_CACHE) > _PAGE_CACHE_SIZE:
            _PAGE_CACHE.popitem(last=False)
    else:
        _PAGE_CACHE.move_to_end(source)
    return html


def describe(exc: BaseException) -> str:
    """One line: the exception type and message, whitespace folded, at most 300 chars."""
    text = " ".join(f"{type(exc).__name__}: {exc}".split()).rstrip(":")
    text = re.sub(r"\*{3,}", "", text).replace("  ", " ")
    return text if len(text) <= 300 else text[:299] + "…"


def extract(engine: EngineSpec, source: PageSource, url: str) -> Extraction:
    """Run one engine on one page. Engine errors become an ``error`` Extraction."""
    if engine.name not in _WARM and engine.module:
        # import the library before the clock starts: timings are of extraction alone
        with contextlib.suppress(Exception):
            importlib.import_module(engine.module)
        _WARM.add(engine.name)
    warm = getattr(engine.extract, "warm", None)
    if callable(warm):  # an engine server: (re)started before the clock starts
        with contextlib.suppress(Exception):  # a failed start is the page's error below
            warm()
    html = _html(source)
    wall, cpu = time.perf_counter(), time.process_time()
    text: str | None = None
    error: str | None = None
    try:
        returned: object = engine.extract(html, url)
    except (KeyboardInterrupt, GeneratorExit):
        raise
    except EngineUnavailable as exc:
        status, error = UNAVAILABLE, describe(exc)
    except BaseException as exc:  # SystemExit and MemoryError too: the page fails, not the run
        status, error = ERROR, describe(exc)
    else:
        if isinstance(returned, str):
            status, text = OK, returned
        else:
            status, error = ERROR, f"engine returned {type(returned).__name__}, not str"
    wall_ms = (time.perf_counter() - wall) * 1000
    cpu_ms = (time.process_time() - cpu) * 1000
    return Extraction(status, text, error, wall_ms, cpu_ms)
