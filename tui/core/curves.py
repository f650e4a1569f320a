"""What the chart draws: a metric along each series' frontier curve, and its raw runs.

Values come from the same cached splines and the same derivations as the table, so the chart
and the table never disagree.
"""

from __future__ import annotations

import math

import numpy as np

from tui.core.hardware import HardwareTable
from tui.core.measures import Metric
from tui.core.series import Series, gpu_constants


def curve(
    series: Series, metric: Metric, table: HardwareTable, cost_model: str, points: int = 80
) -> tuple[list[float], list[float]]:
    """(x, y) samples of the metric along its frontier; empty when nothing is known."""
    x = series.fronts[metric.frontier]["interactivity"].to_list()
    if not x:
        return [], []
    xs = [float(v) for v in np.linspace(x[0], x[-1], points)] if len(x) > 1 else [x[0]]
    hourly, kw = gpu_constants(series, table, cost_model)
    ys = [metric.value(v, hourly, kw) for v in series.spline(metric)(xs)]
    kept = [(a, b) for a, b in zip(xs, ys, strict=True) if math.isfinite(b)]
    return [a for a, _ in kept], [b for _, b in kept]


def raw_points(
    series: Series, metric: Metric, table: HardwareTable, cost_model: str
) -> tuple[list[float], list[float]]:
    """Every run of the series (not only the frontier), for the faint scatter."""
    hourly, kw = gpu_constants(series, table, cost_model)
    ys = [metric.value(float(v), hourly, kw) for v in series.rows[metric.base]]
    pairs = [
        (float(a), b)
        for a, b in zip(series.rows["interactivity"], ys, strict=True)
        if math.isfinite(b)
    ]
    return [a for a, _ in pairs], [b for _, b in pairs]
