"""@extractus/article-extractor on Node.js.

``node/article-extractor/server.mjs`` calls ``extractFromHtml(html, url)`` with its
default parser options (it fetches nothing given HTML); its HTML ``content`` is turned
into text by the harness. Below its default 200-character content threshold it finds
no article: an empty output, as the library behaves.
"""

from __future__ import annotations

from benchmark.engines._node import node_engine

ENGINES = [
    node_engine(
        "article-extractor",
        "article-extractor",
        "server.mjs",
        "@extractus/article-extractor",
        "@extractus/article-extractor extractFromHtml(html, url), default options",
        companions=("linkedom", "@mozilla/readability"),
    )
]
