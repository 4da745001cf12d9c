"""Reading result folders written by an older boilerbench: each format step upgrades once.

``upgrade_2_to_3`` moves what varies between runs out of ``summary.json``.
``upgrade_1_to_2`` turns a schema-1 ``summary.json`` (figures at the top of each engine
entry) into schema-2 blocks, and schema 1's wide ``pages.csv`` (``units:<kind>``,
``kept:<kind>``, ``snippet_n:<kind>``, ``snippet_fp:<kind>`` columns) into the long
``kinds`` table. The pages table itself keeps its scalar columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # (imported where used: reading a summary needs no pandas)
    import pandas as pd

_CONTENT = ("f1", "precision", "recall", "accuracy")


def _stat_block(
    values: dict[str, Any], ci: dict[str, Any], stats: tuple[str, ...], pages: int
) -> dict[str, Any]:
    block: dict[str, Any] = {"pages": pages}
    for stat in stats:
        if stat in values:
            block[stat] = values[stat]
            block.setdefault("ci", {})[stat] = {**(ci.get(stat) or {}), "pages": pages}
    return block


def _engine_1_to_2(old: dict[str, Any]) -> dict[str, Any]:
    new: dict[str, Any] = {
        k: old.get(k)
        for k in (
            "name",
            "kind",
            "version",
            "distribution",
            "options",
            "adapter_sha256",
            "description",
        )
    }
    new["options"] = new["options"] or {}
    new["description"] = new["description"] or ""
    new["cells"] = {
        k: old.get(k, 0)
        for k in ("pages", "failures", "errors", "timeouts", "crashes", "empty_outputs")
    }
    new["timing"] = {
        k: old.get(k) for k in ("ms_median", "ms_mean", "cpu_ms_median", "cpu_s_total")
    }
    if old.get("metric", "aeb-shingles") == "aeb-shingles" and "f1" in old:
        new["content"] = {"metric": "aeb-shingles"} | _stat_block(
            old, old.get("ci") or {}, _CONTENT, old.get("pages", 0)
        )
    for kind, figures in (old.get("removal") or {}).items():
        new.setdefault("removal", {})[kind] = _stat_block(
            figures, figures.get("ci") or {}, ("recall", "precision"), figures.get("pages", 0)
        )
    if old.get("unmatched_share") is not None:
        new["unmatched"] = {"pages": old.get("pages", 0), "share": old["unmatched_share"]}
    snippets = old.get("snippets")
    if snippets:
        block = _stat_block(snippets, {}, _CONTENT, old.get("pages", 0))
        for kind, share in (snippets.get("found_by_kind") or {}).items():
            block.setdefault("found_by_kind", {})[kind] = {"share": share}
        new["snippets"] = block
    return new


def upgrade_1_to_2(doc: dict[str, Any]) -> dict[str, Any]:
    settings = doc.get("settings") or {}
    corpus = {
        k: v
        for k, v in (doc.get("corpus") or {}).items()
        if k in ("name", "spec", "fingerprint", "pages", "skipped")
    }
    return {
        **doc,
        "schema_version": 2,
        "corpus": corpus,
        "settings": settings,
        "engines": [_engine_1_to_2(e) for e in doc.get("engines", [])],
    }


def split_pages_1(pages: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Schema 1's wide per-page table as schema 2's pages and long kinds tables."""
    import pandas as pd

    from benchmark.scoring.cells import KIND_COLUMNS, PAGE_COLUMNS

    long: dict[tuple[str, str, str], dict[str, Any]] = {}
    renames = {
        "units": "units",
        "kept": "kept",
        "snippet_n": "snippets",
        "snippet_fp": "snippets_found",
    }
    for column in pages.columns:
        prefix, sep, kind = column.partition(":")
        if not sep or prefix not in renames:
            continue
        for engine, page, value in zip(pages["engine"], pages["page"], pages[column], strict=True):
            if pd.notna(value):
                long.setdefault((engine, page, kind), {})[renames[prefix]] = value
    kinds = pd.DataFrame(
        [{"engine": e, "page": p, "kind": k, **v} for (e, p, k), v in long.items()],
        columns=list(KIND_COLUMNS),
    )
    scalar = pages[[c for c in pages.columns if ":" not in c]]
    return scalar.reindex(columns=list(PAGE_COLUMNS)), kinds


def upgrade_2_to_3(doc: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Schema 2 kept the date, timings and how-it-ran settings in ``summary.json``;
    schema 3 moves them to ``run.json``. Returns both documents."""
    from benchmark.results.model import RUN_SETTINGS

    settings = dict(doc.get("settings") or {})
    engines = [dict(e) for e in doc.get("engines", [])]
    run = {
        "run_digest": doc.get("run_digest", ""),
        "created": doc.get("created"),
        "settings": {k: settings.pop(k) for k in RUN_SETTINGS if k in settings},
        "timings": doc.get("timings") or {},
        "engines": {e.get("name"): e.pop("timing", None) or {} for e in engines},
    }
    new = {k: v for k, v in doc.items() if k not in ("created", "timings")}
    return {**new, "schema_version": 3, "settings": settings, "engines": engines}, run
