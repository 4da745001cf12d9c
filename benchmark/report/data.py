"""What the report shows, as one JSON-ready payload: the leaderboard's figures for every
subset of pages (all, each page type, language, template, attack), the page index and,
for every page, the gold and what each engine kept of it.

Every figure comes from the metric declarations (``benchmark.scoring.metrics``) through
``results.summarize.subset_figures``: the same estimate and seeded bootstrap as
``summary.json`` (the "all pages" figures are the run's own). Figures are stored as
integers in thousandths to keep the page small.

Drill-down, per page: the gold segments (kind, text) and per engine a run-length code of
which gold tokens its output kept (``marking.PageMarker``) and the output text found in
no gold segment. The page's script cuts segment text into words with
``[\\p{L}\\p{N}_]+``, which is ``\\w+`` of the metric for almost all text; where the two
differ for a segment, its word offsets are sent along.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from benchmark.corpus.model import ARTICLE, BOILERPLATE_KINDS, Corpus, Page, Segment
from benchmark.report.marking import PageMarker
from benchmark.report.palette import KIND_COLOURS
from benchmark.results.model import EngineResult, Figure, RunResult, headline_prefix
from benchmark.results.summarize import subset_figures
from benchmark.scoring.content import f1_score
from benchmark.scoring.metrics import BY_NAME, Metric
from benchmark.scoring.tokens import tokenize

#: the filters, in the order the page shows them
DIMENSIONS = ("page_type", "language", "template", "attack")
DIMENSION_LABELS = {
    "page_type": "page type",
    "language": "language",
    "template": "template",
    "attack": "attack",
}
#: page ids of an injected corpus (``boilerbench inject``): case--placement-level
INJECTED_ID = re.compile(r"^(?P<case>.+)--(?P<placement>[a-z-]+)-(?P<level>\d\d)$")
KIND_INDEX = {kind: i for i, kind in enumerate((ARTICLE, *BOILERPLATE_KINDS))}


@dataclass
class Source:
    """One results folder of the report: its result (with outputs when present), its
    corpus when it could be loaded, and why not otherwise."""

    key: str
    result: RunResult
    corpus: Corpus | None
    why_no_corpus: str = ""


headline = headline_prefix


def kinds_of(engines: Sequence[EngineResult]) -> list[str]:
    present = {k for e in engines for k in e.removal_kinds()}
    return [k for k in BOILERPLATE_KINDS if k in present]


def leaderboard_metrics(engines: Sequence[EngineResult]) -> list[Metric]:
    h = headline(engines)
    names = [f"{h}f1", f"{h}precision", f"{h}recall"]
    names += [f"removal:{k}:recall" for k in kinds_of(engines)]
    names += [f"removal:{k}:precision" for k in kinds_of(engines)]
    names += ["unmatched:share"]
    return [BY_NAME[n] for n in names]


def _milli(figure: Figure | None) -> list[int | None] | None:
    if figure is None:
        return None

    def m(x: float) -> int | None:
        return None if x != x else round(x * 1000)

    return [m(figure.value), m(figure.low), m(figure.high), figure.pages]


def page_table(source: Source) -> pd.DataFrame:
    """One row per page: id and its page type, language, template, attack."""
    result = source.result
    ids = list(dict.fromkeys(result.pages["page"].astype(str)))
    if source.corpus is not None:
        ids = [p.id for p in source.corpus.pages]
    info = pd.DataFrame({"page": ids})
    if result.page_info is not None:
        info = info.merge(result.page_info, on="page", how="left")
    elif source.corpus is not None:
        meta = {p.id: p.meta for p in source.corpus.pages}
        for column in ("page_type", "language", "template"):
            info[column] = [meta[i].get(column, "") for i in ids]
        info["url"] = [p.url for p in source.corpus.pages]
    attack = [m.group("placement") if (m := INJECTED_ID.match(i)) else "" for i in ids]
    info["attack"] = attack
    return info.reindex(columns=["page", *DIMENSIONS, "url"]).fillna("").astype(str)


def subsets_of(info: pd.DataFrame) -> dict[tuple[str, str], list[int]]:
    """(dimension, value) -> page positions, for dimensions with two or more values."""
    subsets: dict[tuple[str, str], list[int]] = {}
    for dim in DIMENSIONS:
        values = info[dim]
        if values.nunique() < 2:
            continue
        for value in sorted(v for v in values.unique() if v):
            subsets[dim, value] = [int(i) for i in (values == value).to_numpy().nonzero()[0]]
    return subsets


def page_f1(pages: pd.DataFrame) -> pd.Series:
    """Each (engine, page) row's F1 from its precision and recall (undefined: 0)."""
    p = pages["precision"].fillna(0.0).to_numpy(float)
    r = pages["recall"].fillna(0.0).to_numpy(float)
    return pd.Series(f1_score(p, r), index=pages.index)


