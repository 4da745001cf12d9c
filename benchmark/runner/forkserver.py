"""Workers forked from one server that imported the engines' libraries once.

With the ``fork`` start method every worker imported the engines' libraries itself,
after the parent had loaded the corpus and made the plan: ~0.9 s of CPU per worker for
the nine Python engines (newspaper4k's nltk most of it), paid again by each worker and
none of it overlapping the parent's own start-up. Here a fork server
(``multiprocessing``'s ``forkserver`` start method) is started as soon as a run knows it
has cells to compute. It cuts itself off the network first (``_server_setup``, the first
module it imports), then imports the libraries once while the parent goes on loading;
every worker is forked from it with the libraries already in memory (shared
copy-on-write) and the isolation inherited (each worker still isolates itself too, as
``init_worker`` always did).

``multiprocessing`` keeps one fork server per process, so a pool starts it with its own
preload and stops it when the pool closes (the next pool may want other engines). A
run that will compute every cell starts it even earlier, before loading its corpus
(``launch.prestart``); the pool then finds it running with the same preload.
A spec whose function a fresh interpreter cannot import (defined in a notebook's or a
script's ``__main__``) cannot run there: such runs keep the ``fork`` start method.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.forkserver
import os
import pickle
from collections.abc import Iterable
from multiprocessing.context import BaseContext

from benchmark.engines._base import EngineSpec

#: how the server learns the isolation order and the libraries to import (its first
#: import reads them: multiprocessing's own preload stops the server on any error other
#: than ImportError, and an engine library may raise anything)
ISOLATION_ENV = "BOILERBENCH_SERVER_ISOLATION"
PRELOAD_ENV = "BOILERBENCH_SERVER_PRELOAD"
SETUP_MODULE = "benchmark.runner._server_setup"
#: what the running server was started with (preload, isolation), if one runs
_running: tuple[tuple[str, ...], tuple[str, ...]] | None = None


def usable(specs: Iterable[EngineSpec]) -> bool:
    """Whether workers forked from a fresh server can run these engines: the platform
    has the start method and every engine's code is importable by module name (a
    function defined in ``__main__`` pickles by a name the server does not have). No
    specs (a pool for tasks not known in advance): no."""
    specs = tuple(specs)
    if not specs or "forkserver" not in multiprocessing.get_all_start_methods():
        return False
    try:
        return b"__main__" not in pickle.dumps(specs)
    except Exception:  # an unpicklable spec: the task fails the same way under any method
        return False


def start(preload: Iterable[str], isolation: tuple[str, ...]) -> BaseContext:
    """Start the server now (it imports ``preload`` in the background) and return the
    context whose processes it forks; one already started with the same preload and
    isolation is kept."""
    global _running
    wanted = (tuple(preload), tuple(isolation))
    context = multiprocessing.get_context("forkserver")
    if _running == wanted:
        multiprocessing.forkserver.ensure_running()  # (restarted only if it died)
        return context
    stop()  # a server left by an earlier pool may hold other engines
    context.set_forkserver_preload([SETUP_MODULE])
    told = {ISOLATION_ENV: ",".join(isolation), PRELOAD_ENV: ",".join(preload)}
    previous = {name: os.environ.get(name) for name in told}
    os.environ.update(told)
    try:
        multiprocessing.forkserver.ensure_running()
        _running = wanted
    finally:
        for name, value in previous.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value
    return context


def stop() -> None:
    """Stop this process's fork server, if one runs (its workers are gone by then)."""
    global _running
    _running = None
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    with contextlib.suppress(Exception):  # (private in CPython, used by its own tests)
        server._stop()  # type: ignore[union-attr]
