"""The one module the pool's fork server imports (``runner.forkserver``).

Importing it is its whole job. Before any engine library is imported in the server,
the server cuts itself off the network by the order the parent put in the environment
(every worker forked from it inherits that) and quiets warnings and logging the way
``init_worker`` does; then it imports the worker's code and the engines' libraries
named in the environment. A library that fails to import is left for the engine's first
page to report, as in ``init_worker`` (multiprocessing's own preload would stop the
server on any error but ImportError).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import warnings

from benchmark.runner.forkserver import ISOLATION_ENV, PRELOAD_ENV
from benchmark.runner.isolation import isolate

_ORDER = tuple(m for m in os.environ.get(ISOLATION_ENV, "").split(",") if m)
#: the mechanism that held in the server (``none`` if none did, or none was asked for)
MECHANISM = isolate(_ORDER) if _ORDER else "none"
logging.disable(logging.CRITICAL)
warnings.simplefilter("ignore")
importlib.import_module("benchmark.runner.worker")
for _module in (m for m in os.environ.get(PRELOAD_ENV, "").split(",") if m):
    with contextlib.suppress(BaseException):
        importlib.import_module(_module)
