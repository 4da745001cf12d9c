"""The typed results of a run: what ``summary.json`` holds, and the per-page tables.

Every reader (``compare``, ``report``, the injection curves, the scripts) goes through
these classes; none reads raw JSON. ``RunResult.to_json`` / ``from_json`` map them to
the file format (``benchmark.results.schema``); older files are upgraded on reading.

Format versions of ``summary.json``:

- 1: figures at the top of each engine entry, removal by kind, ``pages.csv`` with
  wide ``units:<kind>`` / ``kept:<kind>`` columns.
- 2: figures in one block per metric family (``content``, ``removal.<kind>``,
  ``unmatched``, ``snippets``; room for ``wcxb``, ``structure``), each with ``ci`` and
  ``pages`` and, where pages have a type, ``by_page_type``; per-kind units in the long
  table ``kinds.csv``; the corpus's annotation version and labelled page count.
- 3: what varies between two runs of the same figures leaves the tracked files: the
  date (``created``), the phase timings, each engine's ``timing``, the ``workers`` and
  ``executor`` settings go to ``run.json``, and ``pages.csv``'s ``cached``, ``wall_ms``
  and ``cpu_ms`` to ``timings.csv`` (both git-ignored); each page's type, language and
  template are in ``corpus.csv``. The typed model is unchanged: loading joins them back.
  Additions that older readers ignore: ``structure`` (per element type) with
  ``table_teds`` and ``code_edit``, each row's ``output`` format, the corpus's
  ``structure_pages``, and groups ``by_language`` / ``by_style`` / ``by_level``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from benchmark.scoring.metrics import BY_NAME, METRICS, Metric

if TYPE_CHECKING:  # pandas is imported where frames are made: reading a summary needs none
    import pandas as pd

#: per-cell columns of ``RunResult.pages`` that change from run to run (``timings.csv``)
TIMING_COLUMNS = ("cached", "wall_ms", "cpu_ms")
#: settings that say how a run ran, not what it computed (``run.json``)
RUN_SETTINGS = ("workers", "executor")


#: what ``corpus.csv`` says of each page (empty where the corpus does not say)
PAGE_INFO_COLUMNS = ("page", "page_type", "language", "template", "url")


@dataclass(frozen=True)
class Figure:
    """One corpus figure with its 95% bootstrap interval and the pages it counts."""

    value: float
    low: float = math.nan
    high: float = math.nan
    std: float = math.nan
    pages: int = 0

    @property
    def defined(self) -> bool:
        return not math.isnan(self.value)


@dataclass(frozen=True)
class EngineInfo:
    """What produced a row: a live engine (versions, options, adapter hash) or stored
    outputs read from files."""

    name: str
    kind: str  # "live" or "stored"
    version: str | None
    distribution: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    adapter_sha256: str | None = None
    code_sha256: str | None = None  # contents of the code that ran (engines.fingerprint)
    description: str = ""
    output: str = "text"  # its output format: text (paragraphs only) or markdown/html/xml


@dataclass(frozen=True)
class CellCounts:
    pages: int
    failures: int = 0
    errors: int = 0
    timeouts: int = 0
    crashes: int = 0
    empty_outputs: int = 0
    unavailable: int = 0  # the engine cannot run on the page here (counted in failures)


@dataclass(frozen=True)
class Timing:
    """Medians and means over the cells that succeeded; the total over all cells."""

    ms_median: float = math.nan
    ms_mean: float = math.nan
    cpu_ms_median: float = math.nan
    cpu_s_total: float = 0.0


#: group dimension -> group -> metric name -> figure (e.g. page_type -> forum -> f1)
Groups = dict[str, dict[str, dict[str, Figure]]]


@dataclass(frozen=True)
class EngineResult:
    info: EngineInfo
    cells: CellCounts
    timing: Timing
    figures: dict[str, Figure]  # metric name -> figure, for the metrics that apply
    groups: Groups = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.info.name

    def figure(self, metric: str | Metric) -> Figure | None:
        return self.figures.get(metric if isinstance(metric, str) else metric.name)

    def value(self, metric: str | Metric) -> float | None:
        """The figure's value, None when it does not apply or is undefined."""
        figure = self.figure(metric)
        return figure.value if figure is not None and figure.defined else None

    def removal_kinds(self) -> list[str]:
        return [
            m.kind
            for m in METRICS
            if m.family == "removal" and m.stat == "recall" and m.kind and m.name in self.figures
        ]


