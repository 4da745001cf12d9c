"""``summary.json``: the mapping between the typed results and the file, both ways.

An engine's figures are written in blocks, one per metric family, placed where the
metric's declaration says (``Metric.block``)::

    "content": {"metric": "aeb-shingles", "pages": 80, "f1": 0.91, "precision": ...,
                "ci": {"f1": {"low": ..., "high": ..., "std": ..., "pages": 80}, ...},
                "by_page_type": {"forum": {"pages": 12, "f1": ..., "ci": {...}}}},
    "removal": {"spam": {"pages": 40, "recall": ..., "precision": ..., "ci": {...}}},
    "unmatched": {"pages": 80, "share": ..., "ci": {...}},
    "snippets": {"f1": ..., ..., "found_by_kind": {"spam": {"share": ..., ...}}}

NaN is written as null. ``summary.schema.json`` beside this module is the JSON Schema
of the file. What varies between two runs of the same figures (date, timings, workers)
is not in it but in ``run.json`` (``run_document``), so an unchanged re-run rewrites
``summary.json`` byte for byte.
"""

from __future__ import annotations

import math
from dataclasses import asdict, replace
from typing import Any

from benchmark.errors import UserError
from benchmark.results.model import (
    RUN_SETTINGS,
    CellCounts,
    CorpusInfo,
    EngineInfo,
    EngineResult,
    Figure,
    Groups,
    Provenance,
    Timing,
)
from benchmark.results.schema_version import SCHEMA_VERSION
from benchmark.scoring.metrics import METRICS, Metric

GROUP_KEY = {
    "page_type": "by_page_type",
    "language": "by_language",
    "style": "by_style",
    "level": "by_level",
}
_FAMILY_HEADER = {"content": {"metric": "aeb-shingles"}}


def _num(value: float) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _nan(value: Any) -> float:
    return math.nan if value is None else float(value)


def _put(block: dict[str, Any], metric: Metric, figure: Figure) -> None:
    block.setdefault("pages", figure.pages)
    block[metric.stat] = _num(figure.value)
    block.setdefault("ci", {})[metric.stat] = {
        "low": _num(figure.low),
        "high": _num(figure.high),
        "std": _num(figure.std),
        "pages": figure.pages,
    }


