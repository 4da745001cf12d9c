"""Score every (engine, page) cell of a run into two tidy tables.

- ``pages``: one row per (engine, page): status, timings, output size and each
  family's per-page figures (content tp/fp/fn/precision/recall/exact, unmatched
  shingles, snippet counts, WCXB word figures, and per element type ``<type>_gold``,
  ``_out``, ``_matched``, ``_found`` with ``table_teds`` and ``code_edit``);
- ``kinds``: long form, one row per (engine, page, kind present on the page): units of
  that kind on the page and units the output kept (``article`` included), and for
  per-kind snippet gold the kind's snippets and how many the output holds.

On several cores, pages are split among forked processes that read the outputs from
memory they share with this one (copy-on-write: nothing is pickled on the way in).
Those processes need neither pandas nor anything loaded after them, so a run whose
cells are all known before extraction (stored outputs, a re-score from the cache)
starts them first (``ScoringProcesses``, from ``benchmark.launch``) and loads pandas
while they score; the tables are built from their rows at the end.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmark.corpus.model import Corpus, Page
from benchmark.runner.texts import CellTexts
from benchmark.runner.worker import OK, Extraction
from benchmark.scoring.page import STRUCTURE, GoldIndex, PageScore, score_output
from benchmark.scoring.tokens import PageTokens
from benchmark.structure import ELEMENT_TYPES, TEXT
from benchmark.structure.memo import TreeMemo

if TYPE_CHECKING:
    import pandas as pd

PAGE_COLUMNS = (
    "engine",
    "page",
    "status",
    "error",
    "cached",
    "wall_ms",
    "cpu_ms",
    "output_chars",
    "output_tokens",
    "tp",
    "fp",
    "fn",
    "precision",
    "recall",
    "exact",
    "unmatched",
    "output_shingles",
    "snippet_tp",
    "snippet_fp",
    "snippet_fn",
    "snippet_tn",
    "words_precision",
    "words_recall",
    "words_f1",
    "with_rate",
    "without_rate",
    *(f"{t}_{n}" for t in ELEMENT_TYPES for n in ("gold", "out", "matched", "found")),
    "table_teds",
    "code_edit",
)
KIND_COLUMNS = ("engine", "page", "kind", "units", "kept", "snippets", "snippets_found")
#: Below this many cells, scoring in this process is faster than forking helpers.
PARALLEL_MIN_CELLS = 400

Cells = dict[tuple[str, str], Extraction]


@dataclass(frozen=True)
class ScoreTables:
    pages: pd.DataFrame
    kinds: pd.DataFrame


def _rows(
    page: Page, engine: str, cell: Extraction, text: str | None, cached: bool, score: PageScore
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    row: dict[str, Any] = {
        "engine": engine,
        "page": page.id,
        "status": cell.status,
        "error": cell.error,
        "cached": cached,
        "wall_ms": cell.wall_ms,
        "cpu_ms": cell.cpu_ms,
        "output_chars": len(text or ""),
        "output_tokens": score.output_tokens,
    }
    if score.content is not None:
        c = score.content
        row |= {
            "tp": c.tp,
            "fp": c.fp,
            "fn": c.fn,
            "precision": c.precision,
            "recall": c.recall,
            "exact": c.exact,
        }
    kinds: dict[str, dict[str, Any]] = {}
    if score.removal is not None:
        r = score.removal
        row |= {"unmatched": r.unmatched, "output_shingles": r.output_shingles}
        for kind, units in r.total.items():
            kinds[kind] = {"units": units, "kept": r.kept.get(kind, 0)}
    if score.snippets is not None:
        s = score.snippets
        row |= {"snippet_tp": s.tp, "snippet_fp": s.fp, "snippet_fn": s.fn, "snippet_tn": s.tn}
        for kind, (present, found) in s.by_kind.items():
            kinds.setdefault(kind, {}).update(snippets=present, snippets_found=found)
    if score.words is not None:
        w = score.words
        row |= {
            "words_precision": w.precision,
            "words_recall": w.recall,
            "words_f1": w.f1,
            "with_rate": w.with_rate,
            "without_rate": w.without_rate,
        }
    if score.structure is not None:
        for type_, n in score.structure.types.items():
            row |= {
                f"{type_}_gold": n.gold,
                f"{type_}_out": n.out,
                f"{type_}_matched": n.matched,
                f"{type_}_found": n.found,
            }
        row |= {"table_teds": score.structure.teds, "code_edit": score.structure.code_edit}
    long = [{"engine": engine, "page": page.id, "kind": k, **v} for k, v in kinds.items()]
    return row, long


@dataclass(frozen=True)
class _Job:
    """Everything scoring needs; a forked process inherits it instead of unpickling it."""

    pages: Sequence[Page]
    engines: Sequence[str]
    cells: Cells
    cached: set[tuple[str, str]]
    families: frozenset[str]
    formats: Mapping[str, str]  # row name -> output format (absent: plain text)
    texts: CellTexts | None  # where the texts are; None: in ``cells``
    memo: Path | None = None  # the cache folder: structure gold parsed before is read there


def _score(
    job: _Job, start: int = 0, stop: int | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    kinds: list[dict[str, Any]] = []
    trees = TreeMemo(job.memo if STRUCTURE in job.families else None)
    try:
        for page in job.pages[start:stop]:
            _score_page(job, page, trees, rows, kinds)
    finally:
        trees.close()
    return rows, kinds


def _score_page(
    job: _Job, page: Page, trees: TreeMemo, rows: list[dict[str, Any]], kinds: list[dict[str, Any]]
) -> None:
    engines, cells, cached = job.engines, job.cells, job.cached
    memo = PageTokens()  # each distinct line of the page's texts tokenized once
    index = GoldIndex.build(page.gold, job.families, memo, trees)
    texts = (
        job.texts.fetch((engine, page.id) for engine in engines)
        if job.texts is not None
        else {(e, page.id): cells[e, page.id].text for e in engines}
    )
    for engine in engines:
        cell = cells[engine, page.id]
        text = texts.get((engine, page.id)) if cell.status == OK else None
        score = score_output(index, text, job.formats.get(engine, TEXT), memo)
        row, long = _rows(page, engine, cell, text, (engine, page.id) in cached, score)
        rows.append(row)
        kinds += long


# the job of a forked scoring process: set in the child only, by the pool's initializer
_CHILD_JOB: _Job | None = None


def _adopt(job: _Job) -> None:
    global _CHILD_JOB
    _CHILD_JOB = job


def _score_chunk(bounds: tuple[int, int]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    assert _CHILD_JOB is not None
    return _score(_CHILD_JOB, *bounds)


def _chunks(pages: int, workers: int) -> list[tuple[int, int]]:
    step = -(-pages // (workers * 8))
    return [(i, i + step) for i in range(0, pages, step)]


class ScoringProcesses:
    """Forked processes scoring a job's pages in chunks, started now and collected by
    ``rows``: the caller goes on meanwhile (e.g. loading pandas). Start them before
    this process has threads of its own (forking then is unsafe)."""

    def __init__(self, job: _Job, workers: int) -> None:
        context = multiprocessing.get_context("fork")  # the state is inherited, not pickled
        self._pool = context.Pool(workers, initializer=_adopt, initargs=(job,))
        self._parts = self._pool.map_async(_score_chunk, _chunks(len(job.pages), workers))

    def rows(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Every page's rows in page order (waits for the processes, then ends them)."""
        try:
            parts = self._parts.get()
        finally:
            self.close()
        return [row for part, _ in parts for row in part], [r for _, part in parts for r in part]

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()


