"""The command palette: every key's action (from its binding), each metric and copy format."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding
from textual.markup import escape

from tui.app.keys import BINDINGS
from tui.core.dimensions import BY_NAME
from tui.core.export import OUTPUT_FORMATS
from tui.core.measures import CHART
from tui.core.text import inert

if TYPE_CHECKING:
    from tui.app.app import ParetopApp


def system_commands(app: ParetopApp) -> Iterator[SystemCommand]:
    for b in BINDINGS:
        if isinstance(b, Binding) and b.action not in ("quit", "help", "command_palette"):
            yield SystemCommand(b.description, b.tooltip, partial(app.run_action, b.action))
    for fmt in OUTPUT_FORMATS:
        yield SystemCommand(
            f"Copy table as {fmt.name}",
            f"To the clipboard via OSC 52: {fmt.description}",
            partial(app.action_copy_table, fmt.name),
        )
    yield from choices(app)
    keys = app.session.chart_keys if app.session else ()
    for metric in (m for m in CHART if m.key in keys):
        yield SystemCommand(
            f"Chart: {metric.title}",
            "Show this metric on the y axis",
            partial(app.action_set_metric, metric.key),
        )


def shown(text: str) -> str:
    """A name from the data in a palette entry: control characters visible, markup inert."""
    return escape(inert(text))


def choices(app: ParetopApp) -> Iterator[SystemCommand]:
    """Every model, sequence and filter value by name: type a few letters to jump there."""
    state, session = app.state, app.session
    if state is None or session is None:
        return
    for model in session.sidebar_counts(state)["models"]:
        yield SystemCommand(
            f"Model: {shown(model)}", "Show this model", partial(app.choose_model, model)
        )
    for sequence in session.sequences(state.model):
        yield SystemCommand(
            f"Sequence: {shown(sequence)}",
            "Input/output lengths",
            partial(app.choose_sequence, sequence),
        )
    for dim, values in session.all_values(state.model, state.sequence).items():
        title = BY_NAME[dim].title
        for value in values:
            on = value in state.chosen(dim)
            yield SystemCommand(
                f"{title}: {shown(BY_NAME[dim].display(value))} ({'shown' if on else 'hidden'})",
                f"{'Hide' if on else 'Show'} these runs",
                partial(app.toggle_value, dim, value),
            )
