"""Result files: what ``boilerbench run`` leaves in its output folder.

- ``pages.csv``     one row per (engine, page): status, error, timings, every metric
- ``summary.json``  provenance (schema, harness, corpus fingerprint, machine, date,
                    settings) and per engine its version, options, adapter hash, figures
- ``summary.csv``   the per-engine figures, flat
- ``summary.md``    the table to paste
- ``outputs/<engine>.json``  every output text, in the AEB output format
                    (``{"version", "output": {page: {"articleBody"}}}``), re-scorable
                    with ``--stored``
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmark import __version__
from benchmark.results.files import SCHEMA_VERSION, json_safe, write_atomic
from benchmark.results.markdown import snippet_table, summary_table
from benchmark.runner.run import RunResult, machine_info


def summary_document(result: RunResult) -> dict[str, Any]:
    corpus = result.corpus
    settings = result.settings
    return json_safe(
        {
            "schema_version": SCHEMA_VERSION,
            "run_digest": result.digest,
            "harness": {"name": "boilerbench", "version": __version__},
            "created": result.created,
            "machine": machine_info(),
            "corpus": {
                "name": corpus.name,
                "spec": corpus.spec,
                "fingerprint": corpus.fingerprint,
                "pages": len(corpus.pages),
                "skipped": corpus.skipped,
            },
            "settings": {
                "workers": settings.workers,
                "timeout_s": settings.timeout,
                "memory_mb": settings.memory_mb,
                "bootstrap": {"resamples": settings.resamples, "seed": settings.seed},
            },
            "timings": result.timings,
            "engines": [{**meta, **result.summary[meta["name"]]} for meta in result.engines],
        }
    )


def write_results(result: RunResult, out: Path) -> list[Path]:
    """Write every result file into ``out``; returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    document = summary_document(result)
    written = []

    def put(name: str, data: str) -> None:
        write_atomic(out / name, data)
        written.append(out / name)

    put("summary.json", json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    put("pages.csv", result.pages.to_csv(index=False))
    put("summary.csv", result.summary_frame().to_csv(index=False))
    header = (
        f"Corpus `{result.corpus.spec}` ({len(result.corpus.pages)} pages, fingerprint"
        f" `{result.corpus.fingerprint}`), boilerbench {__version__}, {result.created}.\n\n"
    )
    table = summary_table(result.engines, result.summary)
    if any("snippets" in result.summary[m["name"]] for m in result.engines):
        table += "\nSnippet metric (trafilatura evaluation):\n\n" + snippet_table(
            result.engines, result.summary
        )
    put("summary.md", header + table)
    for meta in result.engines:
        outputs = result.outputs.get(meta["name"], {})
        doc = {
            "version": meta["version"],
            "output": {page: {"articleBody": text or ""} for page, text in outputs.items()},
        }
        put(f"outputs/{meta['name']}.json", json.dumps(doc, ensure_ascii=False))
    return written
