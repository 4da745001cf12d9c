"""Structure metrics of one output against one page's structure gold.

Both sides are element trees (``benchmark.structure``). Per page:

- **Element matching**, per element type: an output element matches a gold element
  when their types agree, for headings their levels agree too, and their texts are
  similar: normalised Levenshtein similarity ≥ ``SIMILARITY`` (0.8) after case folding
  and whitespace collapsing (rapidfuzz; 1 − distance / length of the longer text).
  Matching is one-to-one: identical texts pair first in reading order, then the
  remaining pairs in decreasing similarity. Per type T, ``gold_T`` and ``out_T`` count
  the elements, ``matched_T`` the pairs; page recall_T = matched_T / gold_T (pages with
  T in the gold), page precision_T = matched_T / out_T (pages with T in the output).
- **Found** (type-blind): the same matching over all elements at once, ignoring type
  and level; ``found_T`` = gold elements of type T whose text some output element
  holds (never fewer than matched_T). found_T − matched_T: kept as text, not as a T.
- **Table TEDS**: each gold table is paired with the unused output table sharing the
  most cell texts; TEDS = 1 − TED / max(nodes) on trees ``table → tr → td(text)``
  (APTED; renaming a cell costs the normalised edit distance of the two texts, a
  missing or extra node 1). Each table is cut to its first rows holding at most
  ``MAX_TABLE_CELLS`` (100) cells, both sides alike, so that one huge table cannot
  stall a run (APTED is cubic: 100 cells take ~0.1 s, 750 ~30 s). Page TEDS = mean
  over the gold tables; a gold table with no output table scores 0.
- **Code edit**: 1 − Levenshtein distance / length of the longer, between the gold's
  code blocks and the output's, each joined by newlines (lines' trailing spaces and
  blank lines dropped), each cut at ``MAX_CODE_CHARS``. No code block in the output
  scores 0.

A failed engine's output is empty: recall, TEDS and code edit 0 where the gold has
them; precision undefined.

What the definitions give (pinned by ``tests/test_structure_metrics.py``): a table
flattened to text loses every ``table_cell`` (recall 0, TEDS 0) and its paragraphs
lower paragraph precision, while the word metrics do not move; a heading demoted to a
paragraph costs heading recall and one unmatched paragraph, but counts as found; a
list merged into one paragraph loses every list item and, its text no longer close to
any one item, is not found either.
"""

from __future__ import annotations

import functools
import heapq
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from benchmark.structure.tree import ELEMENT_TYPES, Document, Element, Table

#: Minimum normalised similarity of two element texts to match.
SIMILARITY = 0.8
#: A table is compared on its first rows holding at most this many cells.
MAX_TABLE_CELLS = 100
#: Code texts are compared on at most this many characters each.
MAX_CODE_CHARS = 50_000
#: Beyond this many candidate pairs of one type, only identical texts are paired.
MAX_FUZZY_PAIRS = 4_000_000


@dataclass(frozen=True, slots=True)
class TypeCounts:
    gold: int
    out: int
    matched: int
    found: int


@dataclass(frozen=True, slots=True)
class StructureScore:
    types: dict[str, TypeCounts]
    teds: float | None  # None: no table in the gold
    code_edit: float | None  # None: no code block in the gold


@functools.lru_cache(maxsize=1 << 16)
def _norm(text: str) -> str:
    """Case folded, whitespace collapsed (kept: a page's gold elements are compared
    with every row's output, ~20 times each)."""
    return " ".join(text.casefold().split())


