"""AEB format: small fixtures always; the published table whenever ../shared has AEB."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from benchmark.cli import main
from benchmark.results.io import load_results
from tests.conftest import SHARED_AEB


def make_aeb(root: Path) -> Path:
    truth = {
        "p1": {"url": "https://a.example/1", "articleBody": "one two three four five six"},
        "p2": {"url": "https://a.example/2", "articleBody": "alpha beta gamma delta"},
    }
    (root / "html").mkdir(parents=True)
    for key in truth:
        with gzip.open(root / "html" / f"{key}.html.gz", "wt", encoding="utf-8") as fh:
            fh.write(f"<html><body><p>{truth[key]['articleBody']}</p></body></html>")
    (root / "ground-truth.json").write_text(json.dumps(truth))
    (root / "output").mkdir()
    # p1: 3 gold shingles; output keeps 2 of them and adds 2 of its own (4 output shingles)
    # p2: empty output
    outputs = {
        "p1": {"articleBody": "two three four five six seven eight"},
        "p2": {"articleBody": ""},
    }
    (root / "output" / "demo.json").write_text(json.dumps({"version": "1.2", "output": outputs}))
    return root


def test_stored_outputs_on_a_tiny_aeb_folder(tmp_path):
    root = make_aeb(tmp_path / "aeb")
    out = tmp_path / "out"
    assert (
        main(
            [
                "run",
                "--corpus",
                f"aeb:{root}",
                "--stored",
                str(root / "output"),
                "--engines",
                "none",
                "--out",
                str(out),
                "-q",
                "--no-cache",
            ]
        )
        == 0
    )
    (demo,) = load_results(out).engines
    # p1: gold shingles {1234, 2345, 3456}; output {2345, 3456, 4567, 5678}: tp 2, fp 2, fn 1
    assert demo.value("precision") == pytest.approx(2 / 4)  # p2 has no output: not in the mean
    assert demo.value("recall") == pytest.approx((2 / 3 + 0) / 2)
    assert demo.value("accuracy") == 0.0
    assert demo.info.version == "1.2"
    assert not demo.removal_kinds()  # article-only gold: per-kind removal does not apply
    assert "| n/a | n/a | n/a |" in (out / "summary.md").read_text()


def test_metrics_content_scores_the_article_gold_alone(tmp_path, capsys):
    root = make_aeb(tmp_path / "aeb")
    argv = ["run", "--corpus", f"aeb:{root}", "--stored", str(root / "output")]
    argv += ["--engines", "none", "-q", "--no-cache"]
    assert main([*argv, "--out", str(tmp_path / "all")]) == 0
    assert main([*argv, "--out", str(tmp_path / "content"), "--metrics", "content"]) == 0
    (full,) = load_results(tmp_path / "all").engines
    (content,) = load_results(tmp_path / "content").engines
    for name in ("f1", "precision", "recall", "accuracy"):
        assert content.value(name) == full.value(name)
    # a family the corpus's gold cannot give, or no family at all: one line, exit 2
    assert main([*argv, "--out", str(tmp_path / "x"), "--metrics", "snippets"]) == 2
    assert "supports only content, removal" in capsys.readouterr().err
    assert main([*argv, "--out", str(tmp_path / "x"), "--metrics", "content,spam"]) == 2
    assert "unknown metric family spam" in capsys.readouterr().err


def published_table() -> dict[str, tuple[float, ...]]:
    """Rows of the table in the AEB README: first word of the first cell -> F1, P, R, accuracy."""
    rows = {}
    for line in (SHARED_AEB / "README.md").read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and re.fullmatch(r"[\d.]+", cells[2]):
            rows[cells[0].split()[0]] = tuple(float(c) for c in cells[2:])
    return rows


@pytest.mark.slow
@pytest.mark.skipif(not SHARED_AEB.is_dir(), reason="AEB reference copy (../shared) not present")
def test_reproduces_the_published_aeb_table(tmp_path):
    out = tmp_path / "out"
    assert (
        main(
            [
                "run",
                "--corpus",
                f"aeb:{SHARED_AEB}",
                "--stored",
                str(SHARED_AEB / "output"),
                "--engines",
                "none",
                "--out",
                str(out),
                "-q",
                "--no-cache",
                "--resamples",
                "10",
            ]
        )
        == 0
    )
    # the article gold alone (no labels applied, no removal): the same figures
    argv = ["run", "--corpus", f"aeb:{SHARED_AEB}", "--stored", str(SHARED_AEB / "output")]
    argv += ["--engines", "none", "-q", "--no-cache", "--resamples", "10", "--metrics", "content"]
    assert main([*argv, "--out", str(tmp_path / "content")]) == 0
    only = {e.name: e for e in load_results(tmp_path / "content").engines}
    engines = {e.name: e for e in load_results(out).engines}
    for name, e in engines.items():
        for key in ("f1", "precision", "recall", "accuracy"):
            assert only[name].figure(key) == e.figure(key), (name, key)  # and the CIs
    published = published_table()
    assert len(published) == 15 and set(published) == set(engines)
    for name, (f1, p, r, acc) in published.items():
        e = engines[name]
        got = tuple(round(e.value(k), 3) for k in ("f1", "precision", "recall", "accuracy"))
        assert got == (f1, p, r, acc), name


def test_scoring_started_at_launch_gives_the_same_results(tmp_path, monkeypatch):
    """A run with nothing to extract (stored outputs only) starts its scoring processes
    at launch, before pandas loads; its result files are byte for byte those of the
    same run scored in one process."""
    import random

    from benchmark.scoring import cells

    rng = random.Random(5)
    words = [f"w{i}" for i in range(40)]
    root = tmp_path / "aeb"
    (root / "html").mkdir(parents=True)
    (root / "output").mkdir()
    truth, rows = {}, {f"row{r}": {} for r in range(8)}
    for page in range(60):
        body = " ".join(rng.choices(words, k=rng.randint(0, 60)))
        truth[f"p{page}"] = {"url": f"https://a.example/{page}", "articleBody": body}
        with gzip.open(root / "html" / f"p{page}.html.gz", "wt", encoding="utf-8") as fh:
            fh.write(f"<html><body><p>{body}</p></body></html>")
        for output in rows.values():
            kept = body.split()[: rng.randint(0, 60)] + rng.choices(words, k=rng.randint(0, 9))
            output[f"p{page}"] = {"articleBody": " ".join(kept)}
    (root / "ground-truth.json").write_text(json.dumps(truth))
    for name, output in rows.items():
        (root / "output" / f"{name}.json").write_text(json.dumps({"output": output}))
    started = []
    monkeypatch.setattr(
        cells.ScoringProcesses, "__init__", _spy(cells.ScoringProcesses.__init__, started)
    )
    argv = ["run", "--corpus", f"aeb:{root}", "--stored", str(root / "output")]
    argv += ["--engines", "none", "-q", "--no-cache", "--resamples", "50"]
    assert main([*argv, "--workers", "2", "--out", str(tmp_path / "two")]) == 0
    assert started == [True]  # once, from ``launch``
    assert main([*argv, "--workers", "1", "--out", str(tmp_path / "one")]) == 0
    assert started == [True]  # (one process: scored in this one)
    for name in ("pages.csv", "kinds.csv", "figures.csv", "summary.md"):
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()


def _spy(method, calls):
    import inspect

    def spied(self, *args, **kwargs):
        calls.append(any(frame.function == "launch" for frame in inspect.stack()))
        method(self, *args, **kwargs)

    return spied
