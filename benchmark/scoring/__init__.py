"""Scoring: the AEB content metric, per-kind removal, the snippet (trafilatura) metric and
WCXB's word metric (``words.py``)."""