class Similarities:
    """One page's gold texts against every output text scored on the page so far.

    A page's gold is the same for all its rows, and their outputs share most texts (the
    same article, extracted by each engine): each distinct output text is compared with
    every distinct gold text once per page, in one ``cdist`` call per output, and the
    matchings (per type, then type-blind) read their pairs from it. The values are
    ``cdist``'s own, so the matching is the same as computing each pair where needed.
    It holds at most ``MAX_CELLS`` similarities (64 MB); past that a page's pairs are
    computed where needed, as without it."""

    MAX_CELLS = 16_000_000

    def __init__(self, gold: Document, threshold: float = SIMILARITY) -> None:
        self.threshold = threshold
        self._gold = list(dict.fromkeys(_norm(e.text) for e in gold.elements))
        self._column = {text: k for k, text in enumerate(self._gold)}
        self._rows: dict[str, np.ndarray] = {}

    def scores(self, out: list[str], gold: list[str]) -> np.ndarray | None:
        """``cdist(out, gold)`` at this memo's threshold (float32, 0 below it), or None
        when the memo would outgrow ``MAX_CELLS``."""
        new = [text for text in dict.fromkeys(out) if text not in self._rows]
        if new:
            if (len(self._rows) + len(new)) * len(self._gold) > self.MAX_CELLS:
                return None
            block = process.cdist(
                new,
                self._gold,
                scorer=Levenshtein.normalized_similarity,
                score_cutoff=self.threshold,
                dtype="float32",
            )
            self._rows.update(zip(new, block, strict=True))
        columns = [self._column[text] for text in gold]
        return np.stack([self._rows[text] for text in out])[:, columns]


def _cdist(out: list[str], gold: list[str], threshold: float) -> np.ndarray:
    return process.cdist(
        out,
        gold,
        scorer=Levenshtein.normalized_similarity,
        score_cutoff=threshold,
        dtype="float32",
    )


def matched_gold(
    gold: list[str],
    out: list[str],
    threshold: float = SIMILARITY,
    similarities: Similarities | None = None,
) -> list[int]:
    """Indexes of the gold texts paired by the one-to-one matching of two lists of
    normalised texts: identical texts first (in reading order), then the remaining pairs
    with similarity ≥ ``threshold`` in decreasing similarity. ``similarities``: the
    page's memo, when ``gold`` is some of its page's gold texts."""
    pending: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(gold):
        pending[text].append(i)
    used: list[int] = []
    rest_out: list[int] = []
    for j, text in enumerate(out):
        if pending.get(text):
            used.append(pending[text].pop(0))
        else:
            rest_out.append(j)
    taken = set(used)
    rest_gold = [i for i in range(len(gold)) if i not in taken]
    if not rest_gold or not rest_out or len(rest_gold) * len(rest_out) > MAX_FUZZY_PAIRS:
        return used
    out_texts, gold_texts = [out[j] for j in rest_out], [gold[i] for i in rest_gold]
    scores = None
    if similarities is not None and similarities.threshold == threshold:
        scores = similarities.scores(out_texts, gold_texts)
    if scores is None:
        scores = _cdist(out_texts, gold_texts, threshold)
    rows, cols = scores.nonzero()
    heap = [(-float(scores[r, c]), int(r), int(c)) for r, c in zip(rows, cols, strict=True)]
    heapq.heapify(heap)
    taken_out: set[int] = set()
    while heap:
        _, r, c = heapq.heappop(heap)
        if r in taken_out or rest_gold[c] in taken:
            continue
        taken_out.add(r)
        taken.add(rest_gold[c])
        used.append(rest_gold[c])
    return used


def _typed(elements: tuple[Element, ...]) -> dict[tuple[str, int], list[str]]:
    groups: dict[tuple[str, int], list[str]] = defaultdict(list)
    for e in elements:
        groups[e.key].append(_norm(e.text))
    return groups


def _found_by_type(
    gold: Document, out: Document, similarities: Similarities | None = None
) -> dict[str, int]:
    """Gold elements per type whose text some output element holds, whatever its type:
    one matching over all elements, matched gold elements counted by their type."""
    found: dict[str, int] = dict.fromkeys(ELEMENT_TYPES, 0)
    gold_texts = [_norm(e.text) for e in gold.elements]
    out_texts = [_norm(e.text) for e in out.elements]
    for i in matched_gold(gold_texts, out_texts, SIMILARITY, similarities):
        found[gold.elements[i].type] += 1
    return found


