"""A results folder, written and read back: the only code that touches its files.

- ``summary.json``  provenance and every engine's figures (``benchmark.results.schema``)
- ``summary.csv``   one row per engine: counts, timings, each figure with its interval
- ``figures.csv``   every figure in long form (engine, metric, kind, group, value, CI)
- ``pages.csv``     one row per (engine, page): status, error, per-page scores
- ``kinds.csv``     one row per (engine, page, kind): units on the page, units kept
- ``corpus.csv``    one row per page: its type, language, template, URL
- ``summary.md``    the table to paste
- ``run.json``, ``timings.csv``  what varies from run to run (date, phase and per-cell
                    timings, cache hits, workers): git-ignored, joined back on reading
- ``outputs/<engine>.json``  every output text in the AEB output format
                    (``{"version", "format", "output": {page: {"articleBody"}}}``), re-scorable
                    with ``--stored``

- ``MANIFEST.json`` written last: the sha256 and size of every file above

``load_results`` reads schema 1 and 2 folders alike (older ones are upgraded) and
refuses a schema-2 folder that does not match its manifest (a torn or partial write).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from benchmark.errors import UserError, read_json
from benchmark.results.files import Producer, Staged, json_safe, stage, verify_set, write_set
from benchmark.results.markdown import render_summary
from benchmark.results.migrate import split_pages_1, upgrade_1_to_2, upgrade_2_to_3
from benchmark.results.model import (
    PAGE_INFO_COLUMNS,
    TIMING_COLUMNS,
    CorpusInfo,
    EngineInfo,
    EngineResult,
    Provenance,
    RunResult,
)
from benchmark.results.schema import apply_run, document, parse_document, run_document
from benchmark.results.schema_version import SCHEMA_VERSION

if TYPE_CHECKING:  # pandas and the scoring tables load where used: a summary needs neither
    import pandas as pd


def summary_path(path: Path) -> Path:
    return path if path.name == "summary.json" else path / "summary.json"


def write_results(
    result: RunResult,
    out: Path,
    writer: str | None = None,
    staged: Mapping[str, Staged] | None = None,
) -> list[Path]:
    """Write every result file into ``out`` as one unit (``results.files.write_set``:
    the manifest last, naming ``writer``: ``Plan.writer``); returns the paths written.
    ``staged``: output files already written ahead (``stage_outputs``), moved in."""
    doc = json_safe(document(result.provenance, result.corpus, result.engines))
    run = json_safe(run_document(result.provenance, result.engines))
    pages = result.pages
    files: dict[str, str | bytes | Producer | Staged] = {
        "summary.json": json.dumps(doc, indent=2, ensure_ascii=False) + "\n",
        "run.json": json.dumps(run, indent=2, ensure_ascii=False) + "\n",
        "pages.csv": pages.drop(columns=list(TIMING_COLUMNS), errors="ignore").to_csv(index=False),
        "timings.csv": pages.reindex(columns=["engine", "page", *TIMING_COLUMNS]).to_csv(
            index=False
        ),
        "kinds.csv": result.kinds.to_csv(index=False),
        "summary.csv": result.summary_frame(timings=False).to_csv(index=False),
        "figures.csv": result.figures_frame().to_csv(index=False),
        "summary.md": render_summary(result),
    }
    if result.page_info is not None:
        files["corpus.csv"] = result.page_info.to_csv(index=False)
    infos = {e.name: e.info for e in result.engines}
    outputs = result.outputs or {}
    for name in outputs:
        path = output_path(name)
        files[path] = (staged or {}).get(path) or _output_file(outputs, name, infos.get(name))
    try:
        return write_set(out, files, result.provenance.run_digest, writer)
    except OSError as exc:  # disk full, permissions: every cell is safe in the cache
        raise UserError(
            f"cannot write the results: {exc.strerror or exc} (the extracted outputs are kept"
            " in the cache: run again once this is fixed)",
            out,
        ) from None


def output_path(name: str) -> str:
    """Where a row's output texts go in a results folder."""
    return f"outputs/{name}.json"


def stage_outputs(
    out: Path,
    outputs: Mapping[str, Mapping[str, str | None]],
    infos: Mapping[str, EngineInfo],
) -> dict[str, Staged]:
    """Every row's ``outputs/<row>.json`` written ahead beside its place in ``out``
    (``results.files.stage``), for ``write_results`` to move in: a run writes them
    while its scoring processes still work (they need no score). On an error, what was
    staged is dropped."""
    staged: dict[str, Staged] = {}
    try:
        for name in outputs:
            path = output_path(name)
            staged[path] = stage(out / path, _output_file(outputs, name, infos.get(name)))
    except BaseException:
        for file in staged.values():
            file.discard()
        raise
    return staged


def _output_file(
    outputs: Mapping[str, Mapping[str, str | None]], name: str, info: EngineInfo | None
) -> Producer:
    """What writes one row's ``outputs/<row>.json`` (its version and format from
    ``info``; none known: text)."""
    version = info.version if info is not None else None
    output = info.output if info is not None else "text"
    return partial(_write_outputs, version, output, _output_items(outputs, name))


def _output_items(
    outputs: Mapping[str, Mapping[str, str | None]], name: str
) -> Callable[[], Iterator[tuple[str, str | None]]]:
    """One row's (page, text) pairs, read when written (streamed from the cell cache
    when the run kept its texts there)."""
    stream = getattr(outputs, "stream", None)
    if stream is not None:
        return partial(stream, name)
    return partial(iter, outputs[name].items())


