"""What the chart draws: a metric along each series' frontier curve, and its raw runs.

Values come from the same cached splines and the same derivations as the table, so the chart
and the table never disagree. Each series keeps what it drew: a cost model or metric seen
before costs a look-up, a new cost model a rescale of the cached base values.
"""

from __future__ import annotations

import math

import numpy as np

from tui.core.hardware import HardwareTable
from tui.core.measures import Metric
from tui.core.series import Series, constants_key, gpu_constants

POINTS = 80  # samples along a curve at most: enough for a smooth line across a wide chart


def samples(span: float, width: float, columns: int) -> int:
    """How many points sample a curve `span` wide on an axis `width` wide drawn in `columns`
    cells: three per cell it crosses (finer does not show), between 2 and POINTS."""
    if not (width > 0 and math.isfinite(span)):
        return POINTS
    return max(2, min(POINTS, 3 * math.ceil(columns * span / width) + 1))


def _finite(
    xs: list[float], bases: list[float], metric: Metric, hourly: float, kw: float
) -> tuple[list[float], list[float]]:
    ys = [metric.value(v, hourly, kw) for v in bases]
    kept = [(a, b) for a, b in zip(xs, ys, strict=True) if math.isfinite(b)]
    return [a for a, _ in kept], [b for _, b in kept]


def ends(series: Series, frontier: str) -> tuple[float, float, int] | None:
    """The frontier's first and last interactivity and its size (None when empty), kept:
    the chart asks for every series at each change."""

    def make() -> tuple[float, float, int] | None:
        x = series.fronts[frontier]["interactivity"]
        return None if x.empty else (float(x.iloc[0]), float(x.iloc[-1]), len(x))

    return series.kept(("ends", frontier), make)


def curve(
    series: Series, metric: Metric, table: HardwareTable, cost_model: str, points: int = POINTS
) -> tuple[list[float], list[float]]:
    """(x, y) samples of the metric along its frontier; empty when nothing is known."""
    found = ends(series, metric.frontier)
    if found is None:
        return [], []
    first, last, count = found
    xs = [float(v) for v in np.linspace(first, last, points)] if count > 1 else [first]
    hourly, kw = gpu_constants(series, table, cost_model)
    key = ("curve", series.basis, metric.key, len(xs), *constants_key(hourly, kw))
    return series.kept(
        key, lambda: _finite(xs, series.spline_at(metric, tuple(xs)), metric, hourly, kw)
    )


def raw_points(
    series: Series, metric: Metric, table: HardwareTable, cost_model: str
) -> tuple[list[float], list[float]]:
    """Every run of the series (not only the frontier), for the faint scatter."""
    hourly, kw = gpu_constants(series, table, cost_model)

    def make() -> tuple[np.ndarray, np.ndarray]:
        xs = [float(a) for a in series.rows["interactivity"]]
        bases = [float(v) for v in series.rows[metric.base]]
        # Kept as arrays (8 bytes a value, not a Python float's 32): every run of every series
        # for each metric and cost model seen, tens of MB at a million rows as lists.
        x, y = _finite(xs, bases, metric, hourly, kw)
        return np.asarray(x, dtype=float), np.asarray(y, dtype=float)

    x, y = series.kept(("raw", metric.key, *constants_key(hourly, kw)), make)
    return x.tolist(), y.tolist()


def raw_extent(
    series: Series, metric: Metric, table: HardwareTable, cost_model: str
) -> list[float]:
    """[least, greatest] of raw_points' values ([] when none), kept with them: the chart's
    axis needs only these, not every run."""
    hourly, kw = gpu_constants(series, table, cost_model)

    def make() -> list[float]:
        _, ys = raw_points(series, metric, table, cost_model)
        return [min(ys), max(ys)] if ys else []

    return list(series.kept(("raw extent", metric.key, *constants_key(hourly, kw)), make))


def thin(
    xs: list[float],
    ys: list[float],
    box: tuple[float, float, float, float],
    cells: tuple[int, int],
    log_y: bool = False,
) -> tuple[list[float], list[float]]:
    """The first point in each cell of a `cells` grid over `box` (x0, x1, y0, y1): a scatter
    with more points than the chart has cells looks the same with these alone."""
    x0, x1, y0, y1 = box
    if not xs or (log_y and y0 <= 0):  # nothing to thin, or no log axis to thin on
        return xs, ys
    y = np.asarray(ys, dtype=float)
    if log_y:  # the grid is even on the axis as drawn
        y, y0, y1 = np.log10(y), math.log10(y0), math.log10(y1)
    cols, rows = cells
    gx = np.floor((np.asarray(xs, dtype=float) - x0) / ((x1 - x0) or 1.0) * cols)
    gy = np.floor((y - y0) / ((y1 - y0) or 1.0) * rows)
    _, first = np.unique(gx * (rows + 1) + gy, return_index=True)
    keep = np.sort(first)
    return [xs[i] for i in keep], [ys[i] for i in keep]
