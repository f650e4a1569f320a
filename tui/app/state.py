"""The explorer's state as one immutable value, and what each change means for it.

No Textual here: the app reassigns a new ViewState and its watcher redraws, so this logic is
testable without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from tui.core.choices import FILTER_DIMS
from tui.core.curves import CHART_METRICS
from tui.core.hardware import COST_MODELS, HardwareTable
from tui.core.request import Request
from tui.core.reruns import drop_reruns
from tui.core.schema import Problem
from tui.core.select import (
    DIM_COLUMN,
    Selection,
    default_model,
    default_sequence,
    filter_sequence,
    match_model,
    normalise_value,
)
from tui.core.table import Options, Table, compute

METRIC_KEYS = tuple(m.key for m in CHART_METRICS)
VISUAL_FIELDS = frozenset({"metric", "log_y", "show_raw"})


@dataclass(frozen=True)
class ViewState:
    model: str
    sequence: str
    precision: tuple[str, ...]
    hardware: tuple[str, ...]
    framework: tuple[str, ...]
    spec: tuple[str, ...]
    group_by: tuple[str, ...] | None = None  # None: the core's default grouping
    targets: tuple[float, ...] | None = None  # None: 25/50/75% of the shared range
    cost_model: str = "hyperscaler"
    metric: str = "tput_per_gpu"
    log_y: bool = False
    show_raw: bool = True
    keep_reruns: bool = False

    def chosen(self) -> dict[str, tuple[str, ...]]:
        return {d: getattr(self, d) for d in FILTER_DIMS}

    def empty_dimension(self) -> str | None:
        """The first filter with nothing chosen: nothing can be shown until one is."""
        return next((d for d in FILTER_DIMS if not getattr(self, d)), None)


def only_visual(old: ViewState, new: ViewState) -> bool:
    """True when a change only touches how the chart looks, not the numbers."""
    changed = {f for f in old.__dataclass_fields__ if getattr(old, f) != getattr(new, f)}
    return changed <= VISUAL_FIELDS


def cycle(options: tuple[str, ...], current: str, step: int = 1) -> str:
    return options[(options.index(current) + step) % len(options)]


class Explorer:
    """The loaded data and the computations the screen needs, cached per rerun mode."""

    def __init__(self, frame: pd.DataFrame, request: Request) -> None:
        self.frame = frame
        self.request = request
        self.hardware: HardwareTable = request.hardware
        self._rows = {True: frame, False: drop_reruns(frame)[0]}

    def refreshed(self, state: ViewState, before: Explorer) -> ViewState:
        """The same view on re-read data: filters that held every value take in new ones."""
        if state.model not in set(self.frame["model"]):
            return self.initial_state()
        sequence = state.sequence if state.sequence in self.sequences(state.model) else None
        if sequence is None:
            return self.with_model(state, state.model)
        old_all = before.all_values(state.model, state.sequence)
        new_all = self.all_values(state.model, sequence)
        changes: dict[str, Any] = {}
        for dim in FILTER_DIMS:
            chosen = getattr(state, dim)
            every = set(chosen) == set(old_all[dim])
            changes[dim] = new_all[dim] if every else tuple(v for v in chosen if v in new_all[dim])
        return replace(state, **changes)

    def all_rows(self, keep_reruns: bool) -> pd.DataFrame:
        """Every row, or every row but set-aside reruns."""
        return self._rows[keep_reruns]

    def model_rows(self, model: str, keep_reruns: bool) -> pd.DataFrame:
        rows = self._rows[keep_reruns]
        return rows[rows["model"] == model]

    def rows(self, state: ViewState) -> pd.DataFrame:
        """One model at one sequence, reruns handled as the state says."""
        return filter_sequence(self.model_rows(state.model, state.keep_reruns), state.sequence)

    def all_values(self, model: str, sequence: str) -> dict[str, Any]:
        rows = filter_sequence(self.frame[self.frame["model"] == model], sequence)
        return {d: tuple(sorted(rows[DIM_COLUMN[d]].unique())) for d in FILTER_DIMS}

    def initial_state(self) -> ViewState:
        """The request's choices (CLI flags) with defaults filled in; raises SelectionError."""
        sel, opts = self.request.selection, self.request.options
        model = match_model(self.frame, sel.model) if sel.model else default_model(self.frame)
        rows = self.frame[self.frame["model"] == model]
        sequence = sel.sequence or default_sequence(rows)
        filter_sequence(rows, sequence)  # raises with what is available
        values = self.all_values(model, sequence)
        for dim in FILTER_DIMS:
            wanted = tuple(normalise_value(dim, v) for v in getattr(sel, dim))
            if wanted:
                values[dim] = tuple(v for v in values[dim] if v in wanted) or wanted
        return ViewState(
            model=model,
            sequence=sequence,
            group_by=sel.group_by,
            targets=opts.targets,
            cost_model=opts.cost_model,
            keep_reruns=opts.keep_reruns,
            **values,
        )

    def with_model(self, state: ViewState, model: str) -> ViewState:
        rows = self.frame[self.frame["model"] == model]
        sequence = (
            state.sequence if state.sequence in self.sequences(model) else default_sequence(rows)
        )
        return replace(
            state, model=model, sequence=sequence, targets=None, **self.all_values(model, sequence)
        )

    def with_sequence(self, state: ViewState, sequence: str) -> ViewState:
        return replace(
            state, sequence=sequence, targets=None, **self.all_values(state.model, sequence)
        )

    def sequences(self, model: str) -> list[str]:
        from tui.core.select import sequences

        return sequences(self.frame[self.frame["model"] == model])

    def selection(self, state: ViewState) -> Selection:
        return Selection(
            model=state.model,
            sequence=state.sequence,
            group_by=state.group_by,
            strict=False,
            **state.chosen(),
        )

    def table(self, state: ViewState, problems: list[Problem] | None = None) -> Table:
        """The core's table for this state; raises SelectionError when nothing matches."""
        options = Options(state.targets, state.cost_model, state.keep_reruns)
        return compute(self.frame, self.selection(state), self.hardware, options, problems)


def next_cost_model(state: ViewState) -> ViewState:
    return replace(state, cost_model=cycle(COST_MODELS, state.cost_model))


def next_metric(state: ViewState, step: int = 1) -> ViewState:
    return replace(state, metric=cycle(METRIC_KEYS, state.metric, step))
