"""Web archives (WARC, ``.warc`` or ``.warc.gz``) as page sources, read with warcio.

A saved page is an HTML ``response`` record; its HTTP headers give the charset.
Revisit records, non-HTML responses and truncated records are skipped and counted.
Records are streamed: only offsets are kept, and a worker re-opens the archive at a
record's offset to read that one page, so memory stays flat whatever the archive size.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from benchmark.corpus.limits import PageTooLarge, read_bounded
from benchmark.corpus.model import Page
from benchmark.corpus.source import PageSource
from benchmark.errors import UserError


@dataclass(frozen=True, slots=True)
class WarcPage:
    url: str
    offset: int
    charset: str | None
    digest: str


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def check_warc(path: Path) -> None:
    """Refuse a file that does not start with a WARC record (warcio would guess on)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(2)
        opener = gzip.open if head == b"\x1f\x8b" else open
        with opener(path, "rb") as fh:
            start = fh.read(5)
    except (OSError, EOFError, zlib.error) as exc:
        raise UserError(f"not a readable WARC file: {exc}", path) from None
    if start != b"WARC/":
        raise UserError("not a readable WARC file (no WARC/ record header at the start)", path)


def iter_warc_pages(path: Path, skipped: Counter[str]) -> Iterator[WarcPage]:
    """Every HTML response record of one archive, streamed in bounded memory; records
    skipped are counted by reason, and a page is never cut short: a record whose body
    ends before its declared length, a body that decodes past the size limit (a
    decompression bomb) or one that cannot be decoded is skipped, and bytes after the
    last complete record (a cut archive) are counted as ``truncated archive``."""
    check_warc(path)
    size = path.stat().st_size
    records: Any = None
    try:
        with path.open("rb") as fh:
            records = ArchiveIterator(fh)
            for record in records:
                page = _page_of(record, records, skipped)
                if page is not None:
                    yield page
    except FileNotFoundError:
        raise UserError("archive not found", path) from None
    except ArchiveLoadFailed as exc:
        if records is None or not records.offset:
            raise UserError(f"not a readable WARC file: {exc}", path) from None
        skipped["unreadable record (rest of archive)"] += 1
    except (OSError, EOFError, zlib.error, ValueError, AttributeError, IndexError) as exc:
        # warcio gives up on a torn header or gzip member: what came before still counts
        if records is None or not records.offset:
            raise UserError(
                f"not a readable WARC file: {type(exc).__name__}: {exc}", path
            ) from None
        skipped["unreadable record (rest of archive)"] += 1
        return
    if records is not None and records.offset < size:
        skipped["truncated archive"] += 1


def _page_of(record: Any, records: Any, skipped: Counter[str]) -> WarcPage | None:
    kind = record.rec_type
    if kind != "response":
        if kind == "revisit":
            skipped["revisit"] += 1
        return None
    if record.rec_headers.get_header("WARC-Truncated"):
        skipped["truncated"] += 1
        return None
    content_type = (
        (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
    )
    if "html" not in content_type.lower():
        skipped["not html"] += 1
        return None
    try:
        body = read_bounded(record.content_stream())
        declared = int(record.http_headers.get_header("Content-Length") or 0)
        if not body and declared and record.http_headers.get_header("Content-Encoding"):
            raise ValueError("an encoded body that decodes to nothing")
    except PageTooLarge:
        skipped["too large once decoded"] += 1
        return None
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        skipped[f"undecodable body ({type(exc).__name__})"] += 1
        return None
    if getattr(record.raw_stream, "limit", 0):  # fewer bytes than its Content-Length
        skipped["truncated record"] += 1
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    offset = records.get_record_offset()
    return WarcPage(url, offset, _charset(content_type), hashlib.sha256(body).hexdigest())


def warc_page(path: Path, item: WarcPage, page_id: str, gold_page: Page | None = None) -> Page:
    from benchmark.corpus.model import Gold

    return Page(
        id=page_id,
        url=item.url,
        source=PageSource(str(path), warc_offset=item.offset, charset=item.charset),
        digest=item.digest,
        gold=gold_page.gold if gold_page else Gold(),
        meta=dict(gold_page.meta) if gold_page else {},
    )


def write_warc(pages: list[Page], out: Path) -> int:
    """Pack saved pages into a gzipped WARC of response records (the bundled gold, say)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as fh:
        writer = WARCWriter(fh, gzip=out.name.endswith(".gz"))
        for page in pages:
            body = page.source.read_bytes()
            content_type = "text/html" + (
                f"; charset={page.source.charset}" if page.source.charset else ""
            )
            http = StatusAndHeaders(
                "200 OK",
                [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                page.url, "response", payload=io.BytesIO(body), http_headers=http
            )
            writer.write_record(record)
    return len(pages)


def load_warc(
    paths: list[Path], spec: str, gold_pages: tuple[Page, ...]
) -> tuple[list[Page], Counter[str]]:
    """Pages of the archives that have gold (joined by target URI), and what was skipped."""
    by_url = {p.url: p for p in gold_pages}
    skipped: Counter[str] = Counter()
    pages: list[Page] = []
    seen: set[str] = set()
    for path in paths:
        for item in iter_warc_pages(path, skipped):
            gold = by_url.get(item.url)
            if gold is None:
                skipped["no gold for URL"] += 1
            elif gold.id in seen:
                skipped["duplicate URL"] += 1
            else:
                seen.add(gold.id)
                pages.append(warc_page(path, item, gold.id, gold))
    return pages, skipped
