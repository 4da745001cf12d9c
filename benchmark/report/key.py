"""Whether a results folder's report is current, decided without drawing it.

The key covers what the report shows (the result files), which corpora it could read
pages from, the report's own code and the plotting library's version; timings are left
out. Kept apart from the builder (pandas, the plotting library) so that an up-to-date
``boilerbench run`` checks its report in milliseconds.
"""

from __future__ import annotations

import hashlib
import importlib.metadata as md
import re
from collections.abc import Sequence
from pathlib import Path

#: the result files a report is drawn from
KEYED_FILES = ("summary.json", "pages.csv", "kinds.csv", "corpus.csv")
#: (source key, its corpus could be loaded, why not)
SourceState = tuple[str, bool, str]


def _plotting_version() -> str:
    try:
        return md.version("vl-convert-python")
    except md.PackageNotFoundError:
        return ""


def report_key(folders: Sequence[Path], sources: Sequence[SourceState] = ()) -> str:
    """sha256 (20 hex digits) of the keyed files of ``folders``, the sources' states,
    the report code (``benchmark/report``) and the plotting library's version."""
    h = hashlib.sha256(_plotting_version().encode())
    for folder in folders:
        for name in KEYED_FILES:
            path = folder / name
            h.update(path.read_bytes() if path.is_file() else b"-")
    for key, has_corpus, why in sources:
        h.update(f"{key}:{has_corpus}:{why}".encode())
    code = Path(__file__).parent
    for path in sorted([*code.glob("*.py"), *code.glob("assets/*")]):
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()[:20]


def written_key(report: Path) -> str | None:
    """The key a report was drawn with (in its first 2,000 bytes), if any."""
    if not report.is_file():
        return None
    with report.open("rb") as fh:
        head = fh.read(2000).decode("utf-8", "replace")
    found = re.search(r"name='boilerbench-report-key' content='([0-9a-f]+)'", head)
    return found.group(1) if found else None


def report_is_current(folder: Path, corpus_loaded: bool | None = None) -> bool:
    """Whether ``folder/report.html`` shows the folder's current results. The caller
    that has just loaded the run's corpus says so (``corpus_loaded=True``); otherwise
    the corpus is looked for as the report builder would."""
    written = written_key(folder / "report.html")
    if written is None:
        return False
    if corpus_loaded is None:
        from benchmark.errors import UserError
        from benchmark.report.build import locate_corpus
        from benchmark.results.io import load_results

        try:
            corpus, why = locate_corpus(load_results(folder), folder)
        except UserError:
            return False
        state: SourceState = ("c0", corpus is not None, why)
    else:
        state = ("c0", corpus_loaded, "")
    return written == report_key([folder], [state])


def relative(path: Path) -> str:
    """``path`` relative to here when it is below here, else absolute."""
    full, here = path.resolve(), Path.cwd().resolve()
    return str(full.relative_to(here)) if full.is_relative_to(here) else str(full)
