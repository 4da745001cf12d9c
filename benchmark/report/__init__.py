"""The publishable report: a self-contained HTML page, its plots, results/README.md,
and the compact table printed in the terminal. (Names load on first use: checking
whether a report is current must not import the builder.)"""

from __future__ import annotations

from typing import Any

__all__ = ["report_is_current", "write_report"]


def __getattr__(name: str) -> Any:
    if name == "report_is_current":
        from benchmark.report.key import report_is_current

        return report_is_current
    if name == "write_report":
        from benchmark.report.build import write_report

        return write_report
    raise AttributeError(name)
