"""Archives that lie: cut archives, torn records, bad gzip, decompression bombs.

Never a torn page scored as valid, every dropped record counted with its reason, a
one-line error when nothing is readable, and bounded memory whatever a record decodes to.
"""

from __future__ import annotations

import gzip
import io
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from benchmark.cli import main
from benchmark.corpus.warc import iter_warc_pages

PAGE = b"<html><body><p>" + b"harbour budget " * 50 + b"</p></body></html>"


def record(writer: WARCWriter, url: str, body: bytes, encoding: str | None = None) -> None:
    headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
    if encoding:
        headers.append(("Content-Encoding", encoding))
    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
    )


def archive(path: Path, pages: int = 6, compress: bool = True, bomb_mb: int = 0) -> Path:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=compress)
        for n in range(pages):
            record(writer, f"https://news.example/{n}", PAGE)
        if bomb_mb:  # small on disk, huge once its Content-Encoding is undone
            bomb = gzip.compress(b"<p>" + b"a" * (bomb_mb * 1024 * 1024), compresslevel=9)
            record(writer, "https://news.example/bomb", bomb, encoding="gzip")
    return path


def pages_of(path: Path) -> tuple[list, Counter]:
    skipped: Counter[str] = Counter()
    return list(iter_warc_pages(path, skipped)), skipped


def test_a_whole_archive_reads_cleanly(tmp_path):
    pages, skipped = pages_of(archive(tmp_path / "a.warc.gz"))
    assert len(pages) == 6 and not skipped


def test_a_cut_gzip_archive_keeps_what_is_whole_and_counts_the_rest(tmp_path):
    whole = archive(tmp_path / "a.warc.gz").read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) // 2 + 50])  # inside a record's gzip member
    pages, skipped = pages_of(cut)
    assert 0 < len(pages) < 6 and skipped["truncated archive"] == 1


def test_a_record_cut_mid_body_is_never_scored(tmp_path):
    whole = archive(tmp_path / "a.warc", compress=False).read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[: len(whole) - 300])  # the last record loses its tail
    pages, skipped = pages_of(cut)
    assert len(pages) == 5 and skipped["truncated record"] == 1


@pytest.mark.parametrize("size", [100, 30])
def test_an_archive_cut_in_its_first_record_is_one_line(tmp_path, size, capsys):
    whole = archive(tmp_path / "a.warc.gz").read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[:size])
    assert main(["scan", str(cut), "--engines", "html-text", "--out", str(tmp_path / "s")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a readable WARC file" in err and "Traceback" not in err


def test_a_decompression_bomb_is_skipped_not_read(tmp_path, monkeypatch):
    monkeypatch.setenv("BOILERBENCH_MAX_PAGE_MB", "2")
    pages, skipped = pages_of(archive(tmp_path / "bomb.warc.gz", bomb_mb=8))
    assert len(pages) == 6 and skipped["too large once decoded"] == 1


def test_bad_gzip_in_a_record_is_counted(tmp_path):
    path = tmp_path / "bad.warc"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        record(writer, "https://news.example/ok", PAGE)
        record(writer, "https://news.example/bad", b"\x1f\x8b\x08\x00garbage", encoding="gzip")
    pages, skipped = pages_of(path)
    assert len(pages) == 1 and sum(v for k, v in skipped.items() if "undecodable" in k) == 1


@pytest.mark.slow
def test_scan_memory_stays_bounded_on_a_bomb(tmp_path):
    """A record that decodes to 1 GB: scan's peak memory stays far below it."""
    path = archive(tmp_path / "bomb.warc.gz", pages=3, bomb_mb=1024)
    assert path.stat().st_size < 3 * 1024 * 1024
    stats = tmp_path / "rss"
    argv = [sys.executable, "-m", "benchmark", "scan", str(path), "--engines", "html-text"]
    done = subprocess.run(
        ["/usr/bin/time", "-o", str(stats), "-f", "%M", *argv, "--out", str(tmp_path / "s")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    peak_mb = int(stats.read_text().split()[-1]) / 1024
    assert peak_mb < 400, peak_mb
    assert "too large once decoded" in (tmp_path / "s" / "scan.md").read_text()
