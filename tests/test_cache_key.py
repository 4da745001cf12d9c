"""The cache is keyed on what produced an output: the contents of the engine's code."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from benchmark.cli import main
from benchmark.engines.fingerprint import FileHashes, code_fingerprint
from benchmark.results.io import load_results


def fake_distribution(site: Path, name: str, version: str, code: str, requires: str = "") -> Path:
    """A tiny installed distribution (dist-info with a RECORD) under ``site``."""
    module = site / f"{name}.py"
    module.write_text(code)
    info = site / f"{name}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
        + (f"Requires-Dist: {requires}\n" if requires else "")
    )
    (info / "RECORD").write_text(f"{name}.py,,\n{info.name}/METADATA,,\n{info.name}/RECORD,,\n")
    return module


@pytest.fixture
def site(tmp_path, monkeypatch):
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    return folder


def test_an_in_place_edit_of_an_engine_file_changes_the_key(site, tmp_path):
    module = fake_distribution(site, "fakeextract", "1.0", "def extract(h):\n    return h\n")
    hashes = FileHashes(tmp_path / "cache")
    before = code_fingerprint(hashes, "fakeextract")
    assert code_fingerprint(hashes, "fakeextract") == before  # stable
    time.sleep(0.01)
    module.write_text("def extract(h):\n    return h[:9]\n")  # same version number
    after = code_fingerprint(hashes, "fakeextract")
    assert after != before
    hashes.close()
    # and the memo (path, size, mtime) does not hide it from a later run either
    assert code_fingerprint(FileHashes(tmp_path / "cache"), "fakeextract") == after


def test_a_dependency_change_changes_the_key(site, tmp_path):
    fake_distribution(site, "fakeextract", "1.0", "import fakedep\n", requires="fakedep>=1")
    dep = fake_distribution(site, "fakedep", "1.0", "STOPWORDS = ['the']\n")
    hashes = FileHashes(None)
    before = code_fingerprint(hashes, "fakeextract")
    dep.write_text("STOPWORDS = ['the', 'a']\n")  # a changed stoplist changes output too
    assert code_fingerprint(hashes, "fakeextract") != before
    meta = site / "fakedep-1.0.dist-info" / "METADATA"
    middle = code_fingerprint(hashes, "fakeextract")
    meta.write_text(meta.read_text().replace("Version: 1.0", "Version: 1.1"))
    assert code_fingerprint(hashes, "fakeextract") != middle


def test_an_edited_external_script_is_recomputed(gold_dir, tmp_path, capsys):
    script = tmp_path / "engine.py"
    script.write_text("import sys\nprint('FIRST ' + sys.stdin.read()[:40])\n")
    out, cache = tmp_path / "out", tmp_path / "cache"
    argv = ["run", "--corpus", f"gold:{gold_dir}", "--engines", "none", "-q"]
    argv += [
        "--external",
        f"ext={sys.executable} {script}",
        "--out",
        str(out),
        "--cache",
        str(cache),
    ]
    assert main(argv) == 0
    assert main(argv) == 0
    assert "up to date" in capsys.readouterr().err
    script.write_text("import sys\nprint('SECOND ' + sys.stdin.read()[:40])\n")
    assert main(argv) == 0
    assert "2 cells computed, 0 from cache" in capsys.readouterr().err
    texts = load_results(out, outputs=True).outputs["ext"]
    assert all(t.startswith("SECOND") for t in texts.values())
    # --force recomputes every cell even when nothing changed
    assert main([*argv, "--force"]) == 0
    assert "2 cells computed, 0 from cache" in capsys.readouterr().err


def test_changed_harness_code_rewrites_results_from_cached_cells(
    gold_dir, tmp_path, capsys, monkeypatch
):
    """Results written by other harness code are not 'up to date': the files are written
    again (by this code), every cell still coming from the cache."""
    import benchmark.plan

    out, cache = tmp_path / "out", tmp_path / "cache"
    argv = ["run", "--corpus", f"gold:{gold_dir}", "--engines", "html-text", "-q"]
    argv += ["--out", str(out), "--cache", str(cache)]
    assert main(argv) == 0
    assert main(argv) == 0
    assert "up to date" in capsys.readouterr().err
    monkeypatch.setattr(benchmark.plan, "harness_code_hash", lambda hashes: "other-code")
    # (an edited module changes its stat, which voids the kept fingerprints: as here)
    monkeypatch.setattr(benchmark.plan.FileHashes, "stamped", lambda self, key: None)
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "up to date" not in err and "0 cells computed, 2 from cache" in err


def test_the_same_code_in_another_place_has_the_same_fingerprint(tmp_path):
    """A fresh clone elsewhere must find the same keys (and write the same results)."""
    for place in ("one/checkout", "two"):
        tree = tmp_path / place / "server"
        (tree / "lib").mkdir(parents=True)
        (tree / "lib" / "a.js").write_text("module.exports = 1;\n")
        (tree / "main.js").write_text("require('./lib/a');\n")
    hashes = FileHashes(None)
    one = code_fingerprint(hashes, paths=[tmp_path / "one/checkout/server"])
    assert one == code_fingerprint(hashes, paths=[tmp_path / "two/server"])
    (tmp_path / "two/server/lib/a.js").write_text("module.exports = 2;\n")
    assert one != code_fingerprint(hashes, paths=[tmp_path / "two/server"])


def test_kept_fingerprints_are_used_only_while_nothing_they_read_changed(tmp_path):
    """A cached re-run reuses the fingerprints of the last run when every file and
    folder they read has the same stat; an edit, a new file or a removed one voids them."""
    tree = tmp_path / "server"
    (tree / "lib").mkdir(parents=True)
    (tree / "lib" / "a.js").write_text("module.exports = 1;\n")
    cache = tmp_path / "cache"

    def keep() -> str:
        hashes = FileHashes(cache, one_run=True)
        value = code_fingerprint(hashes, paths=[tree])
        hashes.stamp("key", value)
        hashes.close()
        return value

    def kept() -> object:
        hashes = FileHashes(cache)
        try:
            return hashes.stamped("key")
        finally:
            hashes.close()

    assert kept() is None
    assert kept() != (first := keep()) and kept() == first
    time.sleep(0.01)
    (tree / "lib" / "b.js").write_text("module.exports = 2;\n")  # a file added
    assert kept() is None
    keep()
    (tree / "lib" / "a.js").write_text("module.exports = 11;\n")  # edited in place
    assert kept() is None
    keep()
    (tree / "lib" / "b.js").unlink()
    assert kept() is None


def test_a_folder_written_by_other_code_is_rewritten_even_if_this_code_ran_elsewhere(
    gold_dir, tmp_path, capsys, monkeypatch
):
    """The writer (digest + harness code) is in each folder's manifest: a folder that
    older code wrote is not current just because this code wrote the same run into
    another folder from the same cache."""
    import benchmark.plan

    old, new, cache = tmp_path / "old", tmp_path / "new", tmp_path / "cache"
    argv = ["run", "--corpus", f"gold:{gold_dir}", "--engines", "html-text", "-q"]
    argv += ["--cache", str(cache)]
    with monkeypatch.context() as patch:
        patch.setattr(benchmark.plan, "harness_code_hash", lambda hashes: "older-code")
        patch.setattr(benchmark.plan.FileHashes, "stamped", lambda self, key: None)
        patch.setattr(benchmark.plan.FileHashes, "stamp", lambda self, key, value: None)
        assert main([*argv, "--out", str(old)]) == 0
    assert "older-code" in (old / "MANIFEST.json").read_text()
    assert main([*argv, "--out", str(new)]) == 0  # this code, the same run, elsewhere
    capsys.readouterr()
    assert main([*argv, "--out", str(old)]) == 0
    err = capsys.readouterr().err
    assert "up to date" not in err and "0 cells computed, 2 from cache" in err
    assert "older-code" not in (old / "MANIFEST.json").read_text()
    assert main([*argv, "--out", str(old)]) == 0
    assert "up to date" in capsys.readouterr().err


def test_files_that_name_the_environment_are_not_fingerprinted():
    """Console scripts (their first line is this environment's interpreter path) and the
    RECORD listing their hashes differ between two checkouts of one environment: a
    fresh clone must find the same keys, so they are left out; code is kept."""
    from benchmark.engines.fingerprint import _runs

    assert _runs("trafilatura/core.py") and _runs("lxml/etree.cpython-312-x86_64-linux-gnu.so")
    assert _runs("trafilatura-2.3.1.dist-info/METADATA")
    assert not _runs("../../../bin/trafilatura")
    assert not _runs("trafilatura-2.3.1.dist-info/RECORD")
    assert not _runs("trafilatura/__pycache__/core.cpython-312.pyc")


def test_kept_fingerprints_are_void_when_a_distribution_is_installed(tmp_path, monkeypatch):
    """A package installed into a folder on the import path can join an engine's closure
    (an optional requirement now met) without changing any file read before: the
    folder's own mtime voids the kept fingerprints."""
    import benchmark.plan

    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    computed = []
    real = benchmark.plan.harness_code_hash
    monkeypatch.setattr(
        benchmark.plan, "harness_code_hash", lambda hashes: computed.append(1) or real(hashes)
    )
    cache = tmp_path / "cache"
    benchmark.plan.code_hashes([], cache)
    benchmark.plan.code_hashes([], cache)
    assert len(computed) == 1  # the second run used the kept fingerprints
    time.sleep(0.01)
    (site / "newdep-1.0.dist-info").mkdir()
    benchmark.plan.code_hashes([], cache)
    assert len(computed) == 2
