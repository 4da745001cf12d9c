"""The Readability.js engine: one Node server per worker, errors per page, recovery."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from benchmark.engines import get_engine
from benchmark.engines.external import ExternalEngineError, ServerProcess
from benchmark.engines.readability_js import FOLDER, _server
from tests.conftest import NEWS_PAGE

ENGINE = get_engine("readability-js")
needs_node = pytest.mark.skipif(
    not ENGINE.available, reason="node or its npm packages missing (make setup)"
)

LONG_PAGE = NEWS_PAGE.replace(
    "</article>",
    "".join(
        f"<p>Paragraph {n} of the harbour story, with enough words in it to count as body text"
        " for a readability scorer that likes long paragraphs with commas, like this one.</p>"
        for n in range(6)
    )
    + "</article>",
)


@needs_node
def test_extracts_article_paragraphs_and_not_the_sidebar():
    text = ENGINE.extract(LONG_PAGE, "https://news.example/a")
    assert "approved the new harbour budget" in text
    assert "\n\n" in text and "Most read" not in text


@needs_node
def test_one_server_serves_many_pages_and_a_dead_one_is_replaced():
    ENGINE.extract(LONG_PAGE, "https://news.example/a")
    pid = _server()._process.pid
    ENGINE.extract(LONG_PAGE, "not a url")
    assert _server()._process.pid == pid  # the same Node process, page after page
    os.kill(pid, 9)
    _server()._process.wait()
    assert "harbour" in ENGINE.extract(LONG_PAGE, "https://news.example/a")
    assert _server()._process.pid != pid


@needs_node
def test_the_server_answers_an_error_and_keeps_serving():
    server = subprocess.Popen(
        ["node", str(FOLDER / "server.js")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    replies, _ = server.communicate(
        "this is not json\n" + json.dumps({"html": LONG_PAGE}) + "\n", 60
    )
    first, second = (json.loads(line) for line in replies.splitlines())
    assert "error" in first and "harbour" in second["html"]
    assert server.returncode == 0  # exits when its input closes


def test_an_error_reply_or_a_dying_server_fails_the_page_only(tmp_path):
    script = tmp_path / "server.py"
    script.write_text(
        "import json, sys\n"
        "for line in sys.stdin:\n"
        "    html = json.loads(line)['html']\n"
        "    if html == 'die':\n"
        "        sys.exit(3)\n"
        "    reply = {'error': 'bad page'} if html == 'bad' else {'text': html.upper()}\n"
        "    print(json.dumps(reply), flush=True)\n"
    )
    server = ServerProcess([sys.executable, str(script)])
    with pytest.raises(ExternalEngineError, match="bad page"):
        server.request("bad", "u")
    assert server.request("ok", "u") == {"text": "OK"}
    with pytest.raises(ExternalEngineError, match="exited"):
        server.request("die", "u")
    assert server.request("again", "u") == {"text": "AGAIN"}
    server._close()
