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
