"""The explorer's core: its state, and how a state becomes a screen. All numbers come from
tui.core; the key actions (keys.py) and the app itself (app.py) build on this."""

from __future__ import annotations

from textual.app import App
from textual.message import Message
from textual.reactive import var
from textual.widgets import Static

from tui.app.chart import ChartPanel
from tui.app.metrics_pane import MetricsPane
from tui.app.sidebar import Sidebar, SidebarView
from tui.app.state import Explorer, ViewState, only_visual
from tui.core.choices import counts, model_counts, sequence_counts
from tui.core.request import Request
from tui.core.schema import Problem
from tui.core.select import DEFAULT_GROUP_BY, SelectionError
from tui.core.table import Table
from tui.loaders import LoadResult


class Loaded(Message):
    def __init__(self, result: LoadResult, reload: bool = False) -> None:
        super().__init__()
        self.result = result
        self.reload = reload


class Progress(Message):
    def __init__(self, done: int, total: int, name: str) -> None:
        super().__init__()
        self.done, self.total, self.name = done, total, name


class ExplorerBase(App[None]):
    state: var[ViewState | None] = var(None)
    """What is shown. Reassigned (never mutated) so the watcher redraws."""

    def __init__(self, request: Request) -> None:
        super().__init__()
        self.request = request
        self.explorer: Explorer | None = None
        self.table: Table | None = None
        self.problems: list[Problem] = []

    # --- drawing -------------------------------------------------------------------------

    def watch_state(self, old: ViewState | None, new: ViewState | None) -> None:
        if new is None or self.explorer is None:
            return
        if old is not None and self.table is not None and only_visual(old, new):
            self.replot()
            return
        self.recompute(new)

    def recompute(self, state: ViewState) -> None:
        """New numbers for a state; the sidebar is rebuilt once, after them."""
        assert self.explorer is not None
        empty = state.empty_dimension()
        self.table, problem = None, None
        if empty:
            problem = f"Nothing to show: choose at least one {empty} in the sidebar."
        else:
            try:
                self.table = self.explorer.table(state, self.problems)
            except SelectionError as exc:
                problem = f"Nothing to show: {exc}."
        self.update_sidebar(state)
        if self.table is None:
            self.show_message(problem or "Nothing to show.")
            return
        self.replot()
        self.query_one(MetricsPane).show(self.table)

    def update_sidebar(self, state: ViewState) -> None:
        assert self.explorer is not None
        explorer = self.explorer
        rows = explorer.rows(state)
        group_by = state.group_by if state.group_by is not None else DEFAULT_GROUP_BY
        if self.table is not None:
            group_by = self.table.group_by
        view = SidebarView(
            models=model_counts(explorer.all_rows(state.keep_reruns)),
            model=state.model,
            sequences=sequence_counts(explorer.model_rows(state.model, state.keep_reruns)),
            sequence=state.sequence,
            counts=counts(rows, state.chosen()),
            chosen=state.chosen(),
            group_by=group_by,
        )
        self.query_one(Sidebar).show(view)

    def replot(self) -> None:
        state, table = self.state, self.table
        if state is None or table is None or self.explorer is None:
            return
        hidden = self.query_one(Sidebar).has_class("-hidden")
        self.query_one("#status", Static).update(
            f"{'s: filters · ' if hidden else ''}{table.model} {table.sequence} · "
            f"{state.cost_model} cost · {', '.join(table.sources)}"
        )
        self.sub_title = f"{table.model} {table.sequence}"
        chart = self.query_one(ChartPanel)
        chart.replot(table, state.metric, self.explorer.hardware, state.log_y, state.show_raw)

    def show_message(self, text: str) -> None:
        self.table = None
        self.query_one("#status", Static).update(text)
        self.query_one(ChartPanel).show_message(text)
        self.query_one(MetricsPane).show_message(text)
