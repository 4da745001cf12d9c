"""The whole experiment, as ``make injection-real`` runs it: inject, run, measure, write.

    from benchmark.injection.real.experiment import run_injection_real
    run_injection_real(pages=240, engines="all", out=Path("results/injection-real"))

The injected pages go through the ordinary pipeline (``run_benchmark`` on an in-memory
``Corpus``), so the output cache, worker isolation and the metric declarations apply;
the run's own results folder stays in the cache folder beside the pages.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from benchmark.annotations.datasets import data_root, dataset_dir
from benchmark.errors import UserError
from benchmark.injection.real.build import LEVELS
from benchmark.injection.real.corpus import InjectedCorpus, build_corpus
from benchmark.injection.real.detector import detector_table
from benchmark.injection.real.figures import curve_table, sandwich_table
from benchmark.injection.real.report import write_report
from benchmark.pipeline import run_benchmark
from benchmark.results.io import load_results
from benchmark.settings import RunSettings


def dataset_folders(data: Path | None) -> dict[str, Path]:
    """The real datasets present (AEB, the WCXB dev split), by dataset name."""
    root = data_root(data)
    found = {d: f for d in ("aeb", "wcxb-dev") if (f := dataset_dir(d, root)) is not None}
    if not found:
        raise UserError("no real dataset found (aeb/ or wcxb-dev/dev/); pass --data DIR")
    return found


def run_injection_real(
    *,
    data: Path | None = None,
    pages: int = 240,
    seed: int = 0,
    attacks: Sequence[str] | None = None,
    levels: Sequence[float] = LEVELS,
    engines: Sequence[str] | str | None = "all",
    out: Path = Path("results/injection-real"),
    settings: RunSettings | None = None,
    unlabelled: bool = False,
    labels_root: Path | None = None,
    pages_dir: Path | None = None,
    command: str = "",
) -> tuple[InjectedCorpus, list[Path]]:
    from benchmark.injection.real.attacks import ATTACKS

    settings = settings or RunSettings()  # its cache_dir also holds the pages, unless pages_dir
    started = time.perf_counter()
    injected = build_corpus(
        dataset_folders(data),
        pages=pages,
        seed=seed,
        attacks=list(attacks or ATTACKS),
        levels=levels,
        cache_dir=pages_dir or settings.cache_dir or Path(".boilerbench-cache"),
        workers=settings.workers,
        unlabelled=unlabelled,
        labels_root=labels_root,
        progress=settings.progress,
    )
    generated = time.perf_counter()
    run_dir = injected.folder / "run"
    result = run_benchmark(injected.corpus, engines, settings=settings, out=run_dir)
    if result.outputs is None:
        result = load_results(run_dir, outputs=True)
    ran = time.perf_counter()
    curves = curve_table(result, injected, settings.resamples, settings.seed)
    sandwich = sandwich_table(result, injected, settings.resamples, settings.seed)
    detector = detector_table(result, injected, settings.resamples, settings.seed)
    timings = {
        "generate_s": injected.seconds,
        "generate_cached": float(injected.cached),
        "load_or_generate_s": generated - started,
        "run_s": ran - generated,
        "figures_s": time.perf_counter() - ran,
        "total_s": time.perf_counter() - started,
    }
    extract = result.provenance.timings.get("extract_s")
    if extract is not None:
        timings["extract_s"] = extract
    written = write_report(out, injected, result, curves, sandwich, detector, dict(timings),
                           command)  # fmt: skip
    return injected, written
