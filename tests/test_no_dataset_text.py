"""No dataset text in the repository: real pages are labelled by stand-off annotations
(hashes, XPaths, kinds), and what is committed from real-page runs is figures only.

Checks every tracked text file against the article gold of AEB and of the WCXB dev
split (when ``../shared/datasets`` is present): a run of 8 or more words of it is a
copy. Words are lowercased ``\\w+`` tokens; runs are compared as hashed 8-grams (runs
of numbers only are figures, such as per-page scores, and are not compared).
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT.parent / "shared" / "datasets"
RUN = 8
_WORD = re.compile(r"\w+")
#: Markup and URL words: some WCXB documentation gold quotes HTML and XML (a viewport
#: meta tag, the RDF namespace), which our own pages and SVG plots hold too. A run with
#: one of these words is markup, not dataset prose.
MARKUP = frozenset(
    [
        "http",
        "https",
        "www",
        "w3",
        "org",
        "com",
        "html",
        "head",
        "meta",
        "charset",
        "utf",
        "doctype",
        "xmlns",
        "rdf",
        "svg",
        "div",
        "span",
        "class",
        "href",
        "content",
        "viewport",
        "width",
        "device",
        "initial",
        "scale",
    ]
)

pytestmark = pytest.mark.slow


def grams(text: str) -> Iterator[int]:
    words = _WORD.findall(text.lower())
    for i in range(len(words) - RUN + 1):
        run = words[i : i + RUN]
        # a run of numbers only is a figure (0.25 is "0", "25"), not dataset prose
        if not MARKUP.intersection(run) and not all(w.isdigit() for w in run):
            yield hash(tuple(run))


def dataset_texts() -> Iterator[str]:
    aeb = DATASETS / "aeb" / "ground-truth.json"
    if aeb.is_file():
        for item in json.loads(aeb.read_text(encoding="utf-8")).values():
            yield item.get("articleBody") or ""
    for path in sorted((DATASETS / "wcxb-dev" / "dev" / "ground-truth").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8")).get("ground_truth") or {}
        yield truth.get("main_content") or ""
        yield truth.get("main_content_markdown") or ""


def tracked_files() -> list[Path]:
    done = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip("not a git checkout")
    return [ROOT / name for name in done.stdout.decode().split("\0") if name]


@pytest.mark.skipif(not DATASETS.is_dir(), reason="../shared/datasets not present")
def test_no_run_of_eight_dataset_words_in_any_tracked_file():
    known: set[int] = set()
    sample = ""
    for text in dataset_texts():
        known.update(grams(text))
        sample = sample or text
    assert len(known) > 100_000  # the datasets were really read
    assert any(g in known for g in grams(f"quoted: {sample[:400]} (end)"))  # a copy is caught
    copies = []
    for path in tracked_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, IsADirectoryError, FileNotFoundError):
            continue  # binary files (plots) and files deleted in the work tree
        hits = sum(1 for g in grams(text) if g in known)
        if hits:
            copies.append(f"{path.relative_to(ROOT)}: {hits} runs of {RUN} dataset words")
    assert not copies, "\n".join(copies)