@dataclass(frozen=True)
class CorpusInfo:
    name: str
    spec: str
    fingerprint: str
    pages: int
    skipped: dict[str, int] = field(default_factory=dict)
    kind_labelled_pages: int = 0  # pages whose boilerplate is labelled by kind
    structure_pages: int = 0  # pages with structure gold (scored by the structure metrics)
    annotation_version: str | None = None  # of the real-page labels applied, if any


@dataclass(frozen=True)
class Provenance:
    """Where and when the figures were made, and with which settings."""

    harness_version: str
    created: str
    machine: dict[str, Any]
    run_digest: str
    settings: dict[str, Any]
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class RunResult:
    """A whole run: provenance, corpus, one ``EngineResult`` per row (table order),
    the per-page tables and, when still in memory, the output texts."""

    provenance: Provenance
    corpus: CorpusInfo
    engines: list[EngineResult]
    pages: pd.DataFrame  # one row per (engine, page): see benchmark.scoring.cells
    kinds: pd.DataFrame  # one row per (engine, page, kind): units and kept units
    outputs: Mapping[str, Mapping[str, str | None]] | None = None  # engine -> page -> text
    up_to_date: bool = False  # read back from a folder that already held this very run
    warnings: list[str] = field(default_factory=list)  # about the input, not written to files
    #: one row per page: ``page`` and what the corpus says of it (``PAGE_INFO_COLUMNS``)
    page_info: pd.DataFrame | None = None

    def engine(self, name: str) -> EngineResult | None:
        return next((e for e in self.engines if e.name == name), None)

    @property
    def names(self) -> list[str]:
        return [e.name for e in self.engines]

    def summary_frame(self, timings: bool = True) -> pd.DataFrame:
        """One row per engine: identity, cell counts, timings (unless not ``timings``)
        and every figure that applies with its interval (columns ``<metric>``,
        ``<metric>_low``, ``_high``; ``:`` in metric names becomes ``_``)."""
        import pandas as pd

        rows = []
        for e in self.engines:
            row: dict[str, Any] = {
                "engine": e.name,
                "version": e.info.version,
                "kind": e.info.kind,
                **asdict(e.cells),
                **(asdict(e.timing) if timings else {}),
            }
            for metric in METRICS:
                figure = e.figures.get(metric.name)
                if figure is not None:
                    column = metric.name.replace(":", "_")
                    row |= {
                        column: figure.value,
                        f"{column}_low": figure.low,
                        f"{column}_high": figure.high,
                    }
            rows.append(row)
        return pd.DataFrame(rows)

    def figures_frame(self) -> pd.DataFrame:
        """Every figure in long form: engine, metric, family, kind, group dimension,
        group, value, low, high, std, pages."""
        import pandas as pd

        rows = []
        for e in self.engines:
            items = [("", "", e.figures)]
            items += [
                (dim, group, figs)
                for dim, groups in e.groups.items()
                for group, figs in groups.items()
            ]
            for dim, group, figures in items:
                for name, f in figures.items():
                    metric = BY_NAME[name]
                    rows.append(
                        {
                            "engine": e.name,
                            "metric": name,
                            "family": metric.family,
                            "kind": metric.kind or "",
                            "group_by": dim,
                            "group": group,
                            "value": f.value,
                            "low": f.low,
                            "high": f.high,
                            "std": f.std,
                            "pages": f.pages,
                        }
                    )
        return pd.DataFrame(rows)


def headline_prefix(engines: Sequence[EngineResult]) -> str:
    """Metric prefix of the headline: the content metric, or snippets for snippet gold."""
    return "" if any(e.figure("f1") for e in engines) else "snippets:"
