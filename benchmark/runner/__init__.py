"""Running engines over pages: isolated worker processes, a cache of finished outputs."""
