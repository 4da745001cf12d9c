"""The result files' schema version, in a module of its own: planning a run puts it in
the run digest, and must not load the results model (and numpy) to do so."""

SCHEMA_VERSION = 3
