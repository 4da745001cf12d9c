"""No network for engine code, enforced by the operating system, not by Python.

A monkeypatched ``socket`` module is no isolation: ``_socket``, ctypes, subprocesses
and an ``importlib.reload(socket)`` all get past it. So each process that runs
extractions (a local worker, or the child processes of a Dask worker, which keeps its
own network to talk to its scheduler) cuts itself off before it runs any engine:

1. ``network-namespace``: ``unshare(CLONE_NEWNET)`` puts the process in a new network
   namespace whose only interface, loopback, is down: no address is reachable, not
   even 127.0.0.1. Needs root (or an unprivileged user namespace, often refused on CI
   runners and in containers).
2. ``seccomp``: a libseccomp filter (pyseccomp) makes ``socket()`` fail with EACCES for
   the inet and inet6 families, and for raw packet sockets; Unix sockets (which the
   worker pool itself uses) keep working.

Both are inherited by every process an engine starts (Node servers, external
commands). The mechanism that held is recorded in ``summary.json``
(``settings.isolation``); ``--require-isolation`` refuses to run without one.
"""

from __future__ import annotations

import ctypes
import errno
import multiprocessing
import socket

from benchmark.settings import NETNS, SECCOMP

NONE = "none"
MECHANISMS = (NETNS, SECCOMP)
_CLONE_NEWNET = 0x40000000
_AF_PACKET = 17


def _unshare_network() -> bool:
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
    except OSError:
        return False
    return bool(libc.unshare(_CLONE_NEWNET) == 0)


def _seccomp_no_inet() -> bool:
    try:
        import pyseccomp as seccomp

        rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
        for family in (socket.AF_INET, socket.AF_INET6, _AF_PACKET):
            for call in ("socket", "socketpair"):
                rules.add_rule(
                    seccomp.ERRNO(errno.EACCES), call, seccomp.Arg(0, seccomp.EQ, family)
                )
        rules.load()
    except Exception:  # no libseccomp, no permission: the caller tries the next mechanism
        return False
    return True


_APPLY = {NETNS: _unshare_network, SECCOMP: _seccomp_no_inet}


def isolate(order: tuple[str, ...] = MECHANISMS) -> str:
    """Cut this process off the network with the first mechanism of ``order`` that
    holds; returns its name, or ``none``. Irreversible for the process."""
    for mechanism in order:
        if _APPLY[mechanism]():
            return mechanism
    return NONE


def _probe_child(order: tuple[str, ...], answer: multiprocessing.Queue[str]) -> None:
    answer.put(isolate(order))


def probe(order: tuple[str, ...] = MECHANISMS) -> str:
    """Which mechanism a worker would get, found in a throwaway child process (this
    process keeps its network: a Dask client must reach its scheduler)."""
    context = multiprocessing.get_context("fork")
    answer: multiprocessing.Queue[str] = context.Queue()
    child = context.Process(target=_probe_child, args=(order, answer), daemon=True)
    child.start()
    child.join(30)
    try:
        return answer.get(timeout=1)
    except Exception:
        return NONE


def order_for(preference: str) -> tuple[str, ...]:
    """``auto`` tries the namespace then seccomp; a mechanism's name tries only it."""
    return MECHANISMS if preference == "auto" else (preference,)
