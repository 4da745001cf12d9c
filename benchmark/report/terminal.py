"""The summary as a compact ``rich`` table for the terminal: at most 100 columns, one
line per engine, best F1 first. The full detail is in the files and the report."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import IO

from rich import box
from rich.console import Console
from rich.table import Table

from benchmark.results.model import EngineResult, Figure, headline_prefix

WIDTH = 100


def _f(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _ci(figure: Figure | None) -> str:
    if figure is None or not figure.defined or figure.low != figure.low:
        return ""
    return f"{figure.low:.3f}–{figure.high:.3f}".replace("0.", ".")


def table(engines: Sequence[EngineResult], title: str = "") -> Table:
    h = headline_prefix(engines)
    ranked = sorted(engines, key=lambda e: -(e.value(f"{h}f1") or -1.0))
    t = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        title=title or None,
        title_justify="left",
        caption="P, R: content precision, recall · spam, sidebar: removal recall (share removed)",
        caption_justify="left",
        pad_edge=False,
        padding=(0, 1),
        collapse_padding=True,
    )
    t.add_column("engine", no_wrap=True, max_width=24, overflow="ellipsis")
    t.add_column("version", no_wrap=True, max_width=10, overflow="ellipsis", style="dim")
    t.add_column("F1", justify="right", no_wrap=True)
    t.add_column("95% CI", justify="right", no_wrap=True, style="dim")
    t.add_column("P", justify="right", no_wrap=True)
    t.add_column("R", justify="right", no_wrap=True)
    t.add_column("spam", justify="right", no_wrap=True)
    t.add_column("sidebar", justify="right", no_wrap=True)
    t.add_column("ms/page", justify="right", no_wrap=True)
    t.add_column("fail", justify="right", no_wrap=True)
    best = max((e.value(f"{h}f1") or 0.0 for e in ranked), default=0.0)
    for e in ranked:
        f1 = e.figure(f"{h}f1")
        ms = e.timing.ms_median
        speed = "–" if e.info.kind == "stored" or ms != ms else f"{ms:.1f}"
        fails = e.cells.failures
        t.add_row(
            e.name,
            e.info.version or "–",
            f"[bold]{_f(e.value(f'{h}f1'))}[/]"
            if f1 and e.value(f"{h}f1") == best
            else _f(e.value(f"{h}f1")),
            _ci(f1),
            _f(e.value(f"{h}precision")),
            _f(e.value(f"{h}recall")),
            _f(e.value("removal:spam:recall"), 2),
            _f(e.value("removal:sidebar:recall"), 2),
            speed,
            f"[red]{fails}[/]" if fails else "0",
        )
    return t


def console(file: IO[str] | None = None) -> Console:
    """A console no wider than ``WIDTH``; in a log (no terminal) exactly ``WIDTH``."""
    stream = file or sys.stdout
    tty = stream.isatty()
    width = min(Console(file=stream).width, WIDTH) if tty else WIDTH
    return Console(file=stream, width=width, force_terminal=tty, highlight=False)


def print_table(
    engines: Sequence[EngineResult], title: str = "", file: IO[str] | None = None
) -> None:
    console(file).print(table(engines, title))
