"""One benchmark run, top to bottom: load → plan → extract → score → summarize → write.

The command line and a notebook both call ``run_benchmark``; nothing here climbs back
up: the runner only extracts, scoring only scores, the results layer only summarizes
and writes. ::

    from benchmark import run_benchmark
    result = run_benchmark("gold", ["trafilatura", "readability"], out=Path("results"))
    result.summary_frame()
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from benchmark.corpus import load_corpus, only_families
from benchmark.corpus.model import Corpus
from benchmark.corpus.validate import gold_warnings
from benchmark.engines import Engine, get_engine, resolve_engines
from benchmark.launch import Launch, cell_texts, formats, launch
from benchmark.plan import Plan, make_plan
from benchmark.results.files import Staged
from benchmark.results.io import load_results, stage_outputs, write_results
from benchmark.results.model import PAGE_INFO_COLUMNS, CorpusInfo, Provenance, RunResult
from benchmark.results.provenance import engine_info, machine_info, stored_info
from benchmark.results.summarize import summarize
from benchmark.runner.cache import OutputCache
from benchmark.runner.extract import extract_cells
from benchmark.runner.texts import OutputTexts
from benchmark.scoring.cells import ScoringProcesses, in_parallel, score_cells, score_job
from benchmark.settings import RunSettings
from benchmark.stored import StoredOutputs
from benchmark.version import __version__


def _engines(engines: Sequence[Engine | str] | str | None) -> list[Engine]:
    if engines is None or isinstance(engines, str):
        return resolve_engines(engines)
    return [e if isinstance(e, Engine) else get_engine(e) for e in engines]


def page_groups(corpus: Corpus) -> dict[str, dict[str, list[int]]]:
    """Positions of the pages of each group, per dimension the corpus groups by (WCXB's
    page type; WebMainBench's language, style and level), where pages carry it."""
    found: dict[str, dict[str, list[int]]] = {}
    for dimension in corpus.group_by:
        groups: dict[str, list[int]] = {}
        for position, page in enumerate(corpus.pages):
            if page.meta.get(dimension):
                groups.setdefault(page.meta[dimension], []).append(position)
        if groups:
            found[dimension] = dict(sorted(groups.items()))
    return found


def page_info(corpus: Corpus) -> pd.DataFrame:
    """One row per page: what the corpus says of it (type, language, template, URL).

    URLs only for the project's own pages: a dataset's URLs stay in the dataset (a URL
    slug often repeats the page's headline, and result sets never carry page text).
    """
    rows = [
        {
            "page": p.id,
            "page_type": p.meta.get("page_type", ""),
            "language": p.meta.get("language", ""),
            "template": p.meta.get("template", ""),
            "url": p.url if corpus.hand_written_gold else "",
        }
        for p in corpus.pages
    ]
    return pd.DataFrame(rows, columns=list(PAGE_INFO_COLUMNS))


def corpus_info(corpus: Corpus) -> CorpusInfo:
    labelled = sum(1 for p in corpus.pages if p.gold.has_boilerplate)
    return CorpusInfo(
        name=corpus.name,
        spec=corpus.spec,
        fingerprint=corpus.fingerprint,
        pages=len(corpus.pages),
        skipped=dict(corpus.skipped),
        kind_labelled_pages=labelled,
        structure_pages=corpus.structure_pages if "structure" in corpus.families else 0,
        annotation_version=corpus.annotation_version,
    )


def execute_plan(plan: Plan, launched: Launch | None = None) -> RunResult:
    """Extract what the cache lacks (on the launch's pool, started here unless the
    caller launched it earlier; closed here), score every cell, summarize."""
    return _execute_plan(plan, launched)[0]


def _execute_plan(
    plan: Plan, launched: Launch | None = None, stage_in: Path | None = None
) -> tuple[RunResult, dict[str, Staged]]:
    """``execute_plan``; with ``stage_in``, also every row's output file written ahead
    there (``stage_outputs``) while the scoring processes work: for ``write_results``."""
    started = time.perf_counter()
    launched = launched if launched is not None else launch(plan)
    try:
        return _execute(plan, launched, started, stage_in)
    finally:
        launched.close()  # whatever happened, nothing it started outlives the run


def _execute(
    plan: Plan, launched: Launch, started: float, stage_in: Path | None
) -> tuple[RunResult, dict[str, Staged]]:
    settings = plan.settings
    page_ids = [p.id for p in plan.corpus.pages]
    with OutputCache(settings.cache_dir) as cache:
        cells, todo, isolation = dict(launched.cached), launched.todo, launched.isolation
        cached = set(cells)
        try:
            cells |= extract_cells(todo, settings, cache, launched.pool) if todo else {}
        finally:
            launched.finish()  # what escaped a killed worker does not outlive the run
        extracted = time.perf_counter()
        if launched.known is not None:  # (nothing was left to extract)
            cells, texts = launched.known
        else:
            cells |= plan.stored_cells()
            texts = cell_texts(plan, cells, cache.path)
        infos = [engine_info(e, plan.codes[e.name]) for e in plan.engines]
        infos += [stored_info(s) for s in plan.stored]
        job = score_job(
            plan.corpus, plan.names, cells, cached, formats(plan), texts, settings.cache_dir
        )
        if launched.scoring is None and in_parallel(job, settings.workers):
            launched.scoring = ScoringProcesses(job, settings.workers)
        staged: dict[str, Staged] = {}
        try:
            if stage_in is not None:  # (after the fork: the children read texts on their own)
                outputs = OutputTexts(texts, plan.names, page_ids)
                staged = stage_outputs(stage_in, outputs, {i.name: i for i in infos})
            tables = score_cells(
                plan.corpus,
                plan.names,
                cells,
                cached,
                settings.workers,
                formats(plan),
                texts,
                started=launched.scoring,
                memo=settings.cache_dir,
            )
            launched.close()  # (the scoring processes, as soon as they are done)
            texts.close()
            engines = summarize(
                tables.pages,
                tables.kinds,
                infos,
                page_ids,
                page_groups(plan.corpus),
                settings.resamples,
                settings.seed,
            )
        except BaseException:
            for file in staged.values():
                file.discard()
            raise
        scored = time.perf_counter()
        # in corpus page order, not the order cells finished in: same run, same bytes
        outputs = OutputTexts(texts, plan.names, page_ids)
        provenance = Provenance(
            harness_version=__version__,
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            machine=machine_info(),
            run_digest=plan.digest,
            settings={
                "workers": settings.workers,
                "timeout_s": settings.timeout,
                "memory_mb": settings.memory_mb,
                "executor": settings.executor,
                "isolation": isolation,
                "bootstrap": {"resamples": settings.resamples, "seed": settings.seed},
            },
            timings={"extract_s": extracted - started, "score_s": scored - extracted},
        )
    result = RunResult(
        provenance,
        corpus_info(plan.corpus),
        engines,
        tables.pages,
        tables.kinds,
        outputs,
        page_info=page_info(plan.corpus),
    )
    return result, staged


def run_benchmark(
    corpus: Corpus | str = "gold",
    engines: Sequence[Engine | str] | str | None = None,
    stored: Sequence[StoredOutputs] = (),
    settings: RunSettings | None = None,
    *,
    out: Path | None = None,
    force: bool = False,
) -> RunResult:
    """Run ``engines`` (names, ``Engine`` objects, ``"all"`` or ``"none"``; default: every
    available engine) and score ``stored`` outputs over ``corpus`` (a ``Corpus`` or a
    spec such as ``"gold"`` or ``"aeb:DIR"``). With ``out``, results are written there,
    and when ``out`` already holds this very run (same digest, made from this cache)
    it is read back instead of recomputed, unless ``force``."""
    settings = settings or RunSettings()
    started = time.perf_counter()
    if isinstance(corpus, str):
        corpus = load_corpus(corpus, settings.cache_dir, settings.metrics)
    elif settings.metrics is not None:
        corpus = only_families(corpus, settings.metrics)
    plan = make_plan(corpus, _engines(engines), stored, settings, force)
    if out is not None and not force:
        with OutputCache(settings.cache_dir) as cache:
            if plan.up_to_date(out, cache):
                return replace(load_results(out), up_to_date=True)
    return run_plan(plan, out=out, started=started)


def run_plan(
    plan: Plan,
    *,
    out: Path | None = None,
    launched: Launch | None = None,
    started: float | None = None,
) -> RunResult:
    """Run a plan and, with ``out``, write its results there. ``launched``: the plan's
    launch when the caller started the workers early (the command line does, before
    importing this module); ``started``: when the run began (``perf_counter``), for
    the timings."""
    started = time.perf_counter() if started is None else started
    try:
        warnings = gold_warnings(plan.corpus)  # before the first extraction, not after
    except BaseException:
        if launched is not None:
            launched.close()
        raise
    loaded = time.perf_counter()
    result, staged = _execute_plan(plan, launched, out)
    result.warnings = warnings
    result.provenance.timings["load_s"] = loaded - started
    if out is not None:
        result.provenance.timings["total_s"] = time.perf_counter() - started
        try:
            write_results(result, out, plan.writer, staged)
        finally:
            for file in staged.values():  # (what the set did not take in: nothing left)
                file.discard()
        if isinstance(result.outputs, OutputTexts):
            result.outputs.close()
        with OutputCache(plan.settings.cache_dir) as cache:
            cache.record_run(plan.writer)
    return result
