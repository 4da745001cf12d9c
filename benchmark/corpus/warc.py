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
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

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
    except OSError as exc:
        raise UserError(f"cannot read archive: {exc}", path) from None
    if start != b"WARC/":
        raise UserError("not a readable WARC file (no WARC/ record header at the start)", path)


def iter_warc_pages(path: Path, skipped: Counter[str]) -> Iterator[WarcPage]:
    """Every HTML response record of one archive, streamed; skips counted by reason."""
    check_warc(path)
    try:
        with path.open("rb") as fh:
            records = ArchiveIterator(fh)
            for record in records:
                kind = record.rec_type
                if kind != "response":
                    if kind == "revisit":
                        skipped["revisit"] += 1
                    continue
                if record.rec_headers.get_header("WARC-Truncated"):
                    skipped["truncated"] += 1
                    continue
                content_type = (
                    (record.http_headers.get_header("Content-Type") or "")
                    if record.http_headers
                    else ""
                )
                if "html" not in content_type.lower():
                    skipped["not html"] += 1
                    continue
                body = record.content_stream().read()
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                offset = records.get_record_offset()
                yield WarcPage(
                    url, offset, _charset(content_type), hashlib.sha256(body).hexdigest()
                )
    except FileNotFoundError:
        raise UserError("archive not found", path) from None
    except ArchiveLoadFailed as exc:
        raise UserError(f"not a readable WARC file: {exc}", path) from None


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
