"""The publishable report: plots, a self-contained HTML page, results/README.md."""

from benchmark.report.build import write_report

__all__ = ["write_report"]
