"""Files that travel with the package, and where per-user engine installs go.

The bundled gold (``gold/``, with the real-page labels in ``gold/real/``) and the
program files of the engines that are not Python libraries (``node/<engine>/``,
``java/<engine>/``, ``envs/<engine>/``) live at the top of the repository. A built
wheel carries them as package data under ``benchmark/_data/`` (hatchling
``force-include``, see ``pyproject.toml``), found here with ``importlib.resources``;
a source checkout (``uv sync`` installs it editable) finds them beside the package.

Engines that need an install step (``npm ci``, ``javac``, a side Python environment)
install **into the checkout** when run from one (``make setup``), and otherwise into a
user folder, ``$BOILERBENCH_HOME`` or ``$XDG_CACHE_HOME/boilerbench`` (default
``~/.cache/boilerbench``), one folder per engine and version of its files, by
``boilerbench setup-engines``. Nothing is installed at run time.
"""

from __future__ import annotations

import hashlib
import os
from importlib.resources import files
from pathlib import Path

from benchmark.errors import UserError

_PACKAGE = "benchmark"
_WHEEL_DATA = "_data"
_CHECKOUT = Path(__file__).resolve().parent.parent


def from_wheel() -> bool:
    """True when the package data are installed under ``benchmark/_data`` (a wheel)."""
    return files(_PACKAGE).joinpath(_WHEEL_DATA).is_dir()


def data_path(relative: str) -> Path:
    """A bundled file or folder (``"gold"``, ``"node/readability-js"``) as a real path.

    Wheels are installed unpacked, so the resource is a file on disk; a zipped import
    (which no installer produces) is refused with a clear message.
    """
    if from_wheel():
        resource = files(_PACKAGE).joinpath(_WHEEL_DATA, *relative.split("/"))
        if not isinstance(resource, Path):
            raise UserError(
                f"boilerbench's data files must be on disk, not in {resource!r}:"
                " install the package unpacked (pip, uv)"
            )
        return resource
    return _CHECKOUT / relative


def user_home() -> Path:
    """Where ``boilerbench setup-engines`` installs engines outside a checkout."""
    if os.environ.get("BOILERBENCH_HOME"):
        return Path(os.environ["BOILERBENCH_HOME"])
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "boilerbench"


def files_digest(folder: Path, names: tuple[str, ...]) -> str:
    """A short hash of some of a folder's files (which engine files a home was made from)."""
    h = hashlib.sha256()
    for name in names:
        path = folder / name
        h.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"-") + b"\0")
    return h.hexdigest()[:12]


def engine_home(relative: str, names: tuple[str, ...]) -> Path:
    """The folder an engine runs from, with its installed dependencies beside its files.

    In a checkout, the engine's own folder (``node/readability-js``). From a wheel, a
    folder under ``user_home()`` named by the engine and a hash of its ``names`` files,
    so a new boilerbench release with changed engine files gets a fresh install.
    """
    source = data_path(relative)
    if not from_wheel():
        return source
    leaf = relative.replace("/", "-")
    return user_home() / f"{leaf}-{files_digest(source, names)}"
