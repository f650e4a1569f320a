"""Series (one curve each), their frontiers and their values at interactivity targets."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from tui.core import metrics
from tui.core.frontier import frontier
from tui.core.hardware import HardwareTable
from tui.core.interp import steffen
from tui.core.select import DIM_COLUMN

# Interpolated along the frontier; everything else is derived from tput_per_gpu.
INTERPOLATED = ("tput_per_gpu", "output_tput_per_gpu", "concurrency", "ttft_s", "e2el_s")


def spec_label(value: str) -> str:
    """InferenceMAX's "none" reads as "Off" next to "MTP", as on the public dashboard."""
    return "Off" if value == "none" else value.upper()


def series_label(key: dict[str, str], shared: frozenset[str] = frozenset()) -> str:
    """Join the key's values, leaving out dimensions every series shares (they say nothing)."""
    parts = [spec_label(v) if dim == "spec" else v for dim, v in key.items() if dim not in shared]
    if not parts:
        parts = [spec_label(v) if dim == "spec" else v for dim, v in key.items()]
    return "/".join(parts) if parts else "all"


@dataclass(frozen=True)
class Series:
    key: dict[str, str]
    label: str
    rows: pd.DataFrame
    front: pd.DataFrame

    @property
    def hardware(self) -> list[str]:
        return sorted(self.rows["hardware"].unique())

    @property
    def frameworks(self) -> list[str]:
        return sorted(self.rows["framework"].unique())

    @property
    def x_range(self) -> tuple[float, float]:
        """The frontier's interactivity span (NaN, NaN when it has no points)."""
        x = self.front["interactivity"]
        return float(x.min()), float(x.max())

    @property
    def published(self) -> bool:
        return bool((self.rows["kind"] == "published").all())


def build_series(rows: pd.DataFrame, group_by: tuple[str, ...]) -> list[Series]:
    """One series per distinct value of the grouped dimensions, in a stable order."""
    cols = [DIM_COLUMN[d] for d in group_by]
    groups = list(rows.groupby(cols, sort=True, dropna=False)) if cols else [((), rows)]
    keys = []
    for values, _ in groups:
        vals = values if isinstance(values, tuple) else (values,)
        keys.append({d: str(v) for d, v in zip(group_by, vals, strict=True)})
    shared = (
        frozenset(d for d in group_by if len({k[d] for k in keys}) == 1)
        if len(keys) > 1
        else frozenset()
    )
    return [
        Series(key, series_label(key, shared), part, frontier(part))
        for key, (_, part) in zip(keys, groups, strict=True)
    ]


@dataclass(frozen=True)
class Point:
    """One series' metrics at one interactivity target (NaN: outside its frontier/unknown)."""

    interactivity: float
    tput_per_gpu: float
    output_tput_per_gpu: float
    cost_per_mtok: float
    output_cost_per_mtok: float
    tok_s_per_mw: float
    output_tok_s_per_mw: float
    joules_per_token: float
    concurrency: float
    ttft_s: float
    e2el_s: float


def gpu_constants(series: Series, table: HardwareTable, cost_model: str) -> tuple[float, float]:
    """($/GPU-hour, kW/GPU); NaN when the series mixes hardware or the GPU is unknown."""
    if len(series.hardware) != 1:
        return math.nan, math.nan
    gpu = series.hardware[0]
    return table.hourly(gpu, cost_model), table.kw(gpu)


def values_at(
    series: Series, targets: list[float], table: HardwareTable, cost_model: str
) -> list[Point]:
    x = series.front["interactivity"].to_list()
    interp = {m: steffen(x, series.front[m].to_list(), targets) for m in INTERPOLATED}
    hourly, kw = gpu_constants(series, table, cost_model)
    points = []
    for i, target in enumerate(targets):
        tput = interp["tput_per_gpu"][i]
        out_tput = interp["output_tput_per_gpu"][i]
        points.append(
            Point(
                interactivity=target,
                tput_per_gpu=tput,
                output_tput_per_gpu=out_tput,
                cost_per_mtok=metrics.cost_per_mtok(tput, hourly),
                output_cost_per_mtok=metrics.cost_per_mtok(out_tput, hourly),
                tok_s_per_mw=metrics.tok_s_per_mw(tput, kw),
                output_tok_s_per_mw=metrics.tok_s_per_mw(out_tput, kw),
                joules_per_token=metrics.joules_per_token(tput, kw),
                concurrency=interp["concurrency"][i],
                ttft_s=interp["ttft_s"][i],
                e2el_s=interp["e2el_s"][i],
            )
        )
    return points
