"""Progress for logs (CI, a file, a pipe): a plain line every few seconds where a
terminal would get a live bar. Same calls as ``rich.progress.Progress``'s few used here
(``add_task``, ``update``, a context manager)."""

from __future__ import annotations

import sys
import time
from typing import IO, Any

EVERY_S = 5.0


class LogLines:
    def __init__(self, what: str, total: int, every: float = EVERY_S, file: IO[str] | None = None):
        self.what, self.total, self.every = what, total, every
        self.file = file or sys.stderr
        self.done = 0
        self.started = self.last = time.monotonic()

    def __enter__(self) -> LogLines:
        self._line(f"{self.what}: {self.total} cells")
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.done:
            self._line(self._status(time.monotonic()))

    def add_task(self, description: str, total: int | None = None) -> int:
        return 0

    def update(self, task: int, advance: int = 1, description: str = "") -> None:
        self.done += advance
        now = time.monotonic()
        if now - self.last >= self.every and self.done < self.total:
            self.last = now
            self._line(self._status(now) + (f"; now {description}" if description else ""))

    def _status(self, now: float) -> str:
        elapsed = now - self.started
        share = self.done / self.total if self.total else 1.0
        left = f", about {elapsed / share - elapsed:.0f} s left" if 0 < share < 1 else ""
        return f"{self.what}: {self.done}/{self.total} cells ({share:.0%}), {elapsed:.1f} s{left}"

    def _line(self, text: str) -> None:
        print(text, file=self.file, flush=True)