def _block(entry: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    for i, key in enumerate(path):
        if key not in entry and i == 0 and key in _FAMILY_HEADER:
            entry[key] = dict(_FAMILY_HEADER[key])
        entry = entry.setdefault(key, {})
    return entry


def engine_to_json(engine: EngineResult) -> dict[str, Any]:
    entry: dict[str, Any] = {**asdict(engine.info), "cells": asdict(engine.cells)}
    for metric in METRICS:
        figure = engine.figures.get(metric.name)
        if figure is not None:
            _put(_block(entry, metric.block), metric, figure)
    for dimension, groups in engine.groups.items():
        for group, figures in groups.items():
            for metric in METRICS:
                figure = figures.get(metric.name)
                if figure is not None:
                    parent = _block(entry, metric.block).setdefault(GROUP_KEY[dimension], {})
                    _put(parent.setdefault(group, {}), metric, figure)
    return entry


def _figure(block: dict[str, Any], stat: str) -> Figure | None:
    if stat not in block:
        return None
    ci = (block.get("ci") or {}).get(stat) or {}
    return Figure(
        _nan(block[stat]),
        _nan(ci.get("low")),
        _nan(ci.get("high")),
        _nan(ci.get("std")),
        int(ci.get("pages", block.get("pages", 0)) or 0),
    )


def _find(entry: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any] | None:
    for key in path:
        entry = entry.get(key)  # type: ignore[assignment]
        if not isinstance(entry, dict):
            return None
    return entry


def engine_from_json(entry: dict[str, Any]) -> EngineResult:
    figures: dict[str, Figure] = {}
    groups: Groups = {}
    for metric in METRICS:
        block = _find(entry, metric.block)
        if block is None:
            continue
        figure = _figure(block, metric.stat)
        if figure is not None:
            figures[metric.name] = figure
        for dimension, key in GROUP_KEY.items():
            for group, sub in (block.get(key) or {}).items():
                figure = _figure(sub, metric.stat)
                if figure is not None:
                    groups.setdefault(dimension, {}).setdefault(group, {})[metric.name] = figure
    return EngineResult(
        info=EngineInfo(
            name=str(entry["name"]),
            kind=str(entry.get("kind") or "live"),
            version=entry.get("version"),
            distribution=entry.get("distribution"),
            options=dict(entry.get("options") or {}),
            adapter_sha256=entry.get("adapter_sha256"),
            code_sha256=entry.get("code_sha256"),
            description=str(entry.get("description") or ""),
            output=str(entry.get("output") or "text"),
        ),
        cells=CellCounts(**entry["cells"]),
        timing=_timing(entry.get("timing")),
        figures=figures,
        groups=groups,
    )


def _timing(raw: Any) -> Timing:
    if not isinstance(raw, dict):
        return Timing()
    return Timing(**{k: _nan(v) for k, v in raw.items() if k in Timing.__dataclass_fields__})


def document(
    provenance: Provenance, corpus: CorpusInfo, engines: list[EngineResult]
) -> dict[str, Any]:
    """The whole ``summary.json`` document: nothing in it varies between two runs that
    compute the same figures on the same machine."""
    return {
        "schema_version": SCHEMA_VERSION,
        "run_digest": provenance.run_digest,
        "harness": {"name": "boilerbench", "version": provenance.harness_version},
        "machine": provenance.machine,
        "corpus": asdict(corpus),
        "settings": {k: v for k, v in provenance.settings.items() if k not in RUN_SETTINGS},
        "engines": [engine_to_json(e) for e in engines],
    }


def run_document(provenance: Provenance, engines: list[EngineResult]) -> dict[str, Any]:
    """``run.json``: what varies from run to run (git-ignored): when, how, how fast."""
    return {
        "run_digest": provenance.run_digest,
        "created": provenance.created,
        "settings": {k: provenance.settings[k] for k in RUN_SETTINGS if k in provenance.settings},
        "timings": provenance.timings,
        "engines": {e.name: {k: _num(v) for k, v in asdict(e.timing).items()} for e in engines},
    }


def apply_run(
    provenance: Provenance, engines: list[EngineResult], run: dict[str, Any]
) -> tuple[Provenance, list[EngineResult]]:
    """The provenance and engines of ``summary.json`` completed from ``run.json``
    (ignored when it belongs to another run)."""
    if run.get("run_digest") != provenance.run_digest:
        return provenance, engines
    timings = run.get("engines") or {}
    return (
        replace(
            provenance,
            created=str(run.get("created") or provenance.created),
            settings={**provenance.settings, **(run.get("settings") or {})},
            timings=dict(run.get("timings") or {}),
        ),
        [replace(e, timing=_timing(timings[e.name])) if e.name in timings else e for e in engines],
    )


def parse_document(
    doc: dict[str, Any], where: str
) -> tuple[Provenance, CorpusInfo, list[EngineResult]]:
    """The typed parts of a schema-3 document (``where`` names the file in errors);
    ``created``, ``timings`` and engine timings come from ``run.json`` (``apply_run``)."""
    try:
        provenance = Provenance(
            harness_version=doc["harness"]["version"],
            created=str(doc.get("created") or ""),
            machine=doc["machine"],
            run_digest=doc.get("run_digest", ""),
            settings=doc.get("settings", {}),
            timings=doc.get("timings", {}),
        )
        corpus = CorpusInfo(**doc["corpus"])
        engines = [engine_from_json(e) for e in doc["engines"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise UserError(
            f"not a boilerbench summary (schema {SCHEMA_VERSION}): {exc!r}", where
        ) from None
    return provenance, corpus, engines
