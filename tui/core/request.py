"""A user's request (paths, selection, options) as one value, built from CLI-style input.

The CLI and the TUI both go through here, so they agree on parsing, defaults and errors.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tui.core.hardware import HardwareTable, build_table
from tui.core.schema import Problem
from tui.core.select import Selection, SelectionError, parse_group_by
from tui.core.table import Options, Table, compute
from tui.core.targets import format_target, parse_targets


class RequestError(ValueError):
    """Bad input from the user: a one-line message, never a traceback."""


@dataclass(frozen=True)
class Request:
    paths: tuple[Path, ...]
    selection: Selection
    options: Options
    hardware: HardwareTable
    overrides: tuple[str, ...] = field(default=())  # the --gpu-*/--config flags, to reproduce
    sets: dict[str, str] = field(default_factory=dict)  # --set key=value metadata for raw files
    watch: bool = False  # the explorer re-reads the paths when files appear or change


def build_request(
    paths: Iterable[Path] = (),
    model: str | None = None,
    sequence: str | None = None,
    hardware: tuple[str, ...] = (),
    precision: tuple[str, ...] = (),
    framework: tuple[str, ...] = (),
    spec: tuple[str, ...] = (),
    group_by: str | None = None,
    targets: str | None = None,
    cost_model: str = "hyperscaler",
    gpu_cost: Iterable[str] = (),
    gpu_kw: Iterable[str] = (),
    config: Path | None = None,
    keep_reruns: bool = False,
    sets: Iterable[str] = (),
    watch: bool = False,
) -> Request:
    from tui.loaders.meta import parse_sets

    try:
        metadata = parse_sets(tuple(sets))
        groups = parse_group_by(group_by) if group_by else None
        wanted = tuple(parse_targets(targets)) if targets else None
        table = build_table(config, list(gpu_cost), list(gpu_kw), cost_model)
    except (ValueError, SelectionError) as exc:
        raise RequestError(str(exc)) from None
    overrides = [f"--gpu-cost {shlex.quote(v)}" for v in gpu_cost]
    overrides += [f"--gpu-kw {shlex.quote(v)}" for v in gpu_kw]
    if config:
        overrides.append(f"--config {shlex.quote(str(config))}")
    overrides += [f"--set {shlex.quote(f'{k}={v}')}" for k, v in metadata.items()]
    sel = Selection(model, sequence, hardware, precision, framework, spec, groups)
    opts = Options(targets=wanted, cost_model=cost_model, keep_reruns=keep_reruns)
    return Request(tuple(paths), sel, opts, table, tuple(overrides), metadata, watch)


def load(request: Request) -> tuple[pd.DataFrame, list[Problem]]:
    """Load the request's paths (or the bundled data). Returns (frame, problems)."""
    from tui.loaders import load_bundled, load_paths

    result = load_paths(request.paths, overrides=request.sets) if request.paths else load_bundled()
    if result.frame.empty:
        detail = "; ".join(str(p) for p in result.problems[:5]) or "no result files found"
        raise RequestError(f"no benchmark rows could be read ({detail})")
    return result.frame, result.problems


def run_request(request: Request) -> tuple[Table, list[Problem]]:
    frame, problems = load(request)
    try:
        table = compute(frame, request.selection, request.hardware, request.options, problems)
    except SelectionError as exc:
        raise RequestError(str(exc)) from None
    return table, problems


def command_line(request: Request, table: Table) -> str:
    """The `paretop table ...` command that reproduces a view, for a teammate.

    Every value is shell-quoted: names come from files and flags, and a pasted command must
    never run `$(...)` or split on a space.
    """
    sel = request.selection
    parts = ["paretop", "table", *(shlex.quote(str(p)) for p in request.paths)]
    parts += ["--model", shlex.quote(table.model), "--sequence", shlex.quote(table.sequence)]
    for flag, values in (
        ("--hardware", sel.hardware),
        ("--precision", sel.precision),
        ("--framework", sel.framework),
        ("--spec", sel.spec),
    ):
        if values:
            parts += [flag, shlex.quote(",".join(values))]
    parts += ["--group-by", shlex.quote(",".join(table.group_by))]
    parts += ["--targets", shlex.quote(",".join(format_target(t) for t in table.targets))]
    if request.options.cost_model != "hyperscaler":
        parts += ["--cost-model", shlex.quote(request.options.cost_model)]
    if request.options.keep_reruns:
        parts.append("--keep-reruns")
    parts += list(request.overrides)
    return " ".join(parts)