# --- tables -------------------------------------------------------------------------


def _cut(table: Table) -> Table:
    rows: list[tuple[str, ...]] = []
    cells = 0
    for row in table:
        if rows and cells + len(row) > MAX_TABLE_CELLS:
            break
        rows.append(tuple(_norm(c) for c in row[:MAX_TABLE_CELLS]))
        cells += len(row)
    return tuple(rows)


def _nonempty(tables: tuple[Table, ...]) -> list[Table]:
    return [t for t in tables if any(c for row in t for c in row)]


class _Node:
    __slots__ = ("children", "label", "text")

    def __init__(self, label: str, text: str = "", children: list[_Node] | None = None):
        self.label, self.text, self.children = label, text, children or []


def _tree(table: Table) -> _Node:
    return _Node("table", "", [_Node("tr", "", [_Node("td", c) for c in row]) for row in table])


def _nodes(table: Table) -> int:
    return 1 + len(table) + sum(len(r) for r in table)


def teds(gold: Table, out: Table) -> float:
    """1 − TED / max(nodes) of two tables (each cut to ``MAX_TABLE_CELLS`` cells)."""
    from apted import APTED, Config

    class _Costs(Config):  # type: ignore[misc]
        def rename(self, a: _Node, b: _Node) -> float:
            if a.label != b.label:
                return 1.0
            if a.text == b.text:
                return 0.0
            return float(Levenshtein.normalized_distance(a.text, b.text))

        def children(self, node: _Node) -> list[_Node]:
            return node.children

    g, o = _cut(gold), _cut(out)
    if g == o:
        return 1.0
    distance = APTED(_tree(g), _tree(o), _Costs()).compute_edit_distance()
    return max(0.0, 1.0 - float(distance) / max(_nodes(g), _nodes(o)))


def page_teds(gold: tuple[Table, ...], out: tuple[Table, ...]) -> float | None:
    """Mean TEDS over the gold tables, each paired with the unused output table that
    shares the most cell texts (none left: 0). None when the gold has no table."""
    gold_tables, out_tables = _nonempty(gold), _nonempty(out)
    if not gold_tables:
        return None
    cells = [{_norm(c) for row in t for c in row if c} for t in out_tables]
    used: set[int] = set()
    total = 0.0
    for table in gold_tables:
        mine = {_norm(c) for row in table for c in row if c}
        best, best_shared = -1, -1
        for k, theirs in enumerate(cells):
            shared = len(mine & theirs)
            if k not in used and shared > best_shared:
                best, best_shared = k, shared
        if best >= 0:
            used.add(best)
            total += teds(table, out_tables[best])
    return total / len(gold_tables)


def code_similarity(gold: str, out: str) -> float:
    """1 − Levenshtein distance / length of the longer (1 when both are empty)."""
    return float(Levenshtein.normalized_similarity(gold[:MAX_CODE_CHARS], out[:MAX_CODE_CHARS]))


# --- a page -------------------------------------------------------------------------


def score_structure(
    gold: Document, out: Document, similarities: Similarities | None = None
) -> StructureScore:
    """``similarities``: the page's memo of ``gold`` (the same figures, each distinct
    output text compared once per page)."""
    gold_groups, out_groups = _typed(gold.elements), _typed(out.elements)
    matched: dict[str, int] = dict.fromkeys(ELEMENT_TYPES, 0)
    for key, texts in gold_groups.items():
        matched[key[0]] += len(
            matched_gold(texts, out_groups.get(key, []), SIMILARITY, similarities)
        )
    found = _found_by_type(gold, out, similarities)
    gold_counts, out_counts = gold.counts(), out.counts()
    types = {
        t: TypeCounts(gold_counts[t], out_counts[t], matched[t], max(found[t], matched[t]))
        for t in ELEMENT_TYPES
    }
    gold_code = gold.code()
    return StructureScore(
        types,
        page_teds(gold.tables, out.tables),
        code_similarity(gold_code, out.code()) if gold_code else None,
    )
