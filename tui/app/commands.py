"""The command palette: every key's action (from its binding), each metric and copy format."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding

from tui.app.keys import BINDINGS
from tui.core.export import OUTPUT_FORMATS
from tui.core.measures import CHART

if TYPE_CHECKING:
    from tui.app.app import ParetopApp


def system_commands(app: ParetopApp) -> Iterator[SystemCommand]:
    for b in BINDINGS:
        if isinstance(b, Binding) and b.action not in ("quit", "help"):
            yield SystemCommand(b.description, b.tooltip, partial(app.run_action, b.action))
    for fmt in OUTPUT_FORMATS:
        yield SystemCommand(
            f"Copy table as {fmt.name}",
            f"To the clipboard via OSC 52: {fmt.description}",
            partial(app.action_copy_table, fmt.name),
        )
    for metric in CHART:
        yield SystemCommand(
            f"Chart: {metric.title}",
            "Show this metric on the y axis",
            partial(app.action_set_metric, metric.key),
        )