def _is_js_word(char: str) -> bool:
    return char == "_" or unicodedata.category(char)[0] in "LN"


def _js_words(text: str) -> list[str]:
    words, current = [], []
    for char in text:
        if _is_js_word(char):
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def _segment(segment: Segment) -> list[Any]:
    item: list[Any] = [KIND_INDEX[segment.kind], segment.text]
    if _js_words(segment.text) != tokenize(segment.text):
        item.append([n for m in re.finditer(r"\w+", segment.text) for n in m.span()])
    return item


def _runs(flags: list[bool]) -> list[int]:
    """Run lengths, alternating not kept / kept, starting with not kept."""
    runs, current, count = [], False, 0
    for flag in flags:
        if flag != current:
            runs.append(count)
            current, count = flag, 0
        count += 1
    runs.append(count)
    return runs


#: below this many (page, engine) cells the drill-down is marked in this process
PARALLEL_MIN_CELLS = 2000

# what a forked marking process works on: set in the parent just before the fork
_JOB: tuple[Source, dict[tuple[str, str], dict[str, Any]]] | None = None


def _page_entries(page: Page) -> dict[str, Any]:
    """The drill-down of one page: its gold segments and every engine's marks."""
    assert _JOB is not None
    source, rows = _JOB
    marker = PageMarker(page.gold.segments)
    engines: dict[str, Any] = {}
    for name in source.result.names:
        text = ((source.result.outputs or {}).get(name) or {}).get(page.id) or ""
        entry: dict[str, Any] = {"s": "ok", "k": _runs(marker.kept_flags(text))}
        row = rows.get((name, page.id))
        if row is not None:
            entry["s"] = str(row["status"])
            if not pd.isna(row["error"]):
                entry["e"] = str(row["error"])[:300]
            for key, column in (("p", "precision"), ("r", "recall")):
                value = row[column]
                entry[key] = None if pd.isna(value) else round(float(value) * 1000)
        leaked = marker.unmatched_text(text)
        if leaked:
            entry["u"] = leaked
        engines[name] = entry
    return {"segs": [_segment(s) for s in page.gold.segments], "eng": engines}


def _chunk_entries(bounds: tuple[int, int]) -> list[dict[str, Any]]:
    assert _JOB is not None and _JOB[0].corpus is not None
    pages = [p for p in _JOB[0].corpus.pages if p.gold.segments]
    return [_page_entries(page) for page in pages[bounds[0] : bounds[1]]]


