"""One engine's per-page values, aligned to a page order, as the metrics read them.

Built from the two per-page tables (``pages`` and the long ``kinds``); every row is one
page of ``page_order``, so resampled page indices mean the same pages for every
engine and for both sides of a comparison (the bootstrap is paired).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from benchmark.runner.worker import OK
from benchmark.scoring.metrics import Components, Metric


class EngineValues:
    """Implements ``benchmark.scoring.metrics.PageValues`` for one engine."""

    def __init__(
        self, pages: pd.DataFrame, kinds: pd.DataFrame, engine: str, page_order: Sequence[str]
    ):
        order = pd.Index(list(page_order))
        rows = pages[pages["engine"] == engine].set_index("page").reindex(order)
        self._rows = rows
        self._order = list(page_order)
        self.ok = (rows["status"] == OK).to_numpy()
        mine = kinds[kinds["engine"] == engine]
        self._kinds = {
            str(kind): group.set_index("page").reindex(order)
            for kind, group in mine.groupby("kind")
        }
        self._memo: dict[tuple[str, str], np.ndarray] = {}  # arrays are read, never written

    def column(self, name: str) -> np.ndarray:
        key = ("", name)
        if key not in self._memo:
            if name not in self._rows:
                self._memo[key] = np.full(len(self._order), np.nan)
            else:
                self._memo[key] = pd.to_numeric(self._rows[name], errors="coerce").to_numpy(float)
        return self._memo[key]

    def kind(self, kind: str, field: str) -> np.ndarray:
        key = (kind, field)
        if key not in self._memo:
            table = self._kinds.get(kind)
            if table is None or field not in table:
                self._memo[key] = np.zeros(len(self._order))
            else:
                numbers = pd.to_numeric(table[field], errors="coerce")
                self._memo[key] = numbers.fillna(0).to_numpy(float)
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
