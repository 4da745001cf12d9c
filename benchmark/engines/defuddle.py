"""Defuddle (Obsidian Web Clipper's extractor) on Node.js.

``node/defuddle/server.mjs`` runs it as its README shows for Node.js: the page parsed
with linkedom, ``await Defuddle(document, url)`` with default options; its HTML
``content`` is turned into text by the harness (block-aware conversion).
"""

from __future__ import annotations

from benchmark.engines._node import node_engine

ENGINES = [
    node_engine(
        "defuddle",
        "defuddle",
        "server.mjs",
        "defuddle",
        "Defuddle(document, url) on Node.js + linkedom, default options",
        companions=("linkedom",),
    )
]
