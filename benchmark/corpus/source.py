"""Where a page's bytes live, and reading them (in a worker, not in the parent).

A ``Page`` never holds its HTML: it holds a small picklable ``PageSource`` that a
worker process opens itself. That keeps the parent's memory flat on big archives and
keeps inter-process traffic to a few hundred bytes per task.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

from benchmark.corpus.decoding import decode_html
from benchmark.corpus.limits import max_page_bytes, read_bounded


def read_record_body(path: str, offset: int) -> bytes:
    """The HTTP payload of the WARC record at ``offset`` (chunked/gzip transfer decoded),
    read in bounded memory."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            return read_bounded(record.content_stream())
    raise OSError(f"{path}: no WARC record at offset {offset}")


def read_jsonl_field(path: str, offset: int, name: str) -> bytes:
    """Field ``name`` (text) of the JSON object on the line at ``offset``, as UTF-8."""
    import json

    with open(path, "rb") as fh:
        fh.seek(offset)
        line = fh.readline(max_page_bytes() * 2 + 1)
    try:
        value = json.loads(line).get(name)
    except (ValueError, AttributeError):
        raise OSError(f"{path}: no JSON object at offset {offset}") from None
    if not isinstance(value, str):
        raise OSError(f"{path}: the line at offset {offset} has no {name!r} text")
    return value.encode("utf-8")


@dataclass(frozen=True, slots=True)
class PageSource:
    """Where a page's bytes are and how to read them (picklable, cheap to send).

    ``compression`` is ``"gzip"`` for ``.html.gz`` files; ``warc_offset`` is set for a
    record inside a WARC file; ``charset`` is the HTTP header's charset, if any;
    ``unwrap`` names a wrapper that a corpus added around the page and that engines
    must not see (``"cleaneval"``: the ``<text ...>`` line, see ``corpus/cleaneval.py``);
    ``jsonl_offset`` is set for a page held in the ``html`` field of the JSON line that
    starts at that byte offset (``corpus/webmainbench.py``).
    """

    path: str
    compression: str | None = None
    warc_offset: int | None = None
    charset: str | None = None
    unwrap: str | None = None
    jsonl_offset: int | None = None

    def read_bytes(self) -> bytes:
        if self.warc_offset is not None:
            return read_record_body(self.path, self.warc_offset)
        if self.jsonl_offset is not None:
            return read_jsonl_field(self.path, self.jsonl_offset, "html")
        if self.compression == "gzip":
            with gzip.open(self.path, "rb") as fh:
                return read_bounded(fh)
        with Path(self.path).open("rb") as fh:
            return read_bounded(fh)

    def read_html(self) -> str:
        html = decode_html(self.read_bytes(), self.charset)
        if self.unwrap == "cleaneval":
            from benchmark.corpus.cleaneval import strip_text_wrapper

            return strip_text_wrapper(html)
        return html
