"""Engines get no network: enforced by the OS (namespace or seccomp), for every way out."""

from __future__ import annotations

import os
import socket
import threading
import time

import pytest

from benchmark import load_corpus, run_benchmark
from benchmark.engines import resolve_engines
from benchmark.runner.isolation import NETNS, NONE, SECCOMP, order_for, probe
from benchmark.settings import RunSettings


class Listener:
    """A TCP and a UDP listener on 127.0.0.1 that count what reaches them."""

    def __init__(self) -> None:
        self.tcp = socket.socket()
        self.tcp.bind(("127.0.0.1", 0))
        self.tcp.listen(16)
        self.port = self.tcp.getsockname()[1]
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", self.port))
        self.udp.settimeout(0.1)
        self.tcp.settimeout(0.1)
        self.hits = 0
        self._stop = False
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop:
            try:
                self.tcp.accept()[0].close()
                self.hits += 1
            except OSError:
                pass
            try:
                self.udp.recv(10)
                self.hits += 1
            except OSError:
                pass

    def wait_for(self, hits: int, seconds: float = 5.0) -> int:
        deadline = time.monotonic() + seconds
        while self.hits < hits and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.hits

    def close(self) -> None:
        self._stop = True
        self._thread.join(2)
        self.tcp.close()
        self.udp.close()


@pytest.fixture
def listener(monkeypatch):
    server = Listener()
    monkeypatch.setenv("BOILERBENCH_TEST_PORT", str(server.port))
    yield server
    server.close()


def probe_run(gold_dir, tmp_path, isolation: str):
    settings = RunSettings(
        workers=1, timeout=20, cache_dir=None, progress=False, resamples=10, isolation=isolation
    )
    corpus = load_corpus(f"gold:{gold_dir}")
    return run_benchmark(corpus, resolve_engines("fake-net"), settings=settings)


def test_the_probe_itself_reaches_the_listener(listener):
    from tests.fakes import net_probe

    assert net_probe("", "") == "reached: socket _socket udp reload ctypes subprocess"
    assert listener.wait_for(6) >= 6


@pytest.mark.parametrize("mechanism", [NETNS, SECCOMP])
def test_no_way_out_for_an_engine(mechanism, listener, gold_dir, tmp_path):
    if probe(order_for(mechanism)) != mechanism:
        pytest.skip(f"{mechanism} is not available on this machine")
    result = probe_run(gold_dir, tmp_path, mechanism)
    assert result.provenance.settings["isolation"] == mechanism
    texts = set(result.outputs["fake-net"].values())
    assert texts == {"reached: nothing"}, texts
    assert listener.wait_for(1, seconds=1) == 0


def test_require_isolation_refuses_to_run_without_it(gold_dir, tmp_path, monkeypatch, capsys):
    from benchmark.cli import main
    from benchmark.runner import isolation

    monkeypatch.setattr(isolation, "_APPLY", {NETNS: lambda: False, SECCOMP: lambda: False})
    argv = ["run", "--corpus", f"gold:{gold_dir}", "--engines", "fake-echo", "--no-cache", "-q"]
    assert main([*argv, "--out", str(tmp_path / "a"), "--require-isolation"]) == 2
    assert (
        "--require-isolation: no way to cut the engines off the network" in capsys.readouterr().err
    )
    assert main([*argv, "--out", str(tmp_path / "b")]) == 0  # recorded, not refused
    from benchmark.results.io import load_results

    assert load_results(tmp_path / "b").provenance.settings["isolation"] == NONE


def test_engine_libraries_are_imported_once_and_isolated_in_the_fork_server(
    listener, gold_dir, tmp_path
):
    """The pool's fork server cuts itself off the network before it imports the
    engines' libraries, and imports them once for every worker: a library that tries
    the network at import time reaches nothing, and both workers' cells report the same
    importing process (the server), not their own."""
    if probe() == NONE:
        pytest.skip("no isolation mechanism on this machine")
    settings = RunSettings(workers=2, timeout=20, cache_dir=None, progress=False, resamples=10)
    corpus = load_corpus(f"gold:{gold_dir}")
    result = run_benchmark(corpus, resolve_engines("fake-import-net"), settings=settings)
    texts = set(result.outputs["fake-import-net"].values())
    assert len(texts) == 1, texts
    reached, importer = texts.pop().split("; imported in ")
    assert reached == "reached: nothing"
    assert int(importer) != os.getpid()  # (a worker of its own, with fork, would give two)
    assert listener.wait_for(1, seconds=1) == 0
