"""Series (one curve each), their frontiers and their values at interactivity targets.

Each series' frontiers and splines are computed once and shared by the table and the chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd

from tui.core.dimensions import BY_NAME
from tui.core.frontier import frontier
from tui.core.hardware import HardwareTable
from tui.core.interp import Spline
from tui.core.measures import FRONTIERS, METRICS, OUTPUT_TPUT, TPUT, Metric
from tui.core.schema import KIND_PUBLISHED


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
    fronts: dict[str, pd.DataFrame]  # frontier rows per throughput column, by interactivity
    basis: str = TPUT  # the throughput the curve follows: output tokens when totals are unknown
    _splines: dict[tuple[str, str], Spline] = field(default_factory=dict, repr=False)

    @property
    def front(self) -> pd.DataFrame:
        """The series' curve: the total-throughput frontier (or the output one, see basis)."""
        return self.fronts[self.basis]

    @cached_property
    def hardware(self) -> list[str]:
        return sorted(self.rows["hardware"].unique())

    @cached_property
    def frameworks(self) -> list[str]:
        return sorted(self.rows["framework"].unique())

    @property
    def x_range(self) -> tuple[float, float]:
        """The frontier's interactivity span (NaN, NaN when it has no points)."""
        x = self.front["interactivity"]
        return float(x.min()), float(x.max())

    @property
    def published(self) -> bool:
        return bool((self.rows["kind"] == KIND_PUBLISHED).all())

    def spline(self, metric: Metric) -> Spline:
        """The metric's base column along its frontier (cached: built once per series)."""
        # Without total throughput, context metrics (concurrency, latency) follow the output curve.
        along = self.basis if metric.frontier == TPUT else metric.frontier
        key = (along, metric.base)
        if key not in self._splines:
            front = self.fronts[along]
            ys = front[metric.base] if metric.base in front else front["interactivity"] * math.nan
            self._splines[key] = Spline(front["interactivity"].to_list(), ys.to_list())
        return self._splines[key]


def _fronts(rows: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {column: frontier(rows, y=column) for column in FRONTIERS}


FrontCache = dict[tuple[Any, ...], tuple[dict[str, pd.DataFrame], dict[tuple[str, str], Spline]]]
"""A series' frontiers and splines by its key and rows: reused until those rows change."""
CACHE_LIMIT = 4096


def _cached_fronts(
    key: dict[str, str], part: pd.DataFrame, cache: FrontCache | None
) -> tuple[dict[str, pd.DataFrame], dict[tuple[str, str], Spline]]:
    if cache is None:
        return _fronts(part), {}
    tag = (tuple(key.items()), tuple(part.index))
    if tag not in cache:
        if len(cache) > CACHE_LIMIT:
            cache.clear()
        cache[tag] = (_fronts(part), {})
    return cache[tag]


def build_series(
    rows: pd.DataFrame, group_by: tuple[str, ...], cache: FrontCache | None = None
) -> list[Series]:
    """One series per distinct value of the grouped dimensions, in a stable order.

    When no run has total-token throughput (files without input lengths), every series
    follows its output-token frontier instead, so the table still has values. With a
    `cache` (the explorer's), a series whose rows did not change keeps its frontiers and
    splines: a filter change costs the series it touches.
    """
    cols = [BY_NAME[d].column for d in group_by]
    groups = (
        list(rows.groupby(cols, sort=True, dropna=False, observed=True)) if cols else [((), rows)]
    )
    keys = []
    for values, _ in groups:
        vals = values if isinstance(values, tuple) else (values,)
        keys.append({d: str(v) for d, v in zip(group_by, vals, strict=True)})
    shared = (
        frozenset(d for d in group_by if len({k[d] for k in keys}) == 1)
        if len(keys) > 1
        else frozenset()
    )
    made = [_cached_fronts(key, part, cache) for key, (_, part) in zip(keys, groups, strict=True)]
    totals = any(not f[TPUT].empty for f, _ in made) or rows.empty
    basis = TPUT if totals else OUTPUT_TPUT
    return [
        Series(key, series_label(key, shared), part, front, basis, splines)
        for key, (_, part), (front, splines) in zip(keys, groups, made, strict=True)
    ]


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
    columns = {m.key: series.spline(m)(targets) for m in METRICS}
    return [
        Point(t, {m.key: m.value(columns[m.key][i], hourly, kw) for m in METRICS})
        for i, t in enumerate(targets)
    ]
