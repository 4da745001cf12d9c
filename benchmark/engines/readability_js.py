"""Mozilla Readability (the engine of Firefox Reader View) on Node.js with jsdom.

``node/readability-js/server.js``: ``new Readability(document).parse()`` on a jsdom
document (no script runs, nothing loads), one server per worker over the engine
protocol. It returns the article's HTML; the harness turns it into text with the same
block-aware conversion as readability-lxml's.
"""

from __future__ import annotations

from benchmark.engines._node import node_engine

ENGINES = [
    node_engine(
        "readability-js",
        "readability-js",
        "server.js",
        "@mozilla/readability",
        "Mozilla Readability.js (Firefox Reader View) on Node.js + jsdom",
        companions=("jsdom",),
    )
]
