"""The command palette: every action by name, plus each chart metric and copy format."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from tui.core.curves import CHART_METRICS

if TYPE_CHECKING:
    from tui.app.app import ParetopApp


def system_commands(app: ParetopApp) -> Iterator[SystemCommand]:
    yield SystemCommand("Next metric", "Cycle the chart's y metric", app.action_next_metric)
    yield SystemCommand("Toggle log-y", "Logarithmic y axis", app.action_toggle_log)
    yield SystemCommand("Toggle raw runs", "Show every run as a faint point", app.action_toggle_raw)
    yield SystemCommand(
        "Edit targets", "Interactivity targets, e.g. 30,50,70", app.action_edit_targets
    )
    yield SystemCommand(
        "Next cost model", "hyperscaler, neocloud, rental", app.action_next_cost_model
    )
    for fmt in ("markdown", "csv", "tsv", "plain"):
        yield SystemCommand(
            f"Copy table as {fmt}",
            "To the clipboard via OSC 52",
            partial(app.action_copy_table, fmt),
        )
    yield SystemCommand("Export table to a file", "Markdown and CSV files", app.action_export)
    yield SystemCommand(
        "Copy command line", "The paretop table command for this view", app.action_copy_command
    )
    yield SystemCommand(
        "Inspect runs", "A series' runs, frontier points starred", app.action_inspect
    )
    yield SystemCommand(
        "Show load problems", "Files or rows that could not be read", app.action_problems
    )
    yield SystemCommand("Toggle sidebar", "More room for the chart", app.action_toggle_sidebar)
    yield SystemCommand(
        "Toggle reruns", "Pool reruns instead of keeping the latest", partial(_reruns, app)
    )
    for metric in CHART_METRICS:
        yield SystemCommand(
            f"Chart: {metric.title}",
            "Show this metric on the y axis",
            partial(_metric, app, metric.key),
        )


def _metric(app: ParetopApp, key: str) -> None:
    if app.state is not None:
        app.state = replace(app.state, metric=key)


def _reruns(app: ParetopApp) -> None:
    if app.state is not None:
        app.state = replace(app.state, keep_reruns=not app.state.keep_reruns)
        app.notify("Reruns pooled" if app.state.keep_reruns else "Latest run only")
