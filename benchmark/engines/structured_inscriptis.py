"""Structured-output baseline from inscriptis: all visible text, with the blocks its
annotation rules mark written back as HTML (a row of its own, ``inscriptis.html``; see
``benchmark.engines.structured``)."""

from __future__ import annotations

import re

from benchmark.engines._base import Engine

#: inscriptis annotation rules: the element types it is asked to mark
_INSCRIPTIS_RULES = {f"h{n}": [f"h{n}"] for n in range(1, 7)} | {
    "p": ["p"],
    "li": ["li"],
    "dt": ["li"],
    "dd": ["li"],
    "td": ["td"],
    "th": ["td"],
    "table": ["table"],
    "pre": ["pre"],
    "blockquote": ["blockquote"],
}


def inscriptis_html(html: str, url: str) -> str:
    """Baseline: all visible text as inscriptis lays it out, with the blocks its
    annotation rules mark (headings, paragraphs, items, cells, code, quotes) written
    back as HTML elements; a table's cells that start on one line of its layout form a
    row. Text outside any marked block is a paragraph."""
    from html import escape

    from inscriptis import get_annotated_text
    from inscriptis.model.config import ParserConfig

    result = get_annotated_text(html, ParserConfig(annotation_rules=_INSCRIPTIS_RULES))
    text: str = result["text"]
    spans = sorted(result["label"], key=lambda s: (s[0], -s[1]))
    parts: list[str] = []
    cursor = 0

    def loose(upto: int) -> None:
        for line in text[cursor:upto].splitlines():  # one paragraph per line, as in text
            if line.strip():
                parts.append(f"<p>{escape(line.strip())}</p>")

    for start, end, label in spans:
        if start < cursor or label == "td":
            continue  # inside a block already written (cells: with their table)
        loose(start)
        if label == "table":
            rows: dict[int, list[str]] = {}
            for s, e, lab in spans:
                if lab == "td" and start <= s and e <= end:
                    rows.setdefault(text.count("\n", 0, s), []).append(escape(text[s:e].strip()))
            parts.append(
                "<table>"
                + "".join(
                    "<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows.values()
                )
                + "</table>"
            )
        else:
            body = text[start:end].strip()
            if label == "li":  # inscriptis writes the bullet or number into the text
                body = re.sub(r"^(?:[*+•-]|\d+[.)])\s+", "", body)
            tag = {"li": "ul><li"}.get(label, label)
            close = {"li": "li></ul"}.get(label, label)
            parts.append(f"<{tag}>{escape(body)}</{close}>")
        cursor = max(cursor, end)
    loose(len(text))
    return "\n".join(parts)


ENGINES = [
    Engine(
        name="inscriptis.html",
        distribution="inscriptis",
        module="inscriptis",
        extract=inscriptis_html,
        description="baseline: all visible text, inscriptis's annotated blocks as HTML",
        output="html",
    ),
]
