"""Uncertainty: seeded bootstrap over pages, plain and paired."""
