"""Engine registry: built-in adapters, installed plugins, and engines added at run time.

- **Built-in**: every module in this package that defines ``ENGINES`` is scanned.
  Adding an engine to boilerbench is adding one file.
- **Plugins**: any installed distribution can declare an entry point in the group
  ``boilerbench.engines``, naming a module with ``ENGINES``, a list of ``Engine``, one
  ``Engine``, or a function returning either; e.g. in its ``pyproject.toml``::

      [project.entry-points."boilerbench.engines"]
      myextractor = "myextractor.bench:ENGINES"

  A maintainer's package is found without touching boilerbench. A plugin that fails to
  load, or takes a name already in use, is skipped and reported (``plugin_problems``,
  ``boilerbench engines``); the other engines run.
- **At run time**: ``register(Engine(name=..., extract=...))`` (a notebook, a test).

Duplicate names among built-ins are an error; an unknown name gets a "did you mean"
suggestion.
"""

from __future__ import annotations

import difflib
import importlib
import importlib.metadata
import pkgutil
from collections.abc import Iterable
from functools import cache
from types import ModuleType
from typing import Any

from benchmark.engines._base import Engine, EngineSpec, EngineUnavailable, Extractor
from benchmark.errors import UserError

__all__ = [
    "ENTRY_POINT_GROUP",
    "Engine",
    "EngineSpec",
    "EngineUnavailable",
    "Extractor",
    "all_engines",
    "available_engines",
    "get_engine",
    "origin",
    "plugin_problems",
    "register",
    "resolve_engines",
]

ENTRY_POINT_GROUP = "boilerbench.engines"
_EXTRA: dict[str, Engine] = {}
_PROBLEMS: dict[str, str] = {}
_PLUGIN_OF: dict[str, str] = {}  # engine name -> "distribution version" that declared it


@cache
def _scanned() -> dict[str, Engine]:
    registry: dict[str, Engine] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for engine in getattr(module, "ENGINES", ()):
            if engine.name in registry:
                raise RuntimeError(f"duplicate engine name {engine.name!r} in {module.__name__}")
            registry[engine.name] = engine
    return registry


def _engines_in(loaded: Any) -> list[Engine]:
    """What an entry point may name: a module with ENGINES, a list, an Engine, or a
    function returning a list or an Engine."""
    if isinstance(loaded, ModuleType):
        loaded = getattr(loaded, "ENGINES", None)
    elif callable(loaded) and not isinstance(loaded, Engine):
        loaded = loaded()
    if isinstance(loaded, Engine):
        return [loaded]
    if isinstance(loaded, Iterable) and not isinstance(loaded, str | bytes):
        items = list(loaded)
        if items and all(isinstance(e, Engine) for e in items):
            return items
    raise TypeError("it must name ENGINES (a list of boilerbench Engine), an Engine or a module")


@cache
def _plugins() -> dict[str, Engine]:
    """Engines of the installed distributions' ``boilerbench.engines`` entry points."""
    builtin = _scanned()
    found: dict[str, Engine] = {}
    for point in sorted(
        importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda p: p.name
    ):
        where = f"entry point {point.name!r} ({point.value})"
        try:
            engines = _engines_in(point.load())
        except Exception as exc:  # a broken plugin must not stop the other engines
            _PROBLEMS[where] = f"{type(exc).__name__}: {exc}"
            continue
        for engine in engines:
            if engine.name in builtin or engine.name in found:
                _PROBLEMS[where] = f"engine name {engine.name!r} is already taken: skipped"
                continue
            found[engine.name] = engine
            dist = point.dist
            _PLUGIN_OF[engine.name] = f"{dist.name} {dist.version}" if dist else point.value
    return found


def plugin_problems() -> dict[str, str]:
    """Plugins that could not be loaded, by entry point, with the reason."""
    _plugins()
    return dict(_PROBLEMS)


def origin(name: str) -> str:
    """Where an engine comes from: ``built-in``, ``plugin <dist> <version>`` or
    ``registered`` (at run time)."""
    if name in _scanned():
        return "built-in"
    if name in _plugins():
        return f"plugin {_PLUGIN_OF.get(name, '')}".strip()
    return "registered"


def register(engine: Engine) -> None:
    """Add an engine at run time (a notebook, external commands, test doubles). A name
    taken by a built-in or plugin engine is an error; registering a name again replaces
    the earlier registration."""
    if not isinstance(engine, Engine):
        raise TypeError("register() takes an Engine(name=..., extract=...)")
    if engine.name in _scanned() or engine.name in _plugins():
        raise UserError(f"engine name {engine.name!r} is already taken by an installed engine")
    _EXTRA[engine.name] = engine


def all_engines() -> dict[str, Engine]:
    return {**_scanned(), **_plugins(), **_EXTRA}


def available_engines(structured: bool = False) -> list[Engine]:
    """The built-in and plugin engines installed here: the plain-text rows (what
    ``--engines all`` runs), or with ``structured`` the structured-output rows
    (``--engines structured``)."""
    engines = {**_scanned(), **_plugins()}.values()
    return [e for e in engines if e.available and (e.output != "text") == structured]


def get_engine(name: str) -> Engine:
    engines = all_engines()
    if name not in engines:
        close = difflib.get_close_matches(name, engines, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise UserError(f"unknown engine {name!r}{hint} (see 'boilerbench engines')")
    return engines[name]


def resolve_engines(spec: str | None) -> list[Engine]:
    """``None``/``"all"``: every available built-in and plugin plain-text engine;
    ``"none"``: no live engine; otherwise a comma-separated list of names, where ``all``
    and ``structured`` (every available structured-output row) may appear (an
    unavailable name is an error)."""
    if spec in (None, "", "all"):
        return available_engines()
    if spec == "none":
        return []
    engines: list[Engine] = []
    for name in (n.strip() for n in spec.split(",")):
        if name in ("all", "structured"):
            engines += available_engines(structured=name == "structured")
        elif name:
            engines.append(get_engine(name))
    missing = [e.name for e in engines if not e.available]
    if missing:
        raise UserError(
            f"engine(s) not installed: {', '.join(missing)}"
            " (run 'make setup', or 'boilerbench setup-engines'; see 'boilerbench engines')"
        )
    return engines
