"""Every real engine over pages built to break parsers: the harness never crashes and
every (engine, page) cell gets a recorded outcome."""

from __future__ import annotations

import json

from benchmark.cli import main
from benchmark.engines import resolve_engines
from benchmark.hostile import HOSTILE, write_hostile_corpus


def test_hostile_pages_never_crash_the_harness(tmp_path):
    root = write_hostile_corpus(tmp_path / "hostile")
    out = tmp_path / "out"
    code = main(
        [
            "run",
            "--corpus",
            f"gold:{root}",
            "--out",
            str(out),
            "--timeout",
            "20",
            "--memory-limit",
            "3072",
            "-q",
            "--no-cache",
        ]
    )
    assert code == 0
    document = json.loads((out / "summary.json").read_text())
    engines = resolve_engines("all")
    assert len(document["engines"]) == len(engines)
    for engine in document["engines"]:
        assert engine["pages"] == len(HOSTILE)
    rows = (out / "pages.csv").read_text().splitlines()
    assert len(rows) == 1 + len(HOSTILE) * len(engines)
    statuses = {line.split(",")[2] for line in rows[1:]}
    assert statuses <= {"ok", "error", "timeout", "crash"}
    # the ordinary small page inside all the noise is still extracted by most engines
    deep = [e for e in document["engines"] if e["recall"] and e["recall"] > 0]
    assert deep
