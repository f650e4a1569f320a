"""A configuration's value at one interactivity over run dates (the history view).

For each (configuration, date) the rows of that date make their own frontier, interpolated the
same way as the table (frontier.py, interp.py); a date whose frontier does not reach the target
has no point, never an extrapolated or edge value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from tui.core.dimensions import BY_NAME
from tui.core.frontier import frontier
from tui.core.hardware import HardwareTable
from tui.core.interp import steffen
from tui.core.measures import BY_KEY, Metric
from tui.core.reruns import superseded
from tui.core.schema import KIND_RUN
from tui.core.select import Selection, resolve
from tui.core.series import series_label

GROUP_BY = ("hardware", "framework", "spec", "precision")  # labels read as in the main view


@dataclass(frozen=True)
class HistoryPoint:
    when: str  # the date (YYYY-MM-DD), else the run id, for local files without dates
    order: float  # sorts the points in time
    value: float


@dataclass(frozen=True)
class HistoryLine:
    key: dict[str, str]  # hardware, framework, precision, spec
    label: str
    points: list[HistoryPoint]  # only dates whose frontier holds the target, oldest first


def when_of(rows: pd.DataFrame) -> pd.Series:
    """A row's date: the source's date, else its run id, else its recency as a number."""
    date = rows["date"].astype("object")
    run = rows["run_id"].astype("object")
    fallback = rows["recency"].map(lambda r: f"{r:.0f}" if pd.notna(r) else "?")
    return date.where(date.notna(), run.where(run.notna(), fallback)).astype(str)


def value_at(rows: pd.DataFrame, target: float, metric: Metric) -> float:
    """The metric's base value at `target` along these rows' frontier; NaN outside it."""
    usable = rows[rows[metric.frontier].notna()]
    if usable.empty:
        return math.nan
    front = frontier(usable, "interactivity", metric.frontier)
    return steffen(front["interactivity"].to_list(), front[metric.base].to_list(), [target])[0]


def _points(
    rows: pd.DataFrame, target: float, metric: Metric, consts: tuple[float, float]
) -> list[HistoryPoint]:
    points = []
    for when, part in rows.groupby(when_of(rows), sort=False, observed=True):
        latest = part[~superseded(part).to_numpy(bool)]  # measured twice that day: the later
        value = metric.value(value_at(latest, target, metric), *consts)
        if not math.isnan(value):
            points.append(HistoryPoint(str(when), float(part["recency"].max()), value))
    return sorted(points, key=lambda p: (p.order, p.when))


def history(
    frame: pd.DataFrame,
    model: str | None,
    sequence: str | None,
    target: float,
    metric: str,
    hardware: HardwareTable,
    cost_model: str = "hyperscaler",
    selection: Selection | None = None,
) -> list[HistoryLine]:
    """One line per configuration: `metric` (a measures.py key) at `target` tok/s/user per date.

    Every row counts, reruns included: each date keeps its own latest run per configuration.
    `selection` may narrow the dimensions (its model, sequence and grouping are replaced by
    the arguments). Raises SelectionError when nothing matches, KeyError for an unknown metric.
    """
    chosen = BY_KEY[metric]
    sel = replace(selection or Selection(), model=model, sequence=sequence, group_by=GROUP_BY)
    runs = frame[frame["kind"] == KIND_RUN].drop(columns="superseded", errors="ignore")
    rows = resolve(runs, sel).rows
    lines = []
    cols = [BY_NAME[d].column for d in GROUP_BY]
    for values, part in rows.groupby(cols, sort=True, dropna=False, observed=True):
        key = {d: str(v) for d, v in zip(GROUP_BY, values, strict=True)}
        gpu = str(part["hardware"].iloc[0])
        consts = (hardware.hourly(gpu, cost_model), hardware.kw(gpu))
        lines.append(HistoryLine(key, series_label(key), _points(part, target, chosen, consts)))
    return lines


def dates(lines: list[HistoryLine]) -> list[str]:
    """Every date that has a point on some line, oldest first."""
    seen: dict[str, float] = {}
    for line in lines:
        for p in line.points:
            seen[p.when] = min(p.order, seen.get(p.when, p.order))
    return sorted(seen, key=lambda w: (seen[w], w))
