"""readability-lxml's current release (0.9), beside the pinned 0.8.4.1 (``readability``).

Two versions of one distribution cannot share an environment, so 0.9 lives in a side
environment (``envs/readability-lxml-0.9/``: its own ``pyproject.toml`` and ``uv.lock``,
installed by ``boilerbench setup-engines``) and is served over the engine protocol by
``benchmark.engines.serve`` with the *same* adapter as the ``readability`` row
(``Document.summary()``, html-text conversion), so the two rows differ only by release.
"""

from __future__ import annotations

import importlib.metadata as md
import sys
from pathlib import Path

from benchmark.engines._base import Engine
from benchmark.engines.protocol import ServerCommand
from benchmark.engines.serve import bootstrap_argv
from benchmark.engines.sidecar import Sidecar

SIDECAR = Sidecar("envs/readability-lxml-0.9", ("pyproject.toml", "uv.lock"), "uv")


def _python() -> Path:
    return SIDECAR.home / ".venv" / "bin" / "python"


def _site_packages() -> list[Path]:
    return sorted((SIDECAR.home / ".venv" / "lib").glob("python*/site-packages"))


def version() -> str | None:
    """readability-lxml's version in the side environment, read from its metadata."""
    if not SIDECAR.installed() or not _python().exists():
        return None
    found = list(md.distributions(name="readability-lxml", path=[str(p) for p in _site_packages()]))
    return found[0].version if found else None


ENGINES = [
    Engine(
        name="readability-0.9",
        extract=ServerCommand(bootstrap_argv(_python(), "readability")),
        description="readability-lxml 0.9 Document.summary() (side environment), as `readability`",
        version_from=version,
        code_paths=lambda: [SIDECAR.home / "uv.lock", Path(sys.executable)],
        sidecar=SIDECAR,
    )
]
