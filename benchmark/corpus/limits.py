"""How large a page may be once decoded, and reading that never holds more.

A 2 KB WARC record with ``Content-Encoding: gzip`` can decode to gigabytes, and so can a
``.html.gz`` file. Every page body is read in 1 MB blocks and refused as soon as it
passes the limit, so memory stays bounded whatever the archive holds. The limit,
64 MB by default, is set with ``$BOILERBENCH_MAX_PAGE_MB``: the largest page of WCXB's
dev split is 5.3 MB decoded, the largest hostile page of the tests 24 MB.
"""

from __future__ import annotations

import os
from typing import Protocol

DEFAULT_MAX_PAGE_MB = 64
_BLOCK = 1 << 20


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class PageTooLarge(OSError):
    """A page body passed the size limit while it was being read."""


def max_page_bytes() -> int:
    try:
        megabytes = float(os.environ.get("BOILERBENCH_MAX_PAGE_MB", DEFAULT_MAX_PAGE_MB))
    except ValueError:
        megabytes = DEFAULT_MAX_PAGE_MB
    return int(max(megabytes, 0.001) * 1024 * 1024)


def read_bounded(stream: Readable, limit: int | None = None) -> bytes:
    """Everything ``stream`` yields, or ``PageTooLarge`` once it passes ``limit`` bytes."""
    limit = max_page_bytes() if limit is None else limit
    parts: list[bytes] = []
    total = 0
    while True:
        block = stream.read(_BLOCK)
        if not block:
            return b"".join(parts)
        total += len(block)
        if total > limit:
            raise PageTooLarge(f"decoded page larger than {limit // (1024 * 1024)} MB")
        parts.append(block)
