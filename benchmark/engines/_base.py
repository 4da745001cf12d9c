"""What an engine adapter declares.

An adapter module in ``benchmark/engines/`` defines ``ENGINES``: one ``Engine`` per
named configuration (each is a separate row in every table). The adapter only turns
HTML into text; the harness owns the loop, timing, isolation and error handling, so an
adapter must let exceptions propagate (a crash must never look like an empty output).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmark.engines.fingerprint import FileHashes, code_fingerprint

if TYPE_CHECKING:
    from benchmark.engines.sidecar import Sidecar

Extractor = Callable[[str, str], str]


class EngineUnavailable(RuntimeError):
    """The engine cannot run on this page in this installation, as opposed to failing
    on it: e.g. the page's language needs data or a package that is not installed (and
    nothing is downloaded at run time). An adapter raises it with a message naming what
    is missing; the harness records the cell as an error whose text starts with
    ``EngineUnavailable:``, so such cells can be told apart from extraction failures.
    """


@dataclass(frozen=True, slots=True)
class EngineSpec:
    """What a worker process needs to run an engine: picklable, so a task carries it to
    any worker (forked, spawned or on a Dask cluster) instead of naming an entry in a
    process-global registry that the worker may not have."""

    name: str
    extract: Extractor
    module: str | None = None  # imported before the clock starts, so timings are extraction


@dataclass(frozen=True)
class Engine:
    """A named extraction configuration.

    ``extract(html, url) -> text`` with paragraphs separated by blank lines.
    Required: ``name`` (the row's name), ``extract`` and ``description`` (one line:
    what runs, shown by ``boilerbench engines``). ``distribution`` is the PyPI name whose
    installed version is reported; ``module`` is the import name used to test
    availability without importing. Engines that are not Python packages give
    ``version_from`` instead (e.g. reading a ``package.json``, or a protocol server's
    handshake); it returns None when the engine is not installed. ``sidecar``: files
    that ``boilerbench setup-engines`` installs (npm packages, a compiled Java class, a
    side Python environment).
    """

    name: str
    extract: Extractor
    description: str = ""
    distribution: str | None = None
    module: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    version_from: Callable[[], str | None] | None = None
    extras: tuple[str, ...] = ()  # the distribution's extras the adapter relies on
    code_paths: Callable[[], list[Path]] | None = None  # code outside a distribution
    output: str = "text"  # text, or a structured format: markdown, html, xml (structure/)
    sidecar: Sidecar | None = None

    def __post_init__(self) -> None:
        if not self.name or not isinstance(self.name, str) or "=" in self.name:
            raise ValueError(f"engine name must be a non-empty string without '=': {self.name!r}")
        if not callable(self.extract):
            raise TypeError(f"engine {self.name!r}: extract must be callable (html, url) -> str")
        if not self.description:  # default: the extract function's docstring, first line
            doc = (getattr(self.extract, "__doc__", None) or "").strip().splitlines()
            object.__setattr__(self, "description", doc[0] if doc else self.name)

    @property
    def version(self) -> str | None:
        """The exact installed version, or None when the engine is not installed."""
        if self.version_from is not None:
            return self.version_from()
        if self.distribution is None:
            return None
        return installed_version(self.distribution)

    @property
    def available(self) -> bool:
        if self.version is None:
            return False
        return self.module is None or importlib.util.find_spec(self.module) is not None

    @cached_property
    def adapter_sha256(self) -> str:
        """Hash of the adapter's source: a changed adapter invalidates stored outputs."""
        target = getattr(self.extract, "func", self.extract)  # unwrap functools.partial
        module = inspect.getmodule(target)
        source = inspect.getsource(module) if module else repr(self.extract)
        return hashlib.sha256(source.encode()).hexdigest()[:16]

    @property
    def spec(self) -> EngineSpec:
        return EngineSpec(self.name, self.extract, self.module)

    def code_sha256(self, hashes: FileHashes) -> str:
        """Hash of the contents of the code that runs (``benchmark.engines.fingerprint``)."""
        return code_fingerprint(
            hashes,
            self.distribution,
            self.extras,
            self.code_paths() if self.code_paths else (),
            str(self.options.get("command")) if "command" in self.options else None,
        )

    def identity(self, code_sha256: str) -> str:
        """Everything that determines this engine's output for a given page: name,
        version, options, adapter source, and the contents of the code that runs."""
        opts = ",".join(f"{k}={self.options[k]!r}" for k in sorted(self.options))
        return (
            f"{self.name}|{self.distribution}=={self.version}|{opts}|{self.adapter_sha256}"
            f"|{code_sha256}"
        )


@functools.cache
def installed_version(distribution: str) -> str | None:
    """The installed version of ``distribution`` (None: not installed), looked up once
    per process: each look-up scans every folder of ``sys.path`` (~1 ms), and listing
    the engines asks for each engine's version several times."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None
