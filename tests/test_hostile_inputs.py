"""What a hostile user tries: each attempt gets one line naming the problem and exit 2,
checked before any extraction starts, or a recorded, correct outcome. Never a traceback."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from benchmark.cli import main

RUN = ["run", "--engines", "fake-echo", "--no-cache", "-q"]


def one_line(capsys, argv: list[str], expected: str, code: int = 2) -> None:
    assert main(argv) == code
    err = capsys.readouterr().err
    assert expected in err, err
    assert "Traceback" not in err and err.strip().count("\n") == 0, err


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--timeout", "nan"], "must be a finite number"),
        (["--timeout", "0"], "must be more than 0"),
        (["--timeout", "-3"], "must be more than 0"),
        (["--memory-limit", "-5"], "must be 0 or more"),
        (["--seed", "-1"], "must lie in 0.."),
        (["--workers", "0"], "must be at least 1"),
        (["--resamples", "0"], "must be at least 1"),
        (["--resamples", "ten"], "expected a whole number"),
        (["--isolation", "chroot"], "invalid choice"),
        (["--external", "../../x=cat"], "engine name '../../x' is not allowed"),
        (["--external", "nameonly"], "--external expects NAME=COMMAND"),
        (["--executor", "spark://x"], "--executor must be local, dask or dask://HOST:PORT"),
    ],
)
def test_bad_run_arguments(extra, expected, gold_dir, tmp_path, capsys):
    argv = [*RUN, "--corpus", f"gold:{gold_dir}", "--out", str(tmp_path / "o"), *extra]
    one_line(capsys, argv, expected)
    assert not (tmp_path / "o" / "summary.json").exists()


def test_unwritable_out_fails_before_extraction(gold_dir, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    argv = [*RUN, "--corpus", f"gold:{gold_dir}", "--out", str(blocker / "results")]
    one_line(capsys, argv, "--out is not writable")
    argv = ["run", "--engines", "fake-echo", "-q", "--corpus", f"gold:{gold_dir}"]
    one_line(
        capsys,
        [*argv, "--out", str(tmp_path / "o"), "--cache", str(blocker / "c")],
        "--cache is not writable",
    )


def test_disk_full_while_writing_is_one_line_and_the_cells_are_kept(
    gold_dir, tmp_path, capsys, monkeypatch
):
    from benchmark.results import files

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "write_atomic", full)
    argv = ["run", "--engines", "fake-echo", "-q", "--corpus", f"gold:{gold_dir}"]
    argv += ["--out", str(tmp_path / "o"), "--cache", str(tmp_path / "c")]
    one_line(capsys, argv, "cannot write the results: No space left on device")
    with sqlite3.connect(tmp_path / "c" / "outputs.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM outputs").fetchone()[0] == 2


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--metric", "F1"], "unknown metric 'F1'; did you mean 'f1'?"),
        (["--metric", "removal:spam:recal"], "did you mean 'removal:spam:recall'?"),
        (["--engine", "fake-echoo"], "did you mean 'fake-echo'?"),
        (["--threshold", "nan"], "must be a finite number"),
        (["--threshold", "-0.1"], "must be 0 or more"),
        (["--resamples", "0"], "must be at least 1"),
    ],
)
def test_the_gate_cannot_be_fooled(extra, expected, gold_dir, tmp_path, capsys):
    out = tmp_path / "o"
    assert main([*RUN, "--corpus", f"gold:{gold_dir}", "--out", str(out)]) == 0
    capsys.readouterr()
    one_line(capsys, ["compare", str(out), str(out), *extra], expected)


def test_an_internal_error_is_exit_3_never_a_regression(gold_dir, tmp_path, capsys, monkeypatch):
    import benchmark.compare as compare

    out = tmp_path / "o"
    assert main([*RUN, "--corpus", f"gold:{gold_dir}", "--out", str(out)]) == 0

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(compare, "compare_results", broken)
    assert main(["compare", str(out), str(out)]) == 3
    assert "internal error" in capsys.readouterr().err


def test_a_corrupt_cache_is_set_aside_and_rebuilt(gold_dir, tmp_path, capsys):
    cache = tmp_path / "c"
    cache.mkdir()
    (cache / "outputs.sqlite").write_bytes(b"this is not a database" * 100)
    argv = ["run", "--engines", "fake-echo", "-q", "--corpus", f"gold:{gold_dir}"]
    assert main([*argv, "--out", str(tmp_path / "o"), "--cache", str(cache)]) == 0
    assert "unreadable cache" in capsys.readouterr().err
    assert list(cache.glob("outputs.sqlite.corrupt-*"))


def test_duplicate_page_ids_are_refused(tmp_path, capsys):
    from tests.test_formats import make_trafilatura_eval

    path = make_trafilatura_eval(tmp_path)
    text = path.read_text().replace('"file": "two.html"', '"file": "one.html"')
    path.write_text(text)
    argv = [*RUN, "--corpus", f"trafilatura:{path}", "--out", str(tmp_path / "o")]
    one_line(capsys, argv, "holds page id 'one.html' twice")


def test_gold_text_missing_from_its_page_is_named_before_scoring(gold_dir, tmp_path, capsys):
    gold = gold_dir / "cases" / "news-1" / "gold.yaml"
    gold.write_text(gold.read_text().replace("Storm closes coast road", "Storm closes the airport"))
    assert main([*RUN, "--corpus", f"gold:{gold_dir}", "--out", str(tmp_path / "o")]) == 0
    err = capsys.readouterr().err
    assert "warning:" in err and "news-1" in err and "not found in page text" in err


def test_damage_deeper_in_the_cache_is_found_on_use_and_set_aside(gold_dir, tmp_path, capsys):
    """The cache is not read whole on open (that took seconds on a large one): damage
    past the header surfaces on the first look-up, which then starts a new cache."""
    import sqlite3

    cache = tmp_path / "c"
    argv = ["run", "--engines", "fake-echo", "-q", "--corpus", f"gold:{gold_dir}"]
    argv += ["--cache", str(cache)]
    assert main([*argv, "--out", str(tmp_path / "o1")]) == 0
    db = cache / "outputs.sqlite"
    with sqlite3.connect(db) as con:  # fold the write-ahead log in, then damage the pages
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    data[4096:] = b"\xa5" * (len(data) - 4096)
    db.write_bytes(bytes(data))
    capsys.readouterr()
    assert main([*argv, "--out", str(tmp_path / "o2")]) == 0
    assert "unreadable cache" in capsys.readouterr().err
    assert list(cache.glob("outputs.sqlite.corrupt-*"))
    assert (tmp_path / "o2" / "summary.json").is_file()


def test_a_busy_cache_is_never_set_aside(gold_dir, tmp_path, capsys, monkeypatch):
    """A lock held by another process (a run writing to the same cache) is not damage:
    the run waits for it, and if it outlasts the wait, stops with one line; the cache
    file is left where it is."""
    import sqlite3

    import benchmark.runner.cache

    cache = tmp_path / "c"
    argv = ["run", "--engines", "fake-echo", "-q", "--corpus", f"gold:{gold_dir}"]
    argv += ["--cache", str(cache)]
    assert main([*argv, "--out", str(tmp_path / "o1")]) == 0
    monkeypatch.setattr(benchmark.runner.cache, "BUSY_TIMEOUT_S", 0.2)
    other = sqlite3.connect(cache / "outputs.sqlite", isolation_level=None)
    other.execute("PRAGMA journal_mode=DELETE")  # (an exclusive lock then blocks readers)
    other.execute("BEGIN EXCLUSIVE")
    try:
        capsys.readouterr()
        assert main([*argv, "--out", str(tmp_path / "o2")]) == 2
        assert "cannot be used now" in capsys.readouterr().err
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not list(cache.glob("outputs.sqlite.corrupt-*"))
    assert main([*argv, "--out", str(tmp_path / "o3")]) == 0
