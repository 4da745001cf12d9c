from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from benchmark.results.io import load_results
from benchmark.results.model import RunResult
from tests.fakes import register_fakes

SHARED_AEB = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "aeb"

NEWS_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour</title>
<script>var tracking = "not text";</script></head><body>
<nav><a href="/">Home</a> <a href="/local">Local news</a></nav>
<article>
<p>The council approved the new harbour budget on Tuesday night after a long debate.</p>
<p>Fishermen said the money for the north pier was overdue, and the mayor agreed.</p>
</article>
<p>buy cialis professional online no prescription pharmacy</p>
<aside><h3>Most read</h3><ul><li>Storm closes coast road for two days</li></ul></aside>
<footer>Copyright 2024 The Riverton Gazette</footer>
</body></html>"""

NEWS_SEGMENTS = [
    {"navigation": "Home Local news"},
    {
        "article": "The council approved the new harbour budget on Tuesday night after a long"
        " debate.\n\nFishermen said the money for the north pier was overdue, and the mayor agreed."
    },
    {"spam": "buy cialis professional online no prescription pharmacy"},
    {"sidebar": "Most read\nStorm closes coast road for two days"},
    {"footer": "Copyright 2024 The Riverton Gazette"},
]


def write_case(root: Path, case_id: str, html: str | bytes, segments: list[dict], **extra) -> Path:
    folder = root / "cases" / case_id
    folder.mkdir(parents=True)
    (folder / "page.html").write_bytes(html.encode() if isinstance(html, str) else html)
    gold = {
        "url": f"https://news.example/{case_id}",
        "provenance": "test fixture",
        "template": "test",
        "language": "en",
        **extra,
        "segments": segments,
    }
    (folder / "gold.yaml").write_text(yaml.safe_dump(gold, allow_unicode=True, sort_keys=False))
    return folder


@pytest.fixture(scope="session", autouse=True)
def fakes() -> None:
    register_fakes()


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    root = tmp_path / "gold"
    write_case(root, "news-1", NEWS_PAGE, NEWS_SEGMENTS)
    write_case(
        root,
        "news-2",
        NEWS_PAGE.replace("Tuesday", "Monday"),
        [{k: v.replace("Tuesday", "Monday")} for seg in NEWS_SEGMENTS for k, v in seg.items()],
    )
    return root


def bench(corpus: str, engines: str, out: Path, *extra: str) -> RunResult:
    """Run ``boilerbench run`` (quiet, no cache) and read its results folder back."""
    from benchmark.cli import main

    argv = ["run", "--corpus", corpus, "--engines", engines, "--out", str(out), "-q", "--no-cache"]
    assert main([*argv, *extra]) == 0
    return load_results(out)


def figures(result: RunResult) -> pd.DataFrame:
    """Every engine's figures in long form (timings, which vary by run, are elsewhere)."""
    return result.figures_frame()
