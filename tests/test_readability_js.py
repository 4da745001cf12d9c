"""Engines served over the protocol: Readability.js (fast tier), the other Node engines,
Java Boilerpipe and readability-lxml 0.9's side environment (slow tier)."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from benchmark.engines import get_engine
from benchmark.engines.protocol import PROTOCOL
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
    server = ENGINE.extract.server()  # type: ignore[attr-defined]
    ENGINE.extract(LONG_PAGE, "https://news.example/a")
    pid = server.pid
    ENGINE.extract(LONG_PAGE, "not a url")
    assert server.pid == pid  # the same Node process, page after page
    os.kill(pid, 9)
    server._process.wait()
    assert "harbour" in ENGINE.extract(LONG_PAGE, "https://news.example/a")
    assert server.pid != pid


@needs_node
def test_the_server_speaks_the_protocol_and_keeps_serving_after_an_error():
    home = ENGINE.sidecar.home
    server = subprocess.Popen(
        ["node", str(home / "server.js")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    request = json.dumps({"id": 1, "html": LONG_PAGE, "url": ""})
    replies, _ = server.communicate("this is not json\n" + request + "\n", 60)
    hello, first, second = (json.loads(line) for line in replies.splitlines())
    assert hello["protocol"] == PROTOCOL and hello["version"] == ENGINE.version
    assert "error" in first and second["id"] == 1 and "harbour" in second["html"]
    assert server.returncode == 0  # exits when its input closes


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", ["defuddle", "article-extractor", "boilerpipe", "readability-0.9", "readability-js"]
)
def test_protocol_engines_extract_and_report_their_version(name):
    engine = get_engine(name)
    if not engine.available:
        pytest.skip(f"{name} not installed here (make setup; see boilerbench engines)")
    hello = engine.extract.server().start()  # type: ignore[attr-defined]
    assert hello.version == engine.version
    text = engine.extract(LONG_PAGE, "https://news.example/a")
    assert "approved the new harbour budget" in text and "\n\n" in text
    engine.extract.server().close()  # type: ignore[attr-defined]
