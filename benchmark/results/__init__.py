"""Turning per-page scores into engine summaries and result files."""
