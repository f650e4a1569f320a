"""The metrics table: what `paretop table` prints and the TUI shows, computed once here."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from tui.core import compare
from tui.core.advice import missing_notes
from tui.core.hardware import HardwareTable
from tui.core.measures import OUTPUT_TABLE, OUTPUT_TPUT, TABLE, TPUT, Metric
from tui.core.reruns import drop_reruns
from tui.core.schema import KIND_PUBLISHED, Problem
from tui.core.select import Resolved, Selection, SelectionError, resolve
from tui.core.series import FrontCache, Point, Series, build_series, values_at
from tui.core.targets import RULE_MOST, default_targets, format_target, target_range


@dataclass(frozen=True)
class Options:
    targets: tuple[float, ...] | None = None
    cost_model: str = "hyperscaler"
    keep_reruns: bool = False
    data_label: str | None = None  # where the rows came from, when not the user's own files


@dataclass(frozen=True, eq=False)  # compared by identity: it holds DataFrames
class Table:
    model: str
    sequence: str
    group_by: tuple[str, ...]
    cost_model: str
    targets: list[float]
    series: list[Series]
    values: list[list[Point]]  # values[series][target]
    sentences: list[str]
    notes: list[str]
    reruns_dropped: int
    problems: list[Problem] = field(default_factory=list)
    data_label: str | None = None

    @property
    def metrics(self) -> tuple[Metric, ...]:
        """The table's rows: total-token metrics, or output-token ones when totals are unknown."""
        output = bool(self.series) and self.series[0].basis == OUTPUT_TPUT
        return OUTPUT_TABLE if output else TABLE

    @property
    def sources(self) -> list[str]:
        """What kind of data this is: the bundled snapshot, a published summary, user files."""
        out: set[str] = set()
        for s in self.series:  # each series' kinds of row worked out once (series.origins)
            for origin in s.origins:
                if origin == KIND_PUBLISHED:
                    out.add("published summary")
                elif self.data_label:
                    out.add(self.data_label)  # "InferenceX, pulled 2026-11-30", ...
                else:
                    out.add(origin)
        return sorted(out)


def choose_targets(
    series: list[Series], wanted: tuple[float, ...] | None
) -> tuple[list[float], list[str]]:
    """User targets as given; else 25/50/75% of the shared range (with a note if there is none).

    A user target outside every series' frontier would be a column of "—": it is an error
    that says the range instead.
    """
    ranges = [s.x_range for s in series if s.front_size]
    if wanted:
        if ranges:
            low, high = min(r[0] for r in ranges), max(r[1] for r in ranges)
            off = [t for t in wanted if not low * (1 - 1e-9) <= t <= high * (1 + 1e-9)]
            if off:
                raise SelectionError(
                    f"target {', '.join(format_target(t) for t in off)} tok/s/user is outside "
                    f"every series' frontier ({low:.4g}–{high:.4g} tok/s/user)"
                )
        return list(wanted), []
    found = target_range([s.x_range for s in series])
    if not ranges or found is None:
        return [], ["No series has per-GPU throughput, so there is nothing to interpolate."]
    notes = []
    if found.rule == RULE_MOST:
        left = [series[i].label for i in found.outside if series[i].front_size]
        notes.append(
            "The series' interactivity ranges do not all overlap: default targets are 25/50/75% "
            f"of the range most of them cover ({found.low:.4g}–{found.high:.4g} tok/s/user); "
            f"outside it: {', '.join(left)}."
        )
    return default_targets(found.low, found.high), notes


def _sentences(series: list[Series], values: list[list[Point]], targets: list[float]) -> list[str]:
    names = [s.label for s in series]
    output = bool(series) and series[0].basis == OUTPUT_TPUT
    tput, cost_key = (
        ("output_tput_per_gpu", "output_cost_per_mtok") if output else (TPUT, "cost_per_mtok")
    )
    unit = "output tok/s/GPU" if output else "tok/s/GPU"
    out: list[str] = []
    for i, target in enumerate(targets):
        tputs = [v[i].values[tput] for v in values]
        line = compare.tput_sentence(names, tputs, target, unit)
        cost = compare.cost_sentence(names, [v[i].values[cost_key] for v in values])
        out.append(" ".join(x for x in (line, cost) if x))
    caution = compare.engine_caution([s.frameworks for s in series])
    if caution:
        out.append(caution)
    return out


