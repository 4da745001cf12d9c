"""Scoring: the AEB content metric, per-kind removal, and snippet (trafilatura) metric."""