def score_job(
    corpus: Corpus,
    engines: Sequence[str],
    cells: Cells,
    cached: set[tuple[str, str]],
    formats: Mapping[str, str] | None = None,
    texts: CellTexts | None = None,
    memo: Path | None = None,
) -> _Job:
    """What scoring these cells needs (see ``score_cells``); ``memo``: the cache folder
    (structure gold parsed from Markdown is kept there, ``benchmark.structure.memo``)."""
    return _Job(corpus.pages, engines, cells, cached, corpus.families, formats or {}, texts, memo)


def in_parallel(job: _Job, workers: int) -> bool:
    """Whether forked processes pay for themselves on this job."""
    return workers >= 2 and len(job.pages) * len(job.engines) >= PARALLEL_MIN_CELLS


def score_cells(
    corpus: Corpus,
    engines: Sequence[str],
    cells: Cells,
    cached: set[tuple[str, str]],
    workers: int = 1,
    formats: Mapping[str, str] | None = None,
    texts: CellTexts | None = None,
    started: ScoringProcesses | None = None,
    memo: Path | None = None,
) -> ScoreTables:
    """Both tables, rows in corpus page order, engines in the given order per page;
    ``formats``: each row's output format (``benchmark.structure``; default text);
    ``texts``: where the output texts are, read a page at a time (default: in ``cells``);
    ``started``: processes already scoring this very job; ``memo``: the cache folder."""
    import pandas as pd

    job = score_job(corpus, engines, cells, cached, formats, texts, memo)
    if started is None and in_parallel(job, workers):
        started = ScoringProcesses(job, workers)
    rows, kinds = started.rows() if started is not None else _score(job)
    return ScoreTables(
        pd.DataFrame(rows, columns=list(PAGE_COLUMNS)),
        pd.DataFrame(kinds, columns=list(KIND_COLUMNS)),
    )
