"""Engine registry: every module in this package that defines ``ENGINES`` is scanned.

Adding an engine is adding one file. Duplicate names are an error; an unknown name
gets a "did you mean" suggestion.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from functools import cache

from benchmark.engines._base import Engine, EngineSpec, EngineUnavailable, Extractor
from benchmark.errors import UserError

__all__ = [
    "Engine",
    "EngineSpec",
    "EngineUnavailable",
    "Extractor",
    "all_engines",
    "available_engines",
    "get_engine",
    "register",
    "resolve_engines",
]

_EXTRA: dict[str, Engine] = {}


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


def register(engine: Engine) -> None:
    """Add an engine at run time (external commands, test doubles)."""
    if engine.name in _scanned():
        raise UserError(f"engine name {engine.name!r} is already taken by a built-in engine")
    _EXTRA[engine.name] = engine


def all_engines() -> dict[str, Engine]:
    return {**_scanned(), **_EXTRA}


def available_engines(structured: bool = False) -> list[Engine]:
    """The built-in engines installed here: the plain-text rows (what ``--engines all``
    runs), or with ``structured`` the structured-output rows (``--engines structured``)."""
    return [e for e in _scanned().values() if e.available and (e.output != "text") == structured]


def get_engine(name: str) -> Engine:
    engines = all_engines()
    if name not in engines:
        close = difflib.get_close_matches(name, engines, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise UserError(f"unknown engine {name!r}{hint} (see 'boilerbench engines')")
    return engines[name]


def resolve_engines(spec: str | None) -> list[Engine]:
    """``None``/``"all"``: every available built-in plain-text engine; ``"none"``: no live
    engine; otherwise a comma-separated list of names, where ``all`` and ``structured``
    (every available structured-output row) may appear (an unavailable name is an error)."""
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
        raise UserError(f"engine(s) not installed: {', '.join(missing)} (run 'make setup')")
    return engines
