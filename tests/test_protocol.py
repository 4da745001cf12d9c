"""The engine protocol: handshake, requests, errors, restarts, timing, --engine-server."""

from __future__ import annotations

import json
import pickle
import sys
import textwrap
import time

import pytest

from benchmark.corpus.source import PageSource
from benchmark.engines import get_engine
from benchmark.engines.external import ExternalEngineError
from benchmark.engines.protocol import (
    PROTOCOL,
    ProtocolError,
    ServerCommand,
    ServerProcess,
    handshake_of,
    server_engine,
)
from benchmark.engines.serve import bootstrap_argv
from benchmark.runner.worker import extract
from tests.conftest import NEWS_PAGE, bench

SERVER = textwrap.dedent(
    """
    import json, sys, time
    time.sleep(float(sys.argv[1]) if len(sys.argv) > 1 else 0)  # a slow start-up
    print(json.dumps({"protocol": "PROTOCOL", "name": "upper", "version": "1.2.3",
                      "options": {"case": "upper"}}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        html = request["html"]
        if html == "die":
            sys.exit(3)
        if html == "bad":
            reply = {"id": request["id"], "error": "bad page"}
        elif html == "skew":
            reply = {"id": request["id"] + 7, "text": "late"}
        elif html == "markup":
            reply = {"id": request["id"], "html": "<p>one</p><p>two</p>"}
        else:
            reply = {"id": request["id"], "text": html.upper() + "\\n" + request["url"]}
        print(json.dumps(reply), flush=True)
    """
).replace("PROTOCOL", PROTOCOL)


@pytest.fixture
def script(tmp_path):
    path = tmp_path / "server.py"
    path.write_text(SERVER)
    return path


def test_handshake_requests_errors_and_restarts(script):
    server = ServerProcess([sys.executable, str(script)])
    hello = server.start()
    assert (hello.name, hello.version, dict(hello.options)) == ("upper", "1.2.3", {"case": "upper"})
    assert server.request("ok", "u") == {"id": 1, "text": "OK\nu"}
    with pytest.raises(ExternalEngineError, match="bad page"):
        server.request("bad", "u")
    pid = server.pid
    assert server.request("again", "u")["id"] == 3 and server.pid == pid  # one process
    with pytest.raises(ExternalEngineError, match=r"exited \(status 3\)"):
        server.request("die", "u")
    assert server.request("fresh", "u") == {"id": 1, "text": "FRESH\nu"}  # a new server
    with pytest.raises(ProtocolError, match="out of turn"):
        server.request("skew", "u")
    assert server.request("ok", "u")["id"] == 1
    server.close()


def test_a_program_without_handshake_is_refused(tmp_path):
    echo = tmp_path / "echo.py"
    echo.write_text("import sys\nprint('hello')\nfor line in sys.stdin: print(line)\n")
    with pytest.raises(ProtocolError, match="first line was 'hello'"):
        ServerProcess([sys.executable, str(echo)]).start()
    missing = ServerCommand(("/no/such/program",))
    assert handshake_of(missing) is None


def test_server_command_pickles_text_and_html_replies(script):
    command = pickle.loads(pickle.dumps(ServerCommand((sys.executable, str(script)))))
    assert command("a b", "https://x") == "A B\n\nhttps://x"  # paragraphs
    assert command("markup", "") == "one\n\ntwo"  # HTML converted by the harness
    assert pickle.loads(pickle.dumps(command)).server() is command.server()  # one per worker
    command.server().close()


def test_start_up_is_not_timed(script, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<p>hello</p>")
    spec = server_engine(f"slow-start={sys.executable} {script} 1.0").spec
    started = time.perf_counter()
    done = extract(spec, PageSource(str(page)), "https://x")
    assert time.perf_counter() - started >= 1.0  # the server did take a second to start
    assert done.status == "ok" and done.wall_ms < 500  # but the page's time excludes it
    spec.extract.server().close()


def test_engine_server_in_a_run(script, gold_dir, tmp_path):
    result = bench(
        f"gold:{gold_dir}",
        "none",
        tmp_path / "out",
        "--engine-server",
        f"upper={sys.executable} {script}",
        "--workers",
        "1",
    )
    row = result.engine("upper")
    assert row.info.version == "1.2.3" and row.cells.failures == 0  # the handshake's version


def test_engine_server_spec_errors():
    from benchmark.errors import UserError

    with pytest.raises(UserError, match="NAME=COMMAND"):
        server_engine("no-command")


def test_serve_runs_a_python_engine_in_another_interpreter():
    """benchmark.engines.serve: the Python side of the protocol (side environments)."""
    server = ServerProcess(bootstrap_argv(sys.executable, "html-text"))
    hello = server.start()
    assert hello.name == "html-text" and hello.version == get_engine("html-text").version
    reply = server.request(NEWS_PAGE, "https://news.example/a")
    assert "harbour budget" in reply["text"]
    bad = ServerProcess(bootstrap_argv(sys.executable, "no-such-engine"))
    with pytest.raises(ExternalEngineError, match="exited before its handshake"):
        bad.start()
    server.close()


def test_protocol_messages_are_one_json_object_per_line(script):
    server = ServerProcess([sys.executable, str(script)])
    server.start()
    text = 'line one\nline two \u2028 and "quotes"'
    assert server.request(text, "")["text"].startswith(text.upper())
    server.close()
    assert json.dumps({"html": text}).count("\n") == 0