def _notes(series: list[Series], targets: list[float], dropped: int) -> list[str]:
    notes: list[str] = []
    if dropped:
        notes.append(
            f"{dropped} rerun rows set aside (same configuration measured again; the latest run "
            "counts). Use --keep-reruns to pool them."
        )
    if series and series[0].basis == OUTPUT_TPUT:
        notes.append(
            "No run has total-token throughput (the files give no input lengths), so the table "
            "shows output-token throughput, cost and power."
        )
    for s in series:
        if not s.front_size:
            notes.append(f"{s.label}: {_why_no_curve(s)}, so no values.")
            continue
        low, high = s.x_range
        outside = [format_target(t) for t in targets if not low <= t <= high]
        if s.front_size == 1:
            notes.append(
                f"{s.label}: one run on its frontier — a point, not a curve: it has a value only "
                f"at {format_target(low)} tok/s/user."
            )
        elif outside:
            notes.append(
                f"{s.label}: no value at {', '.join(outside)} tok/s/user — its frontier spans "
                f"{low:.4g}–{high:.4g}, and paretop does not extrapolate."
            )
        if len(s.hardware) > 1:
            notes.append(f"{s.label} pools {', '.join(s.hardware)}: no single cost or power.")
    published = [s.label for s in series if s.published]
    if published:
        notes.append(
            f"{', '.join(published)}: published summary points (already interpolated by the "
            "source, engine unspecified), not raw runs."
        )
    return notes


def _elsewhere(sizes: dict[str, int]) -> list[str]:
    """Runs of this model at other sequences are never hidden without a word."""
    if not sizes:
        return []
    listed = ", ".join(f"{label} ({n})" for label, n in sizes.items())
    return [
        f"{sum(sizes.values())} more runs of this model are at other sequences: {listed}; "
        "choose one with --sequence (or in the sidebar)."
    ]


def _other_models(sizes: dict[str, int], data_label: str | None) -> list[str]:
    """In the user's own files, runs of other models are named, never dropped silently."""
    if not sizes or data_label is not None:  # bundled or pulled data: every model is listed
        return []
    listed = ", ".join(f"{name} ({n})" for name, n in sizes.items())
    return [f"These files also hold other models: {listed}; choose one with --model."]


def _why_no_curve(series: Series) -> str:
    """Why a series has no frontier: no GPU count, or no throughput of the kind shown."""
    if series.rows["num_gpus"].isna().all():
        return "no per-GPU throughput (GPU count unknown)"
    return f"no {'output-token' if series.basis == OUTPUT_TPUT else 'total-token'} throughput"


def compute(
    frame: pd.DataFrame,
    selection: Selection,
    hardware: HardwareTable,
    options: Options = Options(),
    problems: list[Problem] | None = None,
    cache: FrontCache | None = None,
) -> Table:
    """Selection -> series -> frontier -> values at targets -> sentences. Raises SelectionError.

    `cache` keeps each series' frontiers and splines between calls (the explorer passes one).
    """
    return tabulate(resolve(frame, selection), hardware, options, problems, cache)


def tabulate(
    resolved: Resolved,
    hardware: HardwareTable,
    options: Options = Options(),
    problems: list[Problem] | None = None,
    cache: FrontCache | None = None,
) -> Table:
    """The table of rows already selected (see compute)."""
    return table_of(shown(resolved, options.keep_reruns, cache), hardware, options, problems)


@dataclass(frozen=True, eq=False)  # compared by identity: it holds DataFrames
class Shown:
    """A selection's rows (reruns set aside or not) and their series: what targets, cost
    models and metrics are then read from, so the explorer keeps it while only they change."""

    resolved: Resolved  # without its rows: each series holds its own
    dropped: int
    series: list[Series]
    missing: list[str]  # what the rows do not say (missing_notes)


def shown(resolved: Resolved, keep_reruns: bool, cache: FrontCache | None = None) -> Shown:
    rows, dropped = (resolved.rows, 0) if keep_reruns else drop_reruns(resolved.rows)
    series = build_series(rows, resolved.group_by, cache)
    # Not the selection's rows themselves: the explorer keeps Shown values, and a copy of the
    # rows in each was tens of MB at a million rows.
    bare = replace(resolved, rows=resolved.rows.iloc[:0])
    return Shown(bare, dropped, series, missing_notes(rows))


def table_of(
    made: Shown,
    hardware: HardwareTable,
    options: Options = Options(),
    problems: list[Problem] | None = None,
) -> Table:
    """The table of a selection's series at the options' targets and cost model."""
    resolved, dropped, series = made.resolved, made.dropped, made.series
    targets, notes = choose_targets(series, options.targets)
    values = [values_at(s, targets, hardware, options.cost_model) for s in series]
    for s in series:
        for gpu in s.hardware:
            # "unknown" (not given by the files) is explained by the metadata notes instead
            if gpu not in hardware.gpus and gpu != "unknown" and len(s.hardware) == 1:
                notes.append(
                    f"{gpu}: no cost or power constants known (set them with --gpu-cost/--gpu-kw)."
                )
    return Table(
        model=resolved.model,
        sequence=resolved.sequence,
        group_by=resolved.group_by,
        cost_model=options.cost_model,
        targets=targets,
        series=series,
        values=values,
        sentences=_sentences(series, values, targets),
        notes=notes
        + _notes(series, targets, dropped)
        + made.missing
        + _elsewhere(resolved.elsewhere)
        + _other_models(resolved.other_models, options.data_label),
        reruns_dropped=dropped,
        problems=list(problems or []),
        data_label=options.data_label,
    )
