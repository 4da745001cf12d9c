"""Annotation aid: print a draft ``structure:`` block for a bundled case, one ``p:`` per
line of its article segments (the gold text, not the page markup). The annotator then
sets each element's type by reading the page (headings and their level, list items,
table rows and cells, code, quotes) and merges lines that are one paragraph; nothing
here decides a type. ``python scripts/draft_structure.py CASE [CASE ...]``"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmark.corpus.bundled import default_gold_dir, load_case


def quoted(text: str) -> str:
    needs = text[:1] in "'\"[]{}>|*&!%#@`-?:," or ": " in text or " #" in text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"' if needs else text


def main(cases: list[str]) -> None:
    for case in cases:
        page = load_case(Path(default_gold_dir()) / "cases" / case)
        print(f"# {case}\nstructure:")
        for segment in page.gold.segments:
            if segment.kind != "article":
                continue
            for line in segment.text.splitlines():
                if line.strip():
                    print(f"  - p: {quoted(line.strip())}")


if __name__ == "__main__":
    main(sys.argv[1:])
