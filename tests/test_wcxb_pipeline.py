"""WCXB's metric through the whole pipeline equals WCXB's own evaluate.py (within 1e-9).

20 real dev pages of every type (linked, not copied, into a temporary split), stored
outputs made from their gold (whole, cut, with noise, upper-cased, empty, missing),
scored by ``boilerbench run --stored`` and by evaluate.py's ``evaluate_results``.
"""

from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path

import pytest

from benchmark.cli import main
from benchmark.results.io import load_results

WCXB = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "wcxb-dev"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not WCXB.is_dir(), reason="../shared/datasets/wcxb-dev not present"),
]


def evaluate_module():
    spec = importlib.util.spec_from_file_location("wcxb_evaluate", WCXB / "evaluate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sample_split(root: Path, per_type: int = 3) -> list[str]:
    """Symlink a few pages of every type into ``root/dev``; returns their ids."""
    evaluate = evaluate_module()
    by_type: dict[str, list[str]] = {}
    for path in sorted((WCXB / "dev" / "ground-truth").glob("*.json")):
        page_type = evaluate.get_page_type(json.loads(path.read_text(encoding="utf-8")))
        by_type.setdefault(page_type, []).append(path.stem)
    ids = [i for pages in by_type.values() for i in pages[:per_type]]
    for sub, suffix in (("ground-truth", ".json"), ("html", ".html.gz")):
        (root / "dev" / sub).mkdir(parents=True)
        for page_id in ids:
            (root / "dev" / sub / f"{page_id}{suffix}").symlink_to(
                WCXB / "dev" / sub / f"{page_id}{suffix}"
            )
    return ids


def predictions(root: Path, ids: list[str]) -> dict[str, str]:
    rng = random.Random(7)
    out = {}
    for n, page_id in enumerate(ids):
        truth = json.loads((root / "dev" / "ground-truth" / f"{page_id}.json").read_text())
        gold = truth["ground_truth"].get("main_content") or ""
        words = gold.split()
        kind = n % 6
        if kind == 0:
            out[page_id] = gold
        elif kind == 1:
            out[page_id] = " ".join(words[: len(words) // 2])
        elif kind == 2:
            out[page_id] = gold + " Home | Contact | Subscribe to our newsletter"
        elif kind == 3:
            out[page_id] = " ".join(rng.sample(words, len(words))).upper()
        elif kind == 4:
            out[page_id] = ""
        # kind 5: no output at all (a missing id: empty for evaluate.py, an error cell here)
    return out


def test_wcxb_figures_equal_evaluate_py(tmp_path):
    ids = sample_split(tmp_path / "wcxb")
    texts = predictions(tmp_path / "wcxb", ids)
    stored = tmp_path / "stored" / "demo"
    stored.mkdir(parents=True)
    for page_id, text in texts.items():
        (stored / f"{page_id}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    argv = ["run", "--corpus", f"wcxb:{tmp_path / 'wcxb' / 'dev'}", "--engines", "none"]
    assert main([*argv, "--stored", str(stored.parent), "--out", str(out), "-q", "--no-cache"]) == 0
    (engine,) = load_results(out).engines

    evaluate = evaluate_module()
    evaluate.WCEB_DIR = tmp_path / "wcxb"
    truth = evaluate.load_ground_truth("dev")
    results = evaluate.evaluate_results(truth, texts, per_type=True)
    n = len(results)
    for ours, theirs in (
        ("f1", "f1"),
        ("precision", "precision"),
        ("recall", "recall"),
        ("with_rate", "with_rate"),
        ("without_rate", "without_rate"),
    ):
        expected = sum(r[theirs] for r in results) / n
        assert engine.value(f"wcxb:{ours}") == pytest.approx(expected, abs=1e-9), ours
    groups = engine.groups["page_type"]
    for page_type in {r["page_type"] for r in results}:
        rows = [r for r in results if r["page_type"] == page_type]
        got = groups[page_type]["wcxb:f1"]
        assert got.value == pytest.approx(sum(r["f1"] for r in rows) / len(rows), abs=1e-9)
        assert got.pages == len(rows)
    doc = json.loads((out / "summary.json").read_text())
    block = doc["engines"][0]["wcxb"]
    assert set(block) >= {"f1", "precision", "recall", "with_rate", "without_rate", "by_page_type"}
    assert set(next(iter(block["by_page_type"].values()))) >= {"f1", "precision", "recall", "pages"}
    # the shipped labels apply by page digest, wherever the split sits
    from benchmark.annotations.store import read_annotation

    labels = Path(__file__).resolve().parents[1] / "gold" / "real" / "wcxb-dev"
    reviewed = sum(
        1
        for i in ids
        if (labels / f"{i}.yaml").is_file() and read_annotation(labels / f"{i}.yaml").reviewed
    )
    assert doc["corpus"]["kind_labelled_pages"] == reviewed
