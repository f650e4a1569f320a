"""The explorer's state as one immutable value, and the loaded data it is read against.

No Textual here: the app reassigns a new ViewState and the widgets redraw, so this logic is
testable without a screen. The table is derived from the state and cached by the part of the
state that changes numbers: visual changes (metric, log scale, raw points) never recompute.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, fields, replace
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from tui.core.choices import Tally, all_values, model_counts, sequence_counts
from tui.core.dimensions import DIMENSIONS, Filters
from tui.core.hardware import COST_MODELS, HardwareTable
from tui.core.measures import CHART
from tui.core.schema import Problem
from tui.core.select import (
    Resolved,
    Selection,
    SelectionError,
    default_group_by,
    default_model,
    default_sequence,
    filter_sequence,
    match_model,
    narrow,
    pick,
    sequences,
)
from tui.core.series import FrontCache
from tui.core.table import Options, Shown, Table, shown, table_of
from tui.pipeline import Request

T = TypeVar("T")
CONSOLIDATE_ROWS = 100_000  # a bigger frame is not copied: its memory counts more
KEPT_SHOWN = 2  # filtered selections and their series (at 1M rows, tens of MB each)
KEPT = 8  # model/sequence slices remembered: going back to a recent one costs nothing

METRIC_KEYS = tuple(m.key for m in CHART if not m.optional)
VISUAL_FIELDS = frozenset({"metric", "log_y", "show_raw"})


@dataclass(frozen=True)
class ViewState:
    model: str
    sequence: str
    filters: Filters = field(default_factory=dict)  # dimension -> chosen values
    group_by: tuple[str, ...] | None = None  # None: the core's default grouping
    targets: tuple[float, ...] | None = None  # None: 25/50/75% of the shared range
    cost_model: str = "hyperscaler"
    metric: str = "tput_per_gpu"
    log_y: bool = False
    show_raw: bool = True
    keep_reruns: bool = False

    def chosen(self, dim: str) -> tuple[str, ...]:
        return tuple(self.filters.get(dim, ()))

    def with_filter(self, dim: str, values: tuple[str, ...]) -> ViewState:
        return replace(self, filters={**self.filters, dim: tuple(sorted(values))})

    def empty_dimension(self) -> str | None:
        """The first filter with nothing chosen: nothing can be shown until one is."""
        return next((d.name for d in DIMENSIONS if not self.chosen(d.name)), None)

    def rows_key(self) -> tuple[Any, ...]:
        """Everything that changes which rows are shown and how they are grouped (not the
        targets or the cost model: those are read from the same series)."""
        filters = tuple(sorted(self.filters.items()))
        return (self.model, self.sequence, filters, self.group_by, self.keep_reruns)

    def numbers_key(self) -> tuple[Any, ...]:
        """Everything that changes the numbers (not how the chart looks)."""
        return tuple(
            tuple(sorted(getattr(self, f.name).items()))
            if f.name == "filters"
            else getattr(self, f.name)
            for f in fields(self)
            if f.name not in VISUAL_FIELDS
        )


def cycle(options: tuple[str, ...], current: str, step: int = 1) -> str:
    return options[(options.index(current) + step) % len(options)]


def next_cost_model(state: ViewState) -> ViewState:
    return replace(state, cost_model=cycle(COST_MODELS, state.cost_model))


def next_metric(state: ViewState, step: int = 1, keys: tuple[str, ...] = METRIC_KEYS) -> ViewState:
    return replace(state, metric=cycle(keys, state.metric, step))


@dataclass(frozen=True)
class Outcome:
    """What a state shows: a table, or why there is none."""

    table: Table | None
    message: str = ""


class Session:
    """Loaded rows (reruns marked once) and what the screen needs from them, cached."""

    def __init__(
        self, frame: pd.DataFrame, request: Request, problems: list[Problem] | None = None
    ) -> None:
        if len(frame) <= CONSOLIDATE_ROWS:
            # One block per dtype instead of one per column: each slice the explorer makes
            # takes a few arrays, not fifty (~5 ms of working out the first view).
            frame = frame.copy()
        self.frame = frame
        self.request = request
        self.problems = list(problems or [])
        self.hardware: HardwareTable = request.hardware
        # Reruns set aside, as a mask: a copy of every later row would double a big load.
        old = frame["superseded"].to_numpy(bool) if "superseded" in frame else None
        self._old = old if old is not None else np.zeros(len(frame), dtype=bool)
        self._slices: dict[tuple[str, bool], pd.DataFrame] = {}
        # What one model at one sequence needs, worked out once: every later filter, target,
        # cost model or metric change works on these (DESIGN: work proportional to the screen).
        self._picked: dict[Hashable, Resolved] = {}  # rows and notes, before filters
        self._rows: dict[Hashable, pd.DataFrame] = {}  # by rerun mode too
        self._tallies: dict[Hashable, Tally] = {}  # sidebar counts' group-by
        self._sequences: dict[Hashable, dict[str, int]] = {}
        self._shown: dict[Hashable, Shown] = {}  # series by what picks their rows
        self._fronts: FrontCache = {}  # series whose rows are unchanged, with their frontiers
        self._counts: tuple[tuple[Any, ...], dict[str, Any]] | None = None
        self._models: dict[bool, dict[str, int]] = {}
        self.chart_keys = tuple(
            m.key
            for m in CHART
            if not m.optional or (m.base in frame and frame[m.base].notna().any())
        )
        """The chart's metrics: measured power only where some row has it."""
        self._outcome: tuple[tuple[Any, ...], Outcome] | None = None

    def model_rows(self, model: str, keep_reruns: bool = True) -> pd.DataFrame:
        """One model's rows, sliced once and kept: later changes work on the slice."""
        key = (model, keep_reruns)
        if key not in self._slices:
            wanted = (self.frame["model"] == model).to_numpy()
            self._slices[key] = self.frame[wanted if keep_reruns else wanted & ~self._old]
        return self._slices[key]

    def rows(self, state: ViewState) -> pd.DataFrame:
        """One model at one sequence, reruns handled as the state says."""
        model, sequence, keep = state.model, state.sequence, state.keep_reruns
        return remember(
            self._rows,
            (model, sequence, keep),
            lambda: filter_sequence(self.model_rows(model, keep), sequence),
        )

    def all_values(self, model: str, sequence: str) -> dict[str, tuple[str, ...]]:
        return all_values(filter_sequence(self.model_rows(model), sequence))

    def sequences(self, model: str) -> list[str]:
        return sequences(self.model_rows(model))

    def initial_state(self) -> ViewState:
        """The request's choices (CLI flags) with defaults filled in; raises SelectionError."""
        sel, opts = self.request.selection, self.request.options
        model = match_model(self.frame, sel.model) if sel.model else default_model(self.frame)
        rows = self.model_rows(model)
        sequence = sel.sequence or default_sequence(rows)
        values = all_values(filter_sequence(rows, sequence))  # raises with what is available
        for dim in DIMENSIONS:
            wanted = tuple(dim.normalise(v) for v in sel.chosen(dim.name))
            if wanted:
                values[dim.name] = tuple(v for v in values[dim.name] if v in wanted) or wanted
        return ViewState(
            model=model,
            sequence=sequence,
            filters=values,
            group_by=sel.group_by,
            targets=opts.targets,
            cost_model=opts.cost_model,
            keep_reruns=opts.keep_reruns,
        )

    def with_model(self, state: ViewState, model: str) -> ViewState:
        known = self.sequences(model)
        sequence = (
            state.sequence if state.sequence in known else default_sequence(self.model_rows(model))
        )
        return replace(
            state,
            model=model,
            sequence=sequence,
            targets=None,
            filters=self.all_values(model, sequence),
        )

    def with_sequence(self, state: ViewState, sequence: str) -> ViewState:
        return replace(
            state,
            sequence=sequence,
            targets=None,
            filters=self.all_values(state.model, sequence),
        )

    def refreshed(self, state: ViewState, before: Session) -> ViewState:
        """The same view on re-read data: filters that held every value take in new ones."""
        if state.model not in set(self.frame["model"].unique()):
            return self.initial_state()
        if state.sequence not in self.sequences(state.model):
            return self.with_model(state, state.model)
        old_all = before.all_values(state.model, state.sequence)
        new_all = self.all_values(state.model, state.sequence)
        filters = {}
        for dim in DIMENSIONS:
            chosen = state.chosen(dim.name)
            every = set(chosen) == set(old_all[dim.name])
            new = new_all[dim.name]
            filters[dim.name] = new if every else tuple(v for v in chosen if v in new)
        return replace(state, filters=filters)

    def selection(self, state: ViewState, strict: bool = False) -> Selection:
        return Selection(state.model, state.sequence, dict(state.filters), state.group_by, strict)

    def outcome(self, state: ViewState) -> Outcome:
        """The table for a state (cached by its numbers), or why nothing can be shown."""
        key = state.numbers_key()
        if self._outcome is None or self._outcome[0] != key:
            self._outcome = (key, self._compute(state))
        return self._outcome[1]

    def _compute(self, state: ViewState) -> Outcome:
        empty = state.empty_dimension()
        if empty:
            return Outcome(None, f"Nothing to show: choose at least one {empty} in the sidebar.")
        label = self.request.options.data_label
        options = Options(state.targets, state.cost_model, state.keep_reruns, label)
        try:
            # The model and sequence's rows, picked once: a change costs what is on screen.
            picked = remember(
                self._picked,
                (state.model, state.sequence),
                lambda: pick(self.model_rows(state.model), Selection(state.model, state.sequence)),
            )
            made = remember(
                self._shown,
                state.rows_key(),
                lambda: shown(
                    narrow(picked, self.selection(state)), state.keep_reruns, self._fronts
                ),
                KEPT_SHOWN,
            )
            table = table_of(made, self.hardware, options, self.problems)
        except SelectionError as exc:
            return Outcome(None, f"Nothing to show: {exc}.")
        return Outcome(table)

    def sidebar_counts(self, state: ViewState) -> dict[str, Any]:
        """What the sidebar lists: models, sequences and run counts per filter value.

        Cached like the table: a visual change (metric, log scale) counts nothing again, and
        the model list is counted once per rerun mode.
        """
        key = state.numbers_key()
        if self._counts is not None and self._counts[0] == key:
            return self._counts[1]
        outcome = self.outcome(state)
        rows = self.rows(state)
        group_by = outcome.table.group_by if outcome.table else state.group_by
        if state.keep_reruns not in self._models:
            kept = slice(None) if state.keep_reruns else ~self._old
            self._models[state.keep_reruns] = model_counts(self.frame.loc[kept, ["model"]])
        mode = (state.model, state.keep_reruns)
        tally = remember(
            self._tallies, (state.model, state.sequence, state.keep_reruns), lambda: Tally(rows)
        )
        made = {
            "models": self._models[state.keep_reruns],
            "sequences": remember(
                self._sequences, mode, lambda: sequence_counts(self.model_rows(*mode))
            ),
            "counts": tally.counts(state.filters),
            "group_by": group_by if group_by is not None else default_group_by(rows),
        }
        self._counts = (key, made)
        return made


def remember(cache: dict[Hashable, T], key: Hashable, make: Callable[[], T], kept: int = KEPT) -> T:
    """cache[key], made on first use; only the `kept` most recent keys are kept."""
    if key in cache:
        cache[key] = cache.pop(key)  # most recent last
    else:
        cache[key] = make()
        while len(cache) > kept:
            del cache[next(iter(cache))]
    return cache[key]
