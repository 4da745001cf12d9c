"""The publishable report: a self-contained HTML page, its plots, results/README.md,
and the compact table printed in the terminal."""

from benchmark.report.build import report_is_current, write_report

__all__ = ["report_is_current", "write_report"]
