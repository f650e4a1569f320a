"""What the chart draws: a metric along each series' frontier curve, and its raw runs.

Throughput is interpolated; cost and power are derived from it, exactly as in the table, so
the chart and the table never disagree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from tui.core import metrics
from tui.core.hardware import HardwareTable
from tui.core.interp import steffen
from tui.core.series import Series, gpu_constants


@dataclass(frozen=True)
class ChartMetric:
    key: str
    title: str  # axis title, with units
    column: str  # the canonical column the metric comes from (interpolated)
    derive: str = ""  # "", "cost" or "power": derived from the throughput


CHART_METRICS: tuple[ChartMetric, ...] = (
    ChartMetric("tput_per_gpu", "throughput (tok/s/GPU)", "tput_per_gpu"),
    ChartMetric("output_tput_per_gpu", "output throughput (tok/s/GPU)", "output_tput_per_gpu"),
    ChartMetric("cost_per_mtok", "cost ($ per M tokens)", "tput_per_gpu", "cost"),
    ChartMetric("tok_s_per_mw", "tokens/s per MW", "tput_per_gpu", "power"),
    ChartMetric("concurrency", "concurrency (requests)", "concurrency"),
    ChartMetric("ttft_s", "median TTFT (s)", "ttft_s"),
    ChartMetric("e2el_s", "median E2E latency (s)", "e2el_s"),
)
METRIC_BY_KEY = {m.key: m for m in CHART_METRICS}


def _derive(values: list[float], metric: ChartMetric, hourly: float, kw: float) -> list[float]:
    if metric.derive == "cost":
        return [metrics.cost_per_mtok(v, hourly) for v in values]
    if metric.derive == "power":
        return [metrics.tok_s_per_mw(v, kw) for v in values]
    return values


def curve(
    series: Series, metric: ChartMetric, table: HardwareTable, cost_model: str, points: int = 80
) -> tuple[list[float], list[float]]:
    """(x, y) samples of the metric along the frontier; empty when nothing is known."""
    x = series.front["interactivity"].to_list()
    if not x:
        return [], []
    xs = [float(v) for v in np.linspace(x[0], x[-1], points)] if len(x) > 1 else [x[0]]
    ys = steffen(x, series.front[metric.column].to_list(), xs)
    ys = _derive(ys, metric, *gpu_constants(series, table, cost_model))
    kept = [(a, b) for a, b in zip(xs, ys, strict=True) if math.isfinite(b)]
    return [a for a, _ in kept], [b for _, b in kept]


def raw_points(
    series: Series, metric: ChartMetric, table: HardwareTable, cost_model: str
) -> tuple[list[float], list[float]]:
    """Every run of the series (not only the frontier), for the faint scatter."""
    ys = _derive(
        series.rows[metric.column].to_list(), metric, *gpu_constants(series, table, cost_model)
    )
    pairs = [
        (float(a), b)
        for a, b in zip(series.rows["interactivity"], ys, strict=True)
        if math.isfinite(b)
    ]
    return [a for a, _ in pairs], [b for _, b in pairs]
