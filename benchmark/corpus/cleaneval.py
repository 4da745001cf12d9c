"""CleanEval (Baroni, Chantree, Kilgarriff, Sharoff 2008) and the layouts it was passed on in.

A folder of saved pages and a folder of gold text files; a page and its gold share
the page number: ``N.html`` and ``N.txt``. The pairs of folder names accepted in DIR,
first match wins (two matches are an error: point at one):

    orig/ + clean/                 Bevendorff et al. 2023 (chatnoir-eu extraction benchmark)
    input/ + GoldStandard/         CleanEval final set as distributed; CleanPortalEval
    input/ + gold_std/             CleanEval final set as unpacked by dragnet's converter
    en_original/ + en_cleaned/     CleanEval development set (also zh_, and ``-``)

or both kinds of file side by side in DIR itself (the two archives unpacked together).
Pages are ``.html`` or ``.htm``. A gold file is ``N.txt`` or, as annotators saved
them, ``N-ACCOUNT.txt`` (the guidelines' "163-ml06zz.txt"); two gold files for one
page are an error. A page without gold is skipped (CleanEval's own scorer notes that
the two sets "don't always match"), and so is gold without a page; the counts show as
the corpus's ``skipped``.

Pages. The original pages start with a ``<text id=... title=...>`` line and end with
``</text>``, added by the organisers: engines get the page without them (as in
Bevendorff et al.), decoded like any saved page (BOM, ``<meta>`` charset, else a
guess): CleanEval pages are in many encodings.

Gold. Bytes are read as UTF-8 (a BOM is allowed), else Windows-1252, else ISO-8859-1,
so any byte string decodes. Then, as CleanEval's scorer (Evert's ``cleaneval.py``)
reads it:

- an optional first line ``URL: <address>`` (leading blank lines allowed) gives the
  page URL. **A missing URL line is allowed**: the official scorer and the readers
  above treat the line as optional, and a page without a URL is an ordinary case
  (engines are then given an empty URL, as for any such page);
- the rest is split at the block markers ``<p>``, ``<h>`` and ``<l>`` (case-insensitive,
  anywhere on a line, as the scorer splits them), text before the first marker being
  a block of its own; each block's whitespace runs become one space; empty blocks
  are dropped. The text is otherwise kept as written (no entity decoding: the
  scorer compares it as written).

Article gold = the block texts joined by blank lines. Gold holding only the URL line
(a page that is all boilerplate) is an empty article. Gold with text but no block
marker at all is an error: that is not CleanEval markup (e.g. an already-stripped
copy). So is gold containing NUL bytes (a binary file).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from benchmark.corpus.model import ARTICLE, Corpus, Gold, Page, Segment
from benchmark.corpus.source import PageSource
from benchmark.errors import UserError

PAIRS = (
    ("orig", "clean"),
    ("input", "GoldStandard"),
    ("input", "gold_std"),
)
_LANG_PAIR = re.compile(r"^([a-z]{2})[-_]original$")
PAGE_SUFFIXES = (".html", ".htm")

_URL = re.compile(r"\A\s*URL:[ \t]*(\S*)[^\n]*(?:\n|\Z)")
_MARKER = re.compile(r"<[phl]>", re.IGNORECASE)
_WRAPPER_OPEN = re.compile(r"\A\s*<text\b[^>]*>[ \t]*\r?\n?", re.IGNORECASE)
_WRAPPER_CLOSE = re.compile(r"\r?\n?[ \t]*</text>\s*\Z", re.IGNORECASE)


def strip_text_wrapper(html: str) -> str:
    """The page without CleanEval's ``<text ...>`` first line and ``</text>`` last line.

    Only a wrapper opening the file is removed (and its closing tag only then)."""
    opened = _WRAPPER_OPEN.match(html)
    if not opened:
        return html
    return _WRAPPER_CLOSE.sub("", html[opened.end() :])


def decode_gold(data: bytes) -> str:
    """UTF-8 (BOM allowed), else Windows-1252, else ISO-8859-1; newlines as ``\\n``."""
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_gold(text: str, path: Path) -> tuple[str, tuple[str, ...]]:
    """(URL or "", block texts) of one gold file's text."""
    if "\0" in text:
        raise UserError("gold file holds NUL bytes (binary?), expected CleanEval text", path)
    url = ""
    match = _URL.match(text)
    if match:
        url, text = match.group(1), text[match.end() :]
    if text.strip() and not _MARKER.search(text):
        raise UserError(
            "no <p>, <h> or <l> block marker: not CleanEval gold markup (a stripped copy?)",
            path,
        )
    blocks = (" ".join(part.split()) for part in _MARKER.split(text))
    return url, tuple(b for b in blocks if b)


