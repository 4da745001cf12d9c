"""One engine's per-page values, aligned to a page order, as the metrics read them.

Built from the two per-page tables (``pages`` and the long ``kinds``); every row is one
page of ``page_order``, so resampled page indices mean the same pages for every
engine and for both sides of a comparison (the bootstrap is paired).

``ValueTables`` turns the tables into arrays once for every engine (each column made
numeric once, each engine's and kind's rows found once): a summary reads ~70 figures
per engine, and re-indexing a DataFrame per engine and kind cost more than the
bootstrap itself.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from benchmark.runner.worker import OK
from benchmark.scoring.metrics import Components, Metric


class ValueTables:
    """The per-page tables as arrays over one page order, for any engine's values."""

    def __init__(self, pages: pd.DataFrame, kinds: pd.DataFrame, page_order: Sequence[str]):
        self.order = list(page_order)
        position = {page: i for i, page in enumerate(self.order)}
        self._pages, self._page_at, self._page_rows = _aligned(pages, position, ["engine"])
        self._kinds, self._kind_at, self._kind_rows = _aligned(kinds, position, ["engine", "kind"])
        self._numbers: dict[tuple[str, str], np.ndarray] = {}

    def engine(self, name: str) -> EngineValues:
        return EngineValues.from_tables(self, name)

    def _numeric(self, table: str, name: str) -> np.ndarray | None:
        """A column of the whole table as floats (NaN where not a number), made once."""
        frame = self._pages if table == "pages" else self._kinds
        if name not in frame:
            return None
        if (table, name) not in self._numbers:
            numbers = pd.to_numeric(frame[name], errors="coerce")
            self._numbers[table, name] = numbers.to_numpy(float)
        return self._numbers[table, name]

    def column(self, engine: str, name: str) -> np.ndarray:
        """The engine's ``name`` per page of the order (NaN for a page it lacks)."""
        out = np.full(len(self.order), np.nan)
        numbers = self._numeric("pages", name)
        rows = self._page_rows.get((engine,))
        if numbers is not None and rows is not None:
            out[self._page_at[rows]] = numbers[rows]
        return out

    def ok(self, engine: str) -> np.ndarray:
        out = np.zeros(len(self.order), dtype=bool)
        rows = self._page_rows.get((engine,))
        if rows is not None and "status" in self._pages:
            out[self._page_at[rows]] = self._pages["status"].to_numpy()[rows] == OK
        return out

    def kind(self, engine: str, kind: str, field: str) -> np.ndarray:
        """The engine's ``field`` of ``kind`` per page of the order (0 where absent)."""
        out = np.zeros(len(self.order))
        numbers = self._numeric("kinds", field)
        rows = self._kind_rows.get((engine, kind))
        if numbers is not None and rows is not None:
            found = numbers[rows]
            out[self._kind_at[rows]] = np.where(np.isnan(found), 0.0, found)
        return out


def _aligned(
    frame: pd.DataFrame, position: dict[str, int], keys: list[str]
) -> tuple[pd.DataFrame, np.ndarray, dict[tuple[str, ...], np.ndarray]]:
    """The rows of ``frame`` on pages of the order, each row's page position, and the
    rows of each group of ``keys`` (engine; engine and kind)."""
    if frame.empty or "page" not in frame:
        return frame, np.zeros(0, dtype=int), {}
    at = frame["page"].map(position)
    kept = frame[at.notna()].reset_index(drop=True)
    groups = {
        (k if isinstance(k, tuple) else (k,)): np.asarray(rows)
        for k, rows in kept.groupby(keys, sort=False).indices.items()
    }
    return kept, at[at.notna()].to_numpy(int), groups


class EngineValues:
    """Implements ``benchmark.scoring.metrics.PageValues`` for one engine."""

    def __init__(
        self, pages: pd.DataFrame, kinds: pd.DataFrame, engine: str, page_order: Sequence[str]
    ):
        """One engine's values alone (several engines over one page order: ``ValueTables``)."""
        mine = ValueTables(
            pages[pages["engine"] == engine], kinds[kinds["engine"] == engine], page_order
        )
        self._init(mine, engine)

    @classmethod
    def from_tables(cls, tables: ValueTables, engine: str) -> EngineValues:
        values = cls.__new__(cls)
        values._init(tables, engine)
        return values

    def _init(self, tables: ValueTables, engine: str) -> None:
        self._tables, self._engine = tables, engine
        self.ok = tables.ok(engine)
        self._memo: dict[tuple[str, str], np.ndarray] = {}  # arrays are read, never written

    def column(self, name: str) -> np.ndarray:
        key = ("", name)
        if key not in self._memo:
            self._memo[key] = self._tables.column(self._engine, name)
        return self._memo[key]

    def kind(self, kind: str, field: str) -> np.ndarray:
        key = (kind, field)
        if key not in self._memo:
            self._memo[key] = self._tables.kind(self._engine, kind, field)
        return self._memo[key]

    def components(self, metric: Metric) -> Components:
        return metric.components(self)

    def subset(self, positions: np.ndarray) -> _Subset:
        return _Subset(self, positions)


class _Subset:
    """The same values restricted to some pages (a page type, say)."""

    def __init__(self, values: EngineValues, positions: np.ndarray):
        self._values, self._positions = values, positions
        self.ok = values.ok[positions]

    def column(self, name: str) -> np.ndarray:
        return np.asarray(self._values.column(name)[self._positions])

    def kind(self, kind: str, field: str) -> np.ndarray:
        return np.asarray(self._values.kind(kind, field)[self._positions])
