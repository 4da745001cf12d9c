"""``boilerbench fetch aeb|wcxb``: download a public dataset into the datasets folder.

The datasets are never copied into the repository; a user who has no copy fetches one
from its public repository (a GitHub archive, streamed to a temporary file, extracted
with tarfile's ``data`` filter so no member can write outside the target, then moved
into place in one rename). Nothing downloads at run time: only this command does.

Layout written under the datasets folder (``--data DIR``, ``$BOILERBENCH_DATA`` or
``~/.cache/boilerbench/datasets``): ``aeb/`` and ``wcxb/`` (with its ``dev/`` and
``test/`` splits), which ``aeb:DIR`` / ``wcxb:DIR/dev`` and the real-page labels find.
"""

from __future__ import annotations

import os
import shutil
import tarfile
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from benchmark.errors import UserError


@dataclass(frozen=True)
class Source:
    repo: str  # owner/name on GitHub
    ref: str  # the commit or branch the project's labels were made against
    members: tuple[str, ...]  # top-level files and folders to keep
    folder: str  # name under the datasets folder
    licence: str

    @property
    def url(self) -> str:
        return f"https://github.com/{self.repo}/archive/{self.ref}.tar.gz"


SOURCES = {
    "aeb": Source(
        "scrapinghub/article-extraction-benchmark",
        "master",
        ("ground-truth.json", "html", "output", "evaluate.py", "README.md", "LICENSE"),
        "aeb",
        "see its LICENSE",
    ),
    "wcxb": Source(
        "Murrough-Foley/web-content-extraction-benchmark",
        "c039d5e",
        ("dev", "test", "metadata.json", "evaluate.py", "README.md", "LICENSE"),
        "wcxb",
        "CC-BY-4.0 (attribute WCXB, Foley 2026)",
    ),
}


def default_data_dir() -> Path:
    if os.environ.get("BOILERBENCH_DATA"):
        return Path(os.environ["BOILERBENCH_DATA"])
    return Path.home() / ".cache" / "boilerbench" / "datasets"


def _download(url: str, into: Path) -> Path:
    path = into / "archive.tar.gz"
    try:
        with urllib.request.urlopen(url, timeout=60) as response, path.open("wb") as fh:
            shutil.copyfileobj(response, fh, 1 << 20)
    except (OSError, ValueError) as exc:
        raise UserError(f"cannot download {url}: {exc}") from None
    return path


def _extract(archive: Path, source: Source, into: Path) -> Path:
    """Keep the wanted members of the archive's single top folder, safely."""
    target = into / source.folder
    try:
        with tarfile.open(archive, "r:*") as tar:
            tops = {m.name.split("/", 1)[0] for m in tar.getmembers()}
            if len(tops) != 1:
                raise UserError(
                    f"unexpected archive layout ({len(tops)} top-level entries)", archive
                )
            (top,) = tops
            wanted = []
            for member in tar.getmembers():
                rest = member.name.split("/", 1)[1] if "/" in member.name else ""
                if rest and rest.split("/", 1)[0] in source.members:
                    member.name = rest
                    wanted.append(member)
            if not wanted:
                raise UserError(f"no dataset files in the archive (top folder {top!r})", archive)
            target.mkdir()
            tar.extractall(target, members=wanted, filter="data")
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise UserError(f"not a usable archive: {exc}", archive) from None
    return target


def fetch(
    name: str, data_dir: Path | None = None, url: str | None = None, force: bool = False
) -> Path:
    """Download dataset ``name`` into ``data_dir`` (default: ``default_data_dir()``)."""
    if name not in SOURCES:
        raise UserError(f"unknown dataset {name!r} (choose from: {', '.join(SOURCES)})")
    source = SOURCES[name]
    data_dir = data_dir or default_data_dir()
    final = data_dir / source.folder
    if final.exists() and not force:
        raise UserError("already here (use --force to download it again)", final)
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data_dir, prefix=".fetch-") as tmp:
        extracted = _extract(_download(url or source.url, Path(tmp)), source, Path(tmp))
        if final.exists():
            shutil.rmtree(final)
        extracted.rename(final)
    return final
