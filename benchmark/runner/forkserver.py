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
script's ``__main__``) cannot run there, and every worker of a fork server re-imports
the main script (multiprocessing's rule for its spawn-like start methods), which runs a
script again unless it guards its code with ``if __name__ == "__main__"``. So the server
is used only where that is known to be harmless: no main script (a notebook, the
interpreter), a package's ``__main__`` (``python -m benchmark``, which multiprocessing
does not re-import), or a console script (``boilerbench``, ``pytest``: generated
wrappers, always guarded). Anywhere else, and when the process already runs a fork
server of its own, the pool keeps the ``fork`` start method.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.forkserver
import os
import pickle
import signal
import sys
import sysconfig
import time
from collections.abc import Iterable
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any

from benchmark.engines._base import EngineSpec

#: how the server learns the isolation order and the libraries to import (its first
#: import reads them: multiprocessing's own preload stops the server on any error other
#: than ImportError, and an engine library may raise anything)
ISOLATION_ENV = "BOILERBENCH_SERVER_ISOLATION"
PRELOAD_ENV = "BOILERBENCH_SERVER_PRELOAD"
SETUP_MODULE = "benchmark.runner._server_setup"
#: how long a stopping server may take before it is killed
STOP_TIMEOUT_S = 5.0
#: what the server this module started runs with (preload, isolation), and the
#: process-wide preload list it replaced (restored when it stops)
_running: tuple[tuple[str, ...], tuple[str, ...]] | None = None
_replaced_preload: list[str] | None = None


def _server() -> Any:
    return getattr(multiprocessing.forkserver, "_forkserver", None)


def _main_reimport_is_harmless() -> bool:
    """Whether a worker re-importing this process's ``__main__`` runs nothing (see the
    module docstring)."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is not None:  # run with -m: skipped for a package's __main__ only
        return bool(spec.name == "__main__" or spec.name.endswith(".__main__"))
    path = getattr(main, "__file__", None)
    if path is None:
        return True
    scripts = Path(sysconfig.get_path("scripts")).resolve()
    return Path(path).resolve().parent in (scripts, Path(sys.executable).resolve().parent)


def usable(specs: Iterable[EngineSpec]) -> bool:
    """Whether workers forked from a fresh server can run these engines: the platform
    has the start method, re-importing ``__main__`` is harmless, no fork server of the
    caller's own runs, and every engine's code is importable by module name (a function
    defined in ``__main__`` pickles by a name the server does not have). No specs (a
    pool for tasks not known in advance): no."""
    specs = tuple(specs)
    if not specs or "forkserver" not in multiprocessing.get_all_start_methods():
        return False
    server = _server()
    foreign = _running is None and getattr(server, "_forkserver_pid", None) is not None
    if foreign or not _main_reimport_is_harmless():
        return False
    try:
        return b"__main__" not in pickle.dumps(specs)
    except Exception:  # an unpicklable spec: the task fails the same way under any method
        return False


def start(preload: Iterable[str], isolation: tuple[str, ...]) -> BaseContext:
    """Start the server now (it imports ``preload`` in the background) and return the
    context whose processes it forks; one this module started with the same preload
    and isolation is kept."""
    global _running, _replaced_preload
    wanted = (tuple(preload), tuple(isolation))
    context = multiprocessing.get_context("forkserver")
    if _running == wanted:
        multiprocessing.forkserver.ensure_running()  # (restarted only if it died)
        return context
    stop()  # a server an earlier pool started may hold other engines
    server = _server()
    _replaced_preload = list(getattr(server, "_preload_modules", ["__main__"]))
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
    """Stop the fork server this module started, if it runs (its workers are gone by
    then): asked to exit, killed if it has not within ``STOP_TIMEOUT_S`` (a library it
    imported may hold it up), and the process-wide preload list put back."""
    global _running, _replaced_preload
    if _running is None:
        return
    _running = None
    server = _server()
    with contextlib.suppress(Exception), server._lock:  # (CPython's ForkServer fields)
        pid = server._forkserver_pid
        if pid is not None:
            os.close(server._forkserver_alive_fd)  # the server's signal to exit
            server._forkserver_alive_fd = None
            deadline = time.monotonic() + STOP_TIMEOUT_S
            server._forkserver_pid = None
            with contextlib.suppress(ChildProcessError):  # (reaped already)
                while os.waitpid(pid, os.WNOHANG)[0] == 0:
                    if time.monotonic() > deadline:
                        os.kill(pid, signal.SIGKILL)
                        os.waitpid(pid, 0)
                        break
                    time.sleep(0.01)
            address = server._forkserver_address
            if address and not address.startswith("\0"):
                with contextlib.suppress(OSError):
                    os.unlink(address)
            server._forkserver_address = None
    if _replaced_preload is not None:
        with contextlib.suppress(Exception):
            server._preload_modules = _replaced_preload
        _replaced_preload = None
