"""The data's one way: a request -> load (tui.loaders) -> select and compute (tui.core).

The layer above core and loaders: the CLI and the TUI both go through here, so they agree on
parsing, defaults and errors, and core never needs to know where rows came from.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tui.core.derived import with_measured_power
from tui.core.dimensions import BY_NAME, DIMENSIONS
from tui.core.hardware import HardwareTable, build_table
from tui.core.reruns import superseded
from tui.core.schema import Problem
from tui.core.select import Selection, SelectionError, parse_group_by
from tui.core.table import Options, Table, compute
from tui.core.targets import format_target, parse_targets
from tui.loaders import LoadResult, Progress, load_bundled, load_paths
from tui.remote.source import DataSource, SourceError, choose_data


class RequestError(ValueError):
    """Bad input from the user: a one-line message, never a traceback."""


@dataclass(frozen=True)
class Request:
    paths: tuple[Path, ...]
    selection: Selection
    options: Options
    hardware: HardwareTable
    constant_flags: tuple[str, ...] = field(default=())  # --gpu-*/--config, to reproduce the view
    metadata: dict[str, str] = field(default_factory=dict)  # --set key=value for raw files
    watch: bool = False  # the explorer re-reads the paths when files appear or change
    ascii: bool = False  # draw only ASCII (terminals or locales without the glyphs)
    data: DataSource | None = None  # without paths: the bundled or the pulled data, and its label
    cache: bool = False  # read and fill the parsed-results cache (the CLI's default)


def build_request(
    paths: Iterable[Path] = (),
    model: str | None = None,
    sequence: str | None = None,
    filters: Mapping[str, Iterable[str]] | None = None,
    group_by: str | None = None,
    targets: str | None = None,
    cost_model: str = "hyperscaler",
    gpu_cost: Iterable[str] = (),
    gpu_kw: Iterable[str] = (),
    config: Path | None = None,
    keep_reruns: bool = False,
    sets: Iterable[str] = (),
    watch: bool = False,
    source: str | None = None,
    cache: bool = False,
) -> Request:
    paths = tuple(paths)
    try:
        data = choose_data(paths, source)
        metadata = _parse_sets(tuple(sets))
        groups = parse_group_by(group_by) if group_by else None
        wanted = tuple(parse_targets(targets)) if targets else None
        table = build_table(config, list(gpu_cost), list(gpu_kw), cost_model)
    except (ValueError, SelectionError, SourceError) as exc:
        raise RequestError(str(exc)) from None
    flags = [f"--gpu-cost {shlex.quote(v)}" for v in gpu_cost]
    flags += [f"--gpu-kw {shlex.quote(v)}" for v in gpu_kw]
    if config:
        flags.append(f"--config {shlex.quote(str(config))}")
    flags += [f"--set {shlex.quote(f'{k}={v}')}" for k, v in metadata.items()]
    chosen = {d: tuple(v) for d, v in (filters or {}).items() if tuple(v)}
    unknown = sorted(set(chosen) - set(BY_NAME))
    if unknown:
        raise RequestError(f"unknown filter {', '.join(unknown)}")
    sel = Selection(model, sequence, chosen, groups)
    label = data.label if data is not None else None
    opts = Options(wanted, cost_model, keep_reruns, label)
    return Request(paths, sel, opts, table, tuple(flags), metadata, watch, data=data, cache=cache)


def _parse_sets(sets: tuple[str, ...]) -> dict[str, str]:
    """--set KEY=VALUE flags (the metadata reader comes with the file readers: only if given)."""
    if not sets:
        return {}
    from tui.loaders.meta import parse_sets

    return parse_sets(sets)


def read(
    request: Request, progress: Progress | None = None, settle_s: float | None = None
) -> LoadResult:
    """The request's files (or the bundled data), reruns marked once for every later step."""
    if request.paths:
        result = load_paths(request.paths, progress, request.metadata, settle_s, request.cache)
    elif request.data is not None and request.data.latest is not None:
        result = load_paths([request.data.latest], progress)
    else:
        result = load_bundled(progress)
    result.frame = with_measured_power(result.frame)
    result.frame["superseded"] = superseded(result.frame)
    return result


def read_history(request: Request, progress: Progress | None = None) -> LoadResult:
    """Rows for the history view: as read(), but pulled data brings its history too."""
    if not request.paths and request.data is not None and request.data.root is not None:
        result = load_paths([request.data.root], progress)
        result.frame = with_measured_power(result.frame)
        return result
    return read(request, progress)


def load(request: Request) -> tuple[pd.DataFrame, list[Problem]]:
    """Load the request's paths (or the bundled data). Returns (frame, problems)."""
    result = read(request)
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
    if request.data is not None and request.data.kind == "pulled":
        parts += ["--source", "pulled"]
    parts += ["--model", shlex.quote(table.model), "--sequence", shlex.quote(table.sequence)]
    for dim in DIMENSIONS:
        if sel.chosen(dim.name):
            parts += [dim.flag, shlex.quote(",".join(sel.chosen(dim.name)))]
    parts += ["--group-by", shlex.quote(",".join(table.group_by))]
    parts += ["--targets", shlex.quote(",".join(format_target(t) for t in table.targets))]
    if request.options.cost_model != "hyperscaler":
        parts += ["--cost-model", shlex.quote(request.options.cost_model)]
    if request.options.keep_reruns:
        parts.append("--keep-reruns")
    parts += list(request.constant_flags)
    return " ".join(parts)
