"""Mozilla Readability (the engine of Firefox Reader View) on Node.js with jsdom.

Node's start-up and jsdom's import cost more than extracting a page, so each worker
process starts ``node/readability-js/server.js`` once and feeds it pages as JSON lines
(``ServerProcess``). The server returns the article's HTML; it is turned into text
with the same block-aware conversion as readability-lxml's. The npm packages are
installed from ``package-lock.json`` by ``make setup``, never at run time.
"""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path

from benchmark.engines._base import Engine
from benchmark.engines._text import html_fragment_to_text
from benchmark.engines.external import ServerProcess

FOLDER = Path(__file__).resolve().parents[2] / "node" / "readability-js"


def _installed(package: str) -> str | None:
    manifest = FOLDER / "node_modules" / package / "package.json"
    try:
        return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return None


def version() -> str | None:
    """@mozilla/readability's installed version, or None when Node or the packages are missing."""
    return _installed("@mozilla/readability") if shutil.which("node") else None


@cache
def _server() -> ServerProcess:
    return ServerProcess(["node", str(FOLDER / "server.js")], cwd=str(FOLDER))


def extract(html: str, url: str) -> str:
    return html_fragment_to_text(_server().request(html, url).get("html") or "")


ENGINES = [
    Engine(
        name="readability-js",
        extract=extract,
        description="Mozilla Readability.js (Firefox Reader View) on Node.js + jsdom",
        options={"jsdom": _installed("jsdom") or "not installed"},
        version_from=version,
        code_paths=lambda: [
            FOLDER / "server.js",
            FOLDER / "package-lock.json",
            FOLDER / "node_modules",
        ],
    )
]
