"""A run keeps its output texts in the cell cache, not in memory, and writes the same
result files as a run that holds them (``--no-cache``)."""

from __future__ import annotations

from benchmark.cli import main
from benchmark.results.io import _write_outputs
from benchmark.runner.texts import CellTexts, OutputTexts


def test_streamed_outputs_are_the_bytes_orjson_dumps_gives():
    import orjson

    texts = {"p1": "plain", "p2": None, "p3": 'quotes " and \\ and ünïcode 中文\n', "p4": ""}
    texts |= {f"big{i}": "x" * 300_000 for i in range(8)}  # (more than one chunk)
    for version in ("1.0", None):
        for items in (texts, {}):
            chunks: list[bytes] = []
            _write_outputs(
                version, "markdown", lambda items=items: iter(items.items()), chunks.append
            )
            doc = {
                "version": version,
                "format": "markdown",
                "output": {p: {"articleBody": t or ""} for p, t in items.items()},
            }
            assert b"".join(chunks) == orjson.dumps(doc)


def test_a_text_orjson_cannot_encode_is_written_escaped_and_reads_back_the_same(tmp_path):
    from typing import Any

    from benchmark.errors import read_json

    texts = {"p1": "lone \udc80 surrogate", "p2": "ok ü"}
    chunks: list[bytes] = []
    _write_outputs("1", "text", lambda: iter(texts.items()), chunks.append)
    (tmp_path / "o.json").write_bytes(b"".join(chunks))
    back: Any = read_json(tmp_path / "o.json")  # (orjson refuses it, json reads it)
    assert {p: v["articleBody"] for p, v in back["output"].items()} == texts


def test_a_cached_run_writes_what_a_run_holding_its_texts_writes(gold_dir, tmp_path):
    argv = ["run", "--corpus", f"gold:{gold_dir}", "--engines", "fake-echo,fake-article,fake-fail"]
    argv += ["-q", "--no-report"]
    assert main([*argv, "--no-cache", "--out", str(tmp_path / "held")]) == 0
    assert main([*argv, "--cache", str(tmp_path / "c"), "--out", str(tmp_path / "read")]) == 0
    for name in ("pages.csv", "kinds.csv", "figures.csv", "summary.md"):
        assert (tmp_path / "held" / name).read_bytes() == (tmp_path / "read" / name).read_bytes()
    for path in (tmp_path / "held" / "outputs").iterdir():
        assert path.read_bytes() == (tmp_path / "read" / "outputs" / path.name).read_bytes()


def test_output_texts_read_a_row_when_asked(tmp_path):
    from benchmark.runner.cache import OutputCache
    from benchmark.runner.worker import OK, Extraction

    with OutputCache(tmp_path) as cache:
        cache.put("k1", "e", "p1", Extraction(OK, "one", None, 1.0, 1.0))
        cache.put("k2", "e", "p2", Extraction(OK, "two", None, 1.0, 1.0))
        texts = CellTexts(cache.path, {("e", "p1"): "k1", ("e", "p2"): "k2"}, {("f", "p1"): "x"})
        outputs = OutputTexts(texts, ["e", "f"], ["p2", "p1"])
        assert list(outputs) == ["e", "f"]
        assert list(outputs.stream("e")) == [("p2", "two"), ("p1", "one")]  # page order
        assert dict(outputs["f"]) == {"p1": "x"}
        assert texts.fetch([("e", "p1"), ("f", "p1")]) == {("e", "p1"): "one", ("f", "p1"): "x"}


def test_the_cache_reads_many_cells_with_or_without_texts(tmp_path):
    """Look-ups go 500 keys at a time: more than one chunk, both ways."""
    from benchmark.runner.cache import OutputCache
    from benchmark.runner.worker import OK, Extraction

    with OutputCache(tmp_path) as cache:
        for i in range(1234):
            cache.put(f"k{i}", "e", f"p{i}", Extraction(OK, f"text {i}", None, 1.0, 2.0))
        keys = [f"k{i}" for i in range(1234)] + ["absent"]
        full, bare = cache.get_many(keys), cache.get_many(keys, texts=False)
        assert len(full) == len(bare) == 1234
        assert full["k1000"].text == "text 1000" and bare["k1000"].text is None
        assert bare["k1000"].cpu_ms == 2.0
        texts = CellTexts(cache.path, {("e", f"p{i}"): f"k{i}" for i in range(1234)})
        assert texts.fetch([("e", "p1233")]) == {("e", "p1233"): "text 1233"}
        assert len(list(texts.stream("e", [f"p{i}" for i in range(1234)]))) == 1234


def test_a_staged_file_moves_in_only_with_its_set_and_never_lingers(tmp_path):
    """Output files are written ahead (while scores are still coming) and moved in by
    ``write_set``; a file that already holds the bytes keeps its time stamp."""
    import os

    import pytest

    from benchmark.results.files import stage, verify_set, write_set

    out = tmp_path / "out"
    first = stage(out / "outputs/a.json", lambda write: write(b'{"x":1}'))
    assert not (out / "outputs/a.json").exists() and first.temporary.exists()
    write_set(out, {"outputs/a.json": first, "summary.md": "s\n"}, "digest")
    assert (out / "outputs/a.json").read_bytes() == b'{"x":1}' and verify_set(out) is None
    os.utime(out / "outputs/a.json", (1, 1))
    again = stage(out / "outputs/a.json", lambda write: write(b'{"x":1}'))
    write_set(out, {"outputs/a.json": again, "summary.md": "s\n"}, "digest")
    assert (out / "outputs/a.json").stat().st_mtime == 1  # the same bytes: left alone
    elsewhere = stage(tmp_path / "other/a.json", lambda write: write(b"{}"))
    with pytest.raises(ValueError, match="staged for"):
        write_set(out, {"outputs/a.json": elsewhere}, "digest")
    elsewhere.discard()
    leftovers = [p.name for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_run_stopped_after_writing_its_outputs_ahead_leaves_no_trace(
    gold_dir, tmp_path, monkeypatch
):
    """The outputs are staged before the scores are in; a run that stops then leaves the
    previous results whole and no temporary file behind."""
    from benchmark import pipeline
    from benchmark.results.files import verify_set

    out = tmp_path / "out"
    argv = ["run", "--corpus", f"gold:{gold_dir}", "--engines", "fake-echo,fake-article"]
    argv += ["-q", "--no-report", "--no-cache", "--out", str(out)]
    assert main(argv) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    staged = []
    real_stage = pipeline.stage_outputs

    def stage_then_interrupt(*args, **kwargs):
        staged.append(real_stage(*args, **kwargs))
        return staged[-1]

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "stage_outputs", stage_then_interrupt)
    monkeypatch.setattr(pipeline, "summarize", interrupted)
    assert main([*argv, "--seed", "7"]) == 130
    assert sorted(staged[0]) == ["outputs/fake-article.json", "outputs/fake-echo.json"]
    assert all(not f.temporary.exists() for f in staged[0].values())
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert verify_set(out) is None
