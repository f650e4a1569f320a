"""Series (one curve each), their frontiers and their values at interactivity targets.

Each series' frontiers and splines are computed once and shared by the table and the chart.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, TypeVar, cast

import numpy as np
import pandas as pd

from tui.core.dimensions import BY_NAME
from tui.core.frontier import frontier
from tui.core.hardware import HardwareTable
from tui.core.interp import Spline
from tui.core.measures import FRONTIERS, METRICS, OUTPUT_TPUT, TPUT, Metric
from tui.core.reruns import configurations
from tui.core.schema import KIND_PUBLISHED

T = TypeVar("T")


def series_label(key: dict[str, str], shared: frozenset[str] = frozenset()) -> str:
    """Join the key's values, leaving out dimensions every series shares (they say nothing)."""
    parts = [BY_NAME[dim].display(v) for dim, v in key.items() if dim not in shared]
    if not parts:
        parts = [BY_NAME[dim].display(v) for dim, v in key.items()]
    return "/".join(parts) if parts else "all"


@dataclass(frozen=True, eq=False)  # compared by identity: it holds DataFrames
class Series:
    key: dict[str, str]
    label: str
    rows: pd.DataFrame
    fronts: dict[str, pd.DataFrame]  # frontier runs per throughput column, by interactivity:
    # their FRONT_COLUMNS only, and the rows' index
    basis: str = TPUT  # the throughput the curve follows: output tokens when totals are unknown
    _splines: dict[tuple[str, str], Spline] = field(default_factory=dict, repr=False)
    # Values worked out from these rows (spline values, points, what the chart drew): kept
    # while the rows are, shared with relabelled copies (keys name the basis where it counts).
    _kept: dict[tuple[Any, ...], Any] = field(default_factory=dict, repr=False)

    @property
    def front(self) -> pd.DataFrame:
        """The series' curve: the total-throughput frontier (or the output one, see basis)."""
        return self.fronts[self.basis]

    @cached_property
    def front_size(self) -> int:
        """Runs on the curve (0: no curve), asked often: kept rather than counted each time."""
        return len(self.front.index)

    @cached_property
    def hardware(self) -> list[str]:
        return sorted(self.rows["hardware"].unique())

    @cached_property
    def frameworks(self) -> list[str]:
        return sorted(self.rows["framework"].unique())

    @cached_property
    def x_range(self) -> tuple[float, float]:
        """The frontier's interactivity span (NaN, NaN when it has no points)."""
        x = self.front["interactivity"]
        return float(x.min()), float(x.max())

    @cached_property
    def interactivity_span(self) -> tuple[float, float]:
        """Lowest and highest interactivity of every run (not only the frontier's)."""
        x = self.rows["interactivity"]
        return float(x.min()), float(x.max())

    @cached_property
    def origins(self) -> frozenset[str]:
        """Where its rows came from: published summaries, the bundled snapshot, user files."""
        published = self.rows["kind"] == KIND_PUBLISHED
        bundled = self.rows["source"].astype(str).str.startswith("bundled:")
        return frozenset(
            origin
            for origin, found in (
                (KIND_PUBLISHED, published),
                ("bundled InferenceMAX snapshot", ~published & bundled),
                ("your files", ~published & ~bundled),
            )
            if found.any()
        )

    @cached_property
    def published(self) -> bool:
        return bool((self.rows["kind"] == KIND_PUBLISHED).all())

    def _along(self, metric: Metric) -> str:
        # Without total throughput, context metrics (concurrency, latency) follow the output curve.
        return self.basis if metric.frontier == TPUT else metric.frontier

    def spline(self, metric: Metric) -> Spline:
        """The metric's base column along its frontier (cached: built once per series)."""
        key = (self._along(metric), metric.base)
        if key not in self._splines:
            front = self.fronts[key[0]]
            ys = front[metric.base] if metric.base in front else front["interactivity"] * math.nan
            self._splines[key] = Spline(front["interactivity"].to_list(), ys.to_list())
        return self._splines[key]

    def spline_at(self, metric: Metric, at: tuple[float, ...]) -> list[float]:
        """The metric's base value at each of `at`, cached: a cost model or kW change rescales
        these instead of evaluating the curve again."""
        return self.kept(
            ("at", self._along(metric), metric.base, at), lambda: self.spline(metric)(at)
        )

    def kept(self, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """make(), once per key while this series' rows are unchanged.

        Values for one set of targets or one chart width ("at", "points", "curve") are kept
        for the few most recent only: each edit of the targets makes new ones, and at 1M rows
        (hundreds of series) keeping them all grew the explorer by tens of MB.
        """
        if key not in self._kept:
            kind = key[0]
            limit = RECENT.get(kind, KEPT_LIMIT)
            same = [k for k in self._kept if k[0] == kind]
            for old in same[: max(0, len(same) - limit + 1)]:  # the oldest of its kind go
                del self._kept[old]
            self._kept[key] = make()
        return cast(T, self._kept[key])


FRONT_COLUMNS: tuple[str, ...] = tuple(
    dict.fromkeys(("interactivity", *FRONTIERS, *(m.base for m in METRICS)))
)
"""What is read along a frontier (its index names the runs): the numbers alone are taken,
a few arrays, not every column of the rows (~50, of which 17 categorical)."""


def _fronts(rows: pd.DataFrame) -> dict[str, pd.DataFrame]:
    numbers = rows[[c for c in FRONT_COLUMNS if c in rows.columns]]
    return {column: frontier(numbers, y=column) for column in FRONTIERS}


FrontCache = dict[tuple[Any, ...], Series]
"""Series by their key and rows: a series whose rows did not change is reused whole, with its
frontiers, splines and cached values."""
CACHE_LIMIT = 4096
KEPT_LIMIT = 64  # values of one kind a series keeps (a metric's runs per cost model, ...)
RECENT = {"at": 24, "points": 8, "curve": 24}  # kinds made anew for each target edit or width


def _groups(rows: pd.DataFrame, cols: list[str]) -> list[tuple[tuple[Any, ...], np.ndarray]]:
    """(key values, row positions) per group, in groupby(sort=True, dropna=False) order.

    On integer codes (reruns.configurations, ordered): missing values form a group of their
    own, last (pandas would drop a categorical's, whatever dropna says). A test holds the
    result equal to pandas' groupby.
    """
    if not cols:
        return [((), np.arange(len(rows)))]
    if rows.empty:
        return []
    ids = configurations(rows, cols, ordered=True)
    order = np.argsort(ids, kind="stable")  # rows keep their order within a group
    ranked = ids[order]
    starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
    ends = np.r_[starts[1:], len(order)]
    firsts = order[starts]  # each group's key values, read from its first row
    values = [[math.nan if pd.isna(v) else v for v in rows[c].take(firsts).tolist()] for c in cols]
    keys = list(zip(*values, strict=True))
    return [
        (key, order[start:end])
        for key, start, end in zip(keys, starts.tolist(), ends.tolist(), strict=True)
    ]


def _tag(key: dict[str, str], index: np.ndarray, pos: np.ndarray) -> tuple[Any, ...]:
    """A series' identity: its key and its rows (their index labels)."""
    at = index[pos]
    return (tuple(key.items()), at.tobytes() if at.dtype.kind in "iu" else tuple(at))


def build_series(
    rows: pd.DataFrame, group_by: tuple[str, ...], cache: FrontCache | None = None
) -> list[Series]:
    """One series per distinct value of the grouped dimensions, in a stable order.

    When no run has total-token throughput (files without input lengths), every series
    follows its output-token frontier instead, so the table still has values. With a
    `cache` (the explorer's), a series whose rows did not change is reused with its
    frontiers and splines: a filter change costs the series it touches.
    """
    cols = [BY_NAME[d].column for d in group_by]
    groups = _groups(rows, cols)
    keys = [{d: str(v) for d, v in zip(group_by, vals, strict=True)} for vals, _ in groups]
    shared = (
        frozenset(d for d in group_by if len({k[d] for k in keys}) == 1)
        if len(keys) > 1
        else frozenset()
    )
    cache = {} if cache is None else cache
    if len(cache) > CACHE_LIMIT:
        cache.clear()
    index = rows.index.to_numpy()
    tags = [_tag(key, index, pos) for key, (_, pos) in zip(keys, groups, strict=True)]
    made: list[Series] = []
    for key, tag, (_, pos) in zip(keys, tags, groups, strict=True):
        if tag not in cache:
            part = rows if len(pos) == len(rows) else rows.iloc[pos]
            cache[tag] = Series(key, "", part, _fronts(part))
        made.append(cache[tag])
    totals = any(len(s.fronts[TPUT].index) for s in made) or rows.empty
    basis = TPUT if totals else OUTPUT_TPUT
    out: list[Series] = []
    for key, tag, series in zip(keys, tags, made, strict=True):
        label = series_label(key, shared)
        if (series.label, series.basis) != (label, basis):
            # Same rows, other label or curve: keep the frontiers, splines and values.
            series = replace(series, label=label, basis=basis)
            cache[tag] = series
        out.append(series)
    return out


@dataclass(frozen=True)
class Point:
    """One series' metrics at one interactivity target (NaN: outside its frontier/unknown)."""

    interactivity: float
    values: dict[str, float]

    def __getattr__(self, name: str) -> float:
        # p.tput_per_gpu reads values["tput_per_gpu"]: every registered metric by its key
        if name.startswith("_") or name not in self.__dict__.get("values", {}):
            raise AttributeError(name)
        return self.values[name]


def gpu_constants(series: Series, table: HardwareTable, cost_model: str) -> tuple[float, float]:
    """($/GPU-hour, kW/GPU); NaN when the series mixes hardware or the GPU is unknown."""
    if len(series.hardware) != 1:
        return math.nan, math.nan
    gpu = series.hardware[0]
    return table.hourly(gpu, cost_model), table.kw(gpu)


def values_at(
    series: Series, targets: list[float], table: HardwareTable, cost_model: str
) -> list[Point]:
    """Every registered metric at each target, from the cached splines."""
    hourly, kw = gpu_constants(series, table, cost_model)
    at = tuple(targets)

    def make() -> list[Point]:
        # Metrics read from the same curve (cost and power from throughput) share its values.
        curves: dict[tuple[str, str], list[float]] = {}
        columns = []
        for m in METRICS:
            curve = (series._along(m), m.base)
            if curve not in curves:
                curves[curve] = series.spline_at(m, at)
            columns.append((m, curves[curve]))
        return [
            Point(t, {m.key: m.value(base[i], hourly, kw) for m, base in columns})
            for i, t in enumerate(targets)
        ]

    # By the constants' values, so a cost model seen before is a look-up.
    points = series.kept(("points", series.basis, at, *constants_key(hourly, kw)), make)
    return list(points)  # a list of its own: tables never share one


def constants_key(hourly: float, kw: float) -> tuple[str, str]:
    """GPU constants as a cache key: hex, so NaN (unknown) equals NaN."""
    return float(hourly).hex(), float(kw).hex()
