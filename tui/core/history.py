"""A configuration's value at one interactivity over run dates (the history view).

For each (configuration, date) the rows of that date make their own frontier, interpolated the
same way as the table (frontier.py, interp.py); a date whose frontier does not reach the target
has no point, never an extrapolated or edge value.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from tui.core import metrics
from tui.core.frontier import frontier
from tui.core.hardware import HardwareTable
from tui.core.interp import steffen
from tui.core.reruns import drop_reruns
from tui.core.select import DIM_COLUMN, Selection, resolve
from tui.core.series import series_label

GROUP_BY = ("hardware", "framework", "precision", "spec")
Derive = Callable[[float, float, float], float]  # (interpolated y, $/GPU-hour, kW/GPU)


@dataclass(frozen=True)
class HistoryMetric:
    name: str
    label: str
    column: str  # the frontier's y and the interpolated value
    derive: Derive
    higher_is_better: bool = True


def _same(value: float, hourly: float, kw: float) -> float:
    return value


METRICS: dict[str, HistoryMetric] = {
    m.name: m
    for m in (
        HistoryMetric("tput_per_gpu", "tok/s/GPU", "tput_per_gpu", _same),
        # its own frontier: the best output tok/s/GPU at each interactivity
        HistoryMetric("output_tput_per_gpu", "output tok/s/GPU", "output_tput_per_gpu", _same),
        HistoryMetric(
            "cost_per_mtok",
            "$/M tok",
            "tput_per_gpu",
            lambda v, hourly, kw: metrics.cost_per_mtok(v, hourly),
            higher_is_better=False,
        ),
        HistoryMetric(
            "tok_s_per_mw", "tok/s/MW", "tput_per_gpu", lambda v, h, kw: metrics.tok_s_per_mw(v, kw)
        ),
        HistoryMetric(
            "joules_per_token",
            "J/token",
            "tput_per_gpu",
            lambda v, h, kw: metrics.joules_per_token(v, kw),
            higher_is_better=False,
        ),
    )
}


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


def value_at(rows: pd.DataFrame, target: float, column: str) -> float:
    """The frontier value of `column` at `target` among these rows; NaN outside the frontier."""
    usable = rows[rows[column].notna()]
    if usable.empty:
        return math.nan
    front = frontier(usable, "interactivity", column)
    return steffen(front["interactivity"].to_list(), front[column].to_list(), [target])[0]


def _line(
    key: dict[str, str], rows: pd.DataFrame, target: float, metric: HistoryMetric, consts: tuple
) -> list[HistoryPoint]:
    points = []
    for when, part in rows.groupby(when_of(rows), sort=False):
        kept, _ = drop_reruns(part)  # the same configuration twice in a day: the later one
        value = metric.derive(value_at(kept, target, metric.column), *consts)
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
    """One line per configuration: `metric` at `target` tok/s/user on each date it reaches.

    `selection` may narrow hardware, framework, precision and spec (its model and sequence are
    replaced by the arguments). Raises SelectionError when nothing matches, KeyError for an
    unknown metric.
    """
    chosen = METRICS[metric]
    base = selection or Selection()
    sel = Selection(
        model, sequence, base.hardware, base.precision, base.framework, base.spec, GROUP_BY
    )
    rows = resolve(frame[frame["kind"] == "run"], sel).rows
    lines = []
    cols = [DIM_COLUMN[d] for d in GROUP_BY]
    for values, part in rows.groupby(cols, sort=True, dropna=False):
        key = {d: str(v) for d, v in zip(GROUP_BY, values, strict=True)}
        gpus = part["hardware"].unique()
        consts = (hardware.hourly(gpus[0], cost_model), hardware.kw(gpus[0]))
        points = _line(key, part, target, chosen, consts)
        lines.append(HistoryLine(key, series_label(key), points))
    return lines


def dates(lines: list[HistoryLine]) -> list[str]:
    """Every date that has a point on some line, oldest first."""
    seen: dict[str, float] = {}
    for line in lines:
        for p in line.points:
            seen[p.when] = min(p.order, seen.get(p.when, p.order))
    return sorted(seen, key=lambda w: (seen[w], w))
