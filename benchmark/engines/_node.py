"""Node.js engines: a server in ``node/<folder>/`` speaking the engine protocol.

Node's start-up and a DOM library's import cost more than extracting a page, so each
worker starts the server once (``benchmark.engines.protocol``). Its npm packages are
installed from its ``package-lock.json`` by ``boilerbench setup-engines`` (``make
setup``), never at run time; the engine is unavailable until they are.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping

from benchmark.engines._base import Engine
from benchmark.engines.protocol import ServerCommand
from benchmark.engines.sidecar import Sidecar, read_json_version


def node_engine(
    name: str,
    folder: str,
    script: str,
    package: str,
    description: str,
    options: Mapping[str, str] | None = None,
    companions: tuple[str, ...] = (),
) -> Engine:
    """``package`` is the npm package whose installed version is the engine's version;
    ``companions`` are packages (a DOM library) whose versions are recorded as options."""
    sidecar = Sidecar(f"node/{folder}", (script, "package.json", "package-lock.json"), "npm")
    home = sidecar.home

    def installed(npm_name: str) -> str | None:
        return read_json_version(home / "node_modules" / npm_name / "package.json")

    def version() -> str | None:
        if shutil.which("node") is None or not sidecar.installed():
            return None
        return installed(package)

    recorded = dict(options or {})
    recorded.update({c: installed(c) or "not installed" for c in companions})
    return Engine(
        name=name,
        extract=ServerCommand(("node", str(home / script)), cwd=str(home)),
        description=description,
        options=recorded,
        version_from=version,
        code_paths=lambda: [home / script, home / "package-lock.json", home / "node_modules"],
        sidecar=sidecar,
    )