def _write_outputs(
    version: str | None,
    output: str,
    items: Callable[[], Iterator[tuple[str, str | None]]],
    write: Callable[[bytes], None],
) -> None:
    """``outputs/<row>.json`` (AEB's output format) about 1 MB at a time: the same bytes
    as ``orjson.dumps({"version": ..., "format": ..., "output": {page: {"articleBody":
    text}}})`` (AEB's 15 rows, 16 MB: 0.006 s, ``json.dumps`` 0.045 s). A text
    orjson cannot encode (a lone surrogate) is written \\u-escaped by ``json``."""
    head = orjson.dumps({"version": version, "format": output})
    write(head[:-1] + b',"output":{')
    chunk: dict[str, dict[str, str]] = {}
    size = 0
    first = True
    for page, text in items():
        chunk[page] = {"articleBody": text or ""}
        size += len(text or "")
        if size > 1 << 20:
            write(b"" if first else b",")
            write(_json_members(chunk))
            chunk, size, first = {}, 0, False
    if chunk:
        write(b"" if first else b",")
        write(_json_members(chunk))
    write(b"}}")


def _json_members(chunk: dict[str, dict[str, str]]) -> bytes:
    """The members of a JSON object, without its braces."""
    try:
        return orjson.dumps(chunk)[1:-1]
    except TypeError:  # (not valid UTF-8: escaped, as json.dumps does, read back the same)
        return json.dumps(chunk, separators=(",", ":")).encode()[1:-1]


def _upgraded(doc: Any, path: Path) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """A schema-3 document, and the ``run.json`` part older schemas held inside."""
    if not isinstance(doc, dict):
        raise UserError("not a boilerbench summary (expected a JSON object)", path)
    version = doc.get("schema_version")
    if version in (1, 2):
        return upgrade_2_to_3(upgrade_1_to_2(doc) if version == 1 else doc)
    if version != SCHEMA_VERSION:
        raise UserError(
            f"written with result schema {version}, this boilerbench reads schemas 1 to"
            f" {SCHEMA_VERSION}: upgrade boilerbench, or re-run 'boilerbench run'",
            path,
        )
    return doc, None


def load_summary(
    path: Path, outputs: bool = False
) -> tuple[Provenance, CorpusInfo, list[EngineResult], int | None]:
    """A results folder's provenance, corpus and engine figures (``summary.json`` and
    ``run.json``, the set checked whole first), without the per-page tables: what a
    table of figures needs, read without pandas. The last item: the file's schema."""
    summary = summary_path(Path(path))
    folder = summary.parent
    raw: Any = read_json(summary, "no summary.json here: run 'boilerbench run' first")
    doc, run = _upgraded(raw, summary)  # refuses an unknown schema first
    if raw.get("schema_version") != 1:  # schema 1 had no manifest
        problem = verify_set(folder, full=outputs)
        if problem:
            raise UserError(
                f"incomplete or torn results: {problem} (re-run 'boilerbench run')", folder
            )
    provenance, corpus, engines = parse_document(doc, str(summary))
    if run is None and (folder / "run.json").is_file():
        stored: Any = read_json(folder / "run.json")
        run = stored if isinstance(stored, dict) else None
    if run is not None:
        provenance, engines = apply_run(provenance, engines, run)
    return provenance, corpus, list(engines), raw.get("schema_version")


def load_results(path: Path, outputs: bool = False) -> RunResult:
    """A results folder (or its ``summary.json``) as a ``RunResult``; ``outputs``: also
    read the output texts."""
    import pandas as pd

    from benchmark.scoring.cells import KIND_COLUMNS

    folder = summary_path(Path(path)).parent
    provenance, corpus, engines, schema = load_summary(path, outputs)
    try:
        pages = pd.read_csv(folder / "pages.csv", dtype={"page": str, "engine": str})
    except FileNotFoundError:
        raise UserError(
            "no pages.csv beside summary.json (per-page figures are needed)", folder
        ) from None
    if schema == 1:
        pages, kinds = split_pages_1(pages)
    elif (folder / "kinds.csv").is_file():
        kinds = pd.read_csv(folder / "kinds.csv", dtype={"page": str, "engine": str, "kind": str})
    else:
        raise UserError("no kinds.csv beside summary.json", folder)
    pages = _with_timings(pages, folder / "timings.csv")
    texts = _read_outputs(folder / "outputs", [e.name for e in engines]) if outputs else None
    info = None
    if (folder / "corpus.csv").is_file():
        info = pd.read_csv(folder / "corpus.csv", dtype=str, keep_default_na=False)
        info = info.reindex(columns=list(PAGE_INFO_COLUMNS), fill_value="")
    return RunResult(
        provenance,
        corpus,
        engines,
        pages,
        kinds.reindex(columns=list(KIND_COLUMNS)),
        texts,
        page_info=info,
    )


def _with_timings(pages: pd.DataFrame, path: Path) -> pd.DataFrame:
    """``pages.csv`` joined with ``timings.csv`` (NaN timings where it is missing)."""
    import pandas as pd

    from benchmark.scoring.cells import PAGE_COLUMNS

    if all(c in pages for c in TIMING_COLUMNS):
        return pages
    if path.is_file():
        timings = pd.read_csv(path, dtype={"page": str, "engine": str})
        pages = pages.merge(timings, on=["engine", "page"], how="left")
    pages = pages.reindex(columns=list(PAGE_COLUMNS))
    pages["cached"] = pages["cached"].astype("boolean").fillna(False).astype(bool)
    return pages


def _read_outputs(folder: Path, names: list[str]) -> dict[str, dict[str, str | None]]:
    texts: dict[str, dict[str, str | None]] = {}
    for name in names:
        path = folder / f"{name}.json"
        if path.is_file():
            doc: Any = read_json(path)
            texts[name] = {
                page: (item or {}).get("articleBody")
                for page, item in doc.get("output", {}).items()
            }
    return texts