def _sort_key(stem: str) -> tuple[int, int | str]:
    return (0, int(stem)) if stem.isdigit() else (1, stem)


def find_folders(root: Path) -> tuple[Path, Path]:
    """The (pages, gold) folders of a CleanEval layout inside ``root``."""
    if not root.is_dir():
        raise UserError("expected a CleanEval folder", root)
    pairs = [(root / a, root / b) for a, b in PAIRS]
    for child in sorted(root.iterdir()):
        lang = _LANG_PAIR.match(child.name)
        if lang:
            sep = child.name[2]
            pairs.append((child, root / f"{lang.group(1)}{sep}cleaned"))
    found = [(a, b) for a, b in pairs if a.is_dir() and b.is_dir()]
    if len(found) > 1:
        names = " and ".join(f"{a.name}/+{b.name}/" for a, b in found)
        raise UserError(f"more than one CleanEval layout here ({names}): give one folder", root)
    if found:
        return found[0]
    if any(p.suffix in PAGE_SUFFIXES for p in root.iterdir()):
        return root, root
    raise UserError(
        "not a CleanEval folder: expected orig/ + clean/, input/ + GoldStandard/ (or gold_std/),"
        " en_original/ + en_cleaned/, or N.html and N.txt files side by side",
        root,
    )


def _gold_files(gold_dir: Path, page_ids: set[str]) -> dict[str, list[Path]]:
    """Gold files by page: ``N.txt`` (any page name), else ``N-ACCOUNT.txt``."""
    by_page: dict[str, list[Path]] = {}
    for path in sorted(gold_dir.glob("*.txt")):
        stem = path.stem
        page_id = stem if stem in page_ids else stem.split("-", 1)[0]
        by_page.setdefault(page_id, []).append(path)
    return by_page


def load_page(page_id: str, html_path: Path, gold_path: Path) -> Page:
    url, blocks = parse_gold(decode_gold(gold_path.read_bytes()), gold_path)
    data = html_path.read_bytes()
    # the digest covers what engines see: these bytes, with the wrapper removed on reading
    digest = hashlib.sha256(b"cleaneval-unwrapped\0" + data).hexdigest()
    body = "\n\n".join(blocks)
    return Page(
        id=page_id,
        url=url,
        source=PageSource(str(html_path), unwrap="cleaneval"),
        digest=digest,
        gold=Gold(segments=(Segment(ARTICLE, body),) if body else ()),
    )


def load_cleaneval(root: Path, spec: str) -> Corpus:
    from benchmark.corpus.model import corpus_fingerprint

    page_dir, gold_dir = find_folders(root)
    html = {
        p.stem: p for p in sorted(page_dir.iterdir()) if p.is_file() and p.suffix in PAGE_SUFFIXES
    }
    if not html:
        raise UserError("no saved page (.html or .htm) here", page_dir)
    gold = _gold_files(gold_dir, set(html))
    pages = []
    for page_id in sorted(html, key=_sort_key):
        files = gold.get(page_id, [])
        if len(files) > 1:
            names = ", ".join(p.name for p in files)
            raise UserError(f"page {page_id!r} has more than one gold file ({names})", gold_dir)
        if files:
            pages.append(load_page(page_id, html[page_id], files[0]))
    if not pages:
        raise UserError(f"no page has a gold file (N.html with N.txt) in {gold_dir}", page_dir)
    skipped = {
        "page without gold": len(html) - len(pages),
        "gold without page": len(set(gold) - set(html)),
    }
    pages_t = tuple(pages)
    return Corpus(
        f"cleaneval:{root.name}",
        spec,
        pages_t,
        corpus_fingerprint(pages_t),
        {k: v for k, v in skipped.items() if v},
        families=frozenset({"content"}),  # article text only: no kinds, no snippets
    )
