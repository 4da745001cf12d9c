"""Engines whose code is not in the Python environment: their files and install step.

A Node engine (``node/<name>/``: ``server.js`` or ``server.mjs``, ``package.json``,
``package-lock.json``), the Java Boilerpipe server (``java/boilerpipe/``, compiled
against Debian's ``libboilerpipe-java``) and side Python environments for engine
releases that cannot share the main environment (``envs/<name>/``: a ``pyproject.toml``
and its ``uv.lock``). ``boilerbench setup-engines`` (run by ``make setup``) installs
each one, from its lock file, into its home (``benchmark.resources.engine_home``: the
folder itself in a checkout, a per-user folder from a wheel), and writes a stamp with
the hash of the files it installed from. An engine whose stamp is missing or stale is
reported unavailable; nothing is installed at run time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmark.errors import UserError
from benchmark.resources import data_path, engine_home, files_digest

STAMP = ".boilerbench-installed"
BOILERPIPE_JAR = Path(os.environ.get("BOILERPIPE_JAR", "/usr/share/java/boilerpipe.jar"))


def uv_binary() -> str | None:
    """uv: the ``uv`` distribution's binary (a dependency of boilerbench), else PATH."""
    try:
        from uv import find_uv_bin

        return str(find_uv_bin())
    except (ImportError, FileNotFoundError):
        return shutil.which("uv")


@dataclass(frozen=True)
class Sidecar:
    """One engine's own files (under the repository's ``relative`` folder) and how to
    install what they need: ``npm`` (``npm ci``), ``javac`` or ``uv`` (``uv sync``)."""

    relative: str
    files: tuple[str, ...]
    step: str

    @property
    def source(self) -> Path:
        return data_path(self.relative)

    @property
    def home(self) -> Path:
        return engine_home(self.relative, self.files)

    def digest(self) -> str:
        return files_digest(self.source, self.files)

    def installed(self) -> bool:
        try:
            return (self.home / STAMP).read_text().strip() == self.digest()
        except OSError:
            return False

    def missing(self) -> str | None:
        """What this machine lacks to install the engine, or None."""
        need = {"npm": ("node", "npm"), "javac": ("java", "javac"), "uv": ()}[self.step]
        absent = [program for program in need if shutil.which(program) is None]
        if absent:
            return f"{' and '.join(absent)} not found"
        if self.step == "javac" and not BOILERPIPE_JAR.is_file():
            return f"{BOILERPIPE_JAR} not found (Debian: apt-get install libboilerpipe-java)"
        if self.step == "uv" and uv_binary() is None:
            return "uv not found"
        return None

    def install(self, force: bool = False) -> str:
        """Install (if not already installed from these files); returns what was done."""
        if self.installed() and not force:
            return "up to date"
        reason = self.missing()
        if reason:
            raise UserError(f"cannot install {self.relative}: {reason}")
        home = self.home
        if home != self.source:
            home.mkdir(parents=True, exist_ok=True)
            for name in self.files:
                shutil.copy2(self.source / name, home / name)
        (home / STAMP).unlink(missing_ok=True)
        self._run_step(home)
        (home / STAMP).write_text(self.digest() + "\n")
        return f"installed in {home}"

    def _run_step(self, home: Path) -> None:
        if self.step == "npm":
            argv = ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"]
            _run(argv, home, {})
        elif self.step == "javac":
            classes = home / "classes"
            shutil.rmtree(classes, ignore_errors=True)
            sources = [str(home / n) for n in self.files if n.endswith(".java")]
            _run(["javac", "-cp", str(BOILERPIPE_JAR), "-d", str(classes), *sources], home, {})
        elif self.step == "uv":
            argv = [str(uv_binary()), "sync", "--locked", "--no-install-project", "--quiet"]
            env = {
                "UV_PROJECT_ENVIRONMENT": str(home / ".venv"),
                "UV_PYTHON": sys.executable,
            }
            _run([*argv, "--project", str(home)], home, env)
        else:
            raise ValueError(f"unknown install step {self.step!r}")


def _run(argv: list[str], cwd: Path, env: dict[str, str]) -> None:
    done = subprocess.run(
        argv, cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise UserError(f"{' '.join(argv[:2])} failed in {cwd}: {' / '.join(tail)[:400]}")


def read_json_version(path: Path) -> str | None:
    """``version`` of a ``package.json``, or None when it is missing or unreadable."""
    import json

    try:
        return str(json.loads(path.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return None
