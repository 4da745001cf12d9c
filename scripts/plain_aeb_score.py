"""The plain way to score AEB stored outputs: one page at a time, a Python bootstrap loop.

It is the reference that ``make perf`` times boilerbench's scoring against, and checks
figure for figure: same metric (AEB), same resampled pages (the same seeded index
matrix), computed without any of boilerbench's reuse or vectorisation.

    python scripts/plain_aeb_score.py ../shared/datasets/aeb
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

TOKEN = re.compile(r"\w+")


def shingles(text: str) -> Counter:
    tokens = TOKEN.findall(text or "")
    if len(tokens) < 4:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def page_counts(true: str, pred: str) -> tuple[float, float, float, bool]:
    t, p = shingles(true), shingles(pred)
    tp = sum(min(n, p[s]) for s, n in t.items())
    fp, fn = sum(p.values()) - tp, sum(t.values()) - tp
    total = tp + fp + fn
    exact = TOKEN.findall(true or "") == TOKEN.findall(pred or "")
    return (tp / total, fp / total, fn / total, exact) if total else (0.0, 0.0, 0.0, exact)


def figures(rows: list[tuple[float, float, float, bool]]) -> dict[str, float]:
    precisions = [1.0 if fp == fn == 0 else tp / (tp + fp) for tp, fp, fn, _ in rows if tp + fp > 0]
    recalls = [1.0 if fp == fn == 0 else tp / (tp + fn) for tp, fp, fn, _ in rows if tp + fn > 0]
    p = statistics.fmean(precisions) if precisions else float("nan")
    r = statistics.fmean(recalls) if recalls else float("nan")
    return {
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "precision": p,
        "recall": r,
        "accuracy": statistics.fmean(float(x[3]) for x in rows),
    }


def score(root: Path, resamples: int = 1000, seed: int = 20261124) -> dict[str, dict[str, float]]:
    truth = json.loads((root / "ground-truth.json").read_text())
    ids = sorted(truth)
    indices = np.random.default_rng(seed).integers(0, len(ids), size=(resamples, len(ids)))
    results = {}
    for path in sorted((root / "output").glob("*.json")):
        data = json.loads(path.read_text())
        outputs = data["output"] if isinstance(data.get("output"), dict) else data
        rows = [
            page_counts(truth[i]["articleBody"], outputs.get(i, {}).get("articleBody", ""))
            for i in ids
        ]
        result = figures(rows)
        f1s = [figures([rows[j] for j in sample])["f1"] for sample in indices]
        result["f1_low"], result["f1_high"] = (float(x) for x in np.percentile(f1s, [2.5, 97.5]))
        results[path.stem] = result
    return results


if __name__ == "__main__":
    started = time.perf_counter()
    out = score(Path(sys.argv[1]))
    print(json.dumps({"seconds": time.perf_counter() - started, "engines": out}, indent=1))
