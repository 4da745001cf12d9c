"""A stand-in engine library that tries every way out to the network when it is
imported, and remembers in which process that was (``fake-import-net`` in fakes.py).
Imported by the pool's fork server before any page: the isolation must already hold."""

from __future__ import annotations

import os

from tests.fakes import net_probe

REACHED = net_probe("", "") if "BOILERBENCH_TEST_PORT" in os.environ else "not probed"
IMPORTED_IN = os.getpid()
