"""The first module the pool's fork server imports (``runner.forkserver``).

Importing it is its whole job: before any engine library is imported in the server,
the server cuts itself off the network by the order the parent put in the environment
(every worker forked from it inherits that), and quiets warnings and logging the way
``init_worker`` does, so an import-time warning does not reach the run's terminal.
"""

from __future__ import annotations

import logging
import os
import warnings

from benchmark.runner.forkserver import ISOLATION_ENV
from benchmark.runner.isolation import isolate

_ORDER = tuple(m for m in os.environ.get(ISOLATION_ENV, "").split(",") if m)
#: the mechanism that held in the server (``none`` if none did, or none was asked for)
MECHANISM = isolate(_ORDER) if _ORDER else "none"
logging.disable(logging.CRITICAL)
warnings.simplefilter("ignore")