def page_details(source: Source, anchors: dict[str, str]) -> dict[str, Any]:
    """anchor -> the page's gold and each engine's kept tokens and unmatched text.
    Large runs are marked in forked processes, one per core (the inputs are inherited,
    not pickled; WCXB dev's 1,497 pages x 23 rows took 675 s in one process)."""
    global _JOB
    corpus, result = source.corpus, source.result
    if corpus is None or not result.outputs:
        return {}
    rows: dict[tuple[str, str], dict[str, Any]] = {
        (str(r["engine"]), str(r["page"])): {str(k): v for k, v in r.items()}
        for r in result.pages.to_dict("records")
    }
    pages = [p for p in corpus.pages if p.gold.segments]
    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    _JOB = (source, rows)
    try:
        if workers < 2 or len(pages) * len(result.names) < PARALLEL_MIN_CELLS:
            entries = _chunk_entries((0, len(pages)))
        else:
            step = -(-len(pages) // (workers * 4))
            chunks = [(i, i + step) for i in range(0, len(pages), step)]
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                entries = [e for part in pool.map(_chunk_entries, chunks) for e in part]
    finally:
        _JOB = None
    return {anchors[page.id]: entry for page, entry in zip(pages, entries, strict=True)}


def anchor_ids(sources: Sequence[Source]) -> dict[tuple[str, str], str]:
    """(source, page) -> the page's anchor ``page-<id>`` (``page-<source>-<id>`` when two
    sources share an id); ids become HTML-safe."""
    seen: dict[str, int] = {}
    tables = {s.key: page_table(s) for s in sources}
    for table in tables.values():
        for page in table["page"]:
            seen[page] = seen.get(page, 0) + 1

    def safe(text: str) -> str:
        return re.sub(r"[^\w.-]", "_", text)

    return {
        (key, page): f"page-{safe(page)}" if seen[page] == 1 else f"page-{key}-{safe(page)}"
        for key, table in tables.items()
        for page in table["page"]
    }


def payload(sources: Sequence[Source]) -> dict[str, Any]:
    """Everything the page's script needs, for one or more results folders."""
    anchors = anchor_ids(sources)
    h = headline(sources[0].result.engines)
    all_engines = list(
        dict.fromkeys(
            e.name
            for s in sources
            for e in sorted(s.result.engines, key=lambda e: -(e.value(f"{h}f1") or -1.0))
        )
    )
    kinds = kinds_of([e for s in sources for e in s.result.engines])
    corpora, subsets, figures, engine_info, pages, details = [], [], {}, {}, [], {}
    for source in sources:
        result, key = source.result, source.key
        info = page_table(source)
        metrics = leaderboard_metrics(result.engines)
        ranked = sorted(
            result.engines, key=lambda e: -(e.value(metrics[0]) or -1.0)
        )  # best headline first
        corpora.append(
            {
                "key": key,
                "spec": result.corpus.spec,
                "name": result.corpus.name,
                "pages": result.corpus.pages,
                "fingerprint": result.corpus.fingerprint,
                "drill": source.corpus is not None and bool(result.outputs),
                "why": source.why_no_corpus,
                "metrics": [m.name for m in metrics],
                "engines": [e.name for e in ranked],
            }
        )
        engine_info[key] = {
            e.name: {
                "version": e.info.version or "",
                "kind": e.info.kind,
                "description": e.info.description,
                "ms": None if e.timing.ms_median != e.timing.ms_median else e.timing.ms_median,
                "failures": e.cells.failures,
                "cells": e.cells.pages,
            }
            for e in result.engines
        }
        subsets.append(
            {"key": key, "corpus": key, "dim": "", "value": "", "n": result.corpus.pages}
        )
        figures[key] = {e.name: [_milli(e.figure(m)) for m in metrics] for e in result.engines}
        groups = subsets_of(info)
        order = list(info["page"])
        settings = result.provenance.settings.get("bootstrap") or {}
        computed = subset_figures(
            result.pages,
            result.kinds,
            result.names,
            order,
            {f"{d}\0{v}": positions for (d, v), positions in groups.items()},
            [m for m in metrics if m.family != "removal" or m.stat == "recall"],
            int(settings.get("resamples", 1000)),
            int(settings.get("seed", 0)),
        )
        for (dim, value), positions in groups.items():
            sub_key = f"{key}:{dim}:{value}"
            subsets.append(
                {"key": sub_key, "corpus": key, "dim": dim, "value": value, "n": len(positions)}
            )
            by_engine = computed[f"{dim}\0{value}"]
            figures[sub_key] = {
                name: [_milli(by_engine[name].get(m.name)) for m in metrics]
                for name in result.names
            }
        scored = result.pages.assign(f1=page_f1(result.pages))
        cell_of: dict[tuple[str, str], int] = {
            (str(e), str(p)): -1 if status != "ok" else round(float(f) * 1000)
            for e, p, status, f in zip(
                scored["engine"], scored["page"], scored["status"], scored["f1"], strict=True
            )
        }
        for row in info.itertuples(index=False):
            page_id = str(row.page)
            cells = [cell_of.get((name, page_id)) for name in all_engines]
            pages.append(
                [
                    key,
                    page_id,
                    anchors[key, page_id],
                    *[getattr(row, d) for d in DIMENSIONS],
                    row.url,
                    cells,
                ]
            )
        details.update(page_details(source, {p: anchors[key, p] for p in order}))
    return {
        "colours": KIND_COLOURS,
        "kinds": kinds,
        "allKinds": [ARTICLE, *BOILERPLATE_KINDS],
        "engines": all_engines,
        "corpora": corpora,
        "dimensions": [[d, DIMENSION_LABELS[d]] for d in DIMENSIONS],
        "subsets": subsets,
        "figures": figures,
        "engineInfo": engine_info,
        "pages": pages,
        "details": details,
    }
