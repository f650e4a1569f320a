"""The metrics table: what `paretop table` prints and the TUI shows, computed once here."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from tui.core import compare
from tui.core.advice import missing_notes
from tui.core.hardware import HardwareTable
from tui.core.reruns import drop_reruns
from tui.core.schema import KIND_PUBLISHED, Problem
from tui.core.select import Selection, SelectionError, resolve
from tui.core.series import Point, Series, build_series, values_at
from tui.core.targets import default_targets, format_target, shared_range


@dataclass(frozen=True)
class Options:
    targets: tuple[float, ...] | None = None
    cost_model: str = "hyperscaler"
    keep_reruns: bool = False


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

    @property
    def sources(self) -> list[str]:
        """What kind of data this is: the bundled snapshot, a published summary, user files."""
        out: set[str] = set()
        for s in self.series:
            for src, kind in zip(s.rows["source"], s.rows["kind"], strict=True):
                if kind == KIND_PUBLISHED:
                    out.add("published summary")
                elif str(src).startswith("bundled:"):
                    out.add("bundled InferenceMAX snapshot")
                else:
                    out.add("your files")
        return sorted(out)


def choose_targets(
    series: list[Series], wanted: tuple[float, ...] | None
) -> tuple[list[float], list[str]]:
    """User targets as given; else 25/50/75% of the shared range (with a note if there is none).

    A user target outside every series' frontier would be a column of "—": it is an error
    that says the range instead.
    """
    ranges = [s.x_range for s in series if not s.front.empty]
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
    if not ranges:
        return [], ["No series has per-GPU throughput, so there is nothing to interpolate."]
    shared = shared_range(ranges)
    if shared is not None:
        return default_targets(*shared), []
    note = (
        "The series' interactivity ranges do not overlap; default targets span all of them, "
        "so some cells are empty."
    )
    return default_targets(min(r[0] for r in ranges), max(r[1] for r in ranges)), [note]


def _sentences(series: list[Series], values: list[list[Point]], targets: list[float]) -> list[str]:
    names = [s.label for s in series]
    out: list[str] = []
    for i, target in enumerate(targets):
        tputs = [v[i].values["tput_per_gpu"] for v in values]
        line = compare.tput_sentence(names, tputs, target)
        cost = compare.cost_sentence(names, [v[i].values["cost_per_mtok"] for v in values])
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
    for s in series:
        if s.front.empty:
            notes.append(f"{s.label}: no per-GPU throughput (GPU count unknown), so no values.")
            continue
        low, high = s.x_range
        outside = [format_target(t) for t in targets if not low <= t <= high]
        if outside:
            notes.append(
                f"{s.label}: no value at {', '.join(outside)} tok/s/user — its frontier spans "
                f"{low:.1f}–{high:.1f}, and paretop does not extrapolate."
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


def compute(
    frame: pd.DataFrame,
    selection: Selection,
    hardware: HardwareTable,
    options: Options = Options(),
    problems: list[Problem] | None = None,
) -> Table:
    """Selection -> series -> frontier -> values at targets -> sentences. Raises SelectionError."""
    resolved = resolve(frame, selection)
    rows, dropped = (resolved.rows, 0) if options.keep_reruns else drop_reruns(resolved.rows)
    series = build_series(rows, resolved.group_by)
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
        notes=notes + _notes(series, targets, dropped) + missing_notes(rows),
        reruns_dropped=dropped,
        problems=list(problems or []),
    )
