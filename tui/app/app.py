"""The explorer app: layout, loading in a worker, watching folders, sidebar changes."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Static
from textual.worker import Worker, WorkerState

from tui.app.base import Loaded, Progress
from tui.app.chart import ChartPanel
from tui.app.commands import system_commands
from tui.app.keys import KeyActions
from tui.app.metrics_pane import MetricsPane
from tui.app.sidebar import Sidebar
from tui.app.state import Explorer
from tui.app.watch import SETTLE_S, Watcher
from tui.core.request import Request
from tui.core.select import DIMENSIONS, SelectionError
from tui.loaders import LoadResult, load_bundled, load_paths


class ParetopApp(KeyActions):
    CSS_PATH = "paretop.tcss"
    TITLE = "paretop"

    def __init__(self, request: Request) -> None:
        super().__init__(request)
        self.watcher: Watcher | None = None
        self._watch_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield Sidebar(id="sidebar")
            with Vertical(id="main"):
                yield Static("Loading…", id="status")
                yield ChartPanel(id="chart")
                yield MetricsPane(id="table-pane")
        yield Footer(compact=True, show_command_palette=False)

    NARROW = 100
    """Below this many columns the sidebar starts hidden so the table's targets fit."""

    def on_mount(self) -> None:
        self.query_one("#main").loading = True
        self.query_one(Sidebar).set_class(self.size.width < self.NARROW, "-hidden")
        self.load_data()
        # Series colours come from the theme: a new theme redraws the chart with its colours.
        self.theme_changed_signal.subscribe(self, lambda _theme: self.replot())
        if self.request.watch:
            self.action_toggle_watch()

    # --- loading -------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load_data(self) -> None:
        def progress(done: int, total: int, name: str) -> None:
            self.post_message(Progress(done, total, name))

        paths, sets = self.request.paths, self.request.sets
        settle = SETTLE_S if self.request.watch else None
        if not paths:
            self.post_message(Loaded(load_bundled(progress)))
            return
        self.post_message(Loaded(load_paths(paths, progress, sets, settle)))

    def on_progress(self, message: Progress) -> None:
        self.query_one("#status", Static).update(
            f"Loading {message.done + 1}/{message.total}: {message.name}"
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.query_one("#main").loading = False
            self.notify(f"Loading failed: {event.worker.error}", severity="error", timeout=15)

    def on_loaded(self, message: Loaded) -> None:
        self.query_one("#main").loading = False
        result = message.result
        if self.watcher is not None:
            self.watcher.loaded(result.pending)
        if message.reload and self.explorer is not None and self.state is not None:
            self.reloaded(result)
            return
        self.problems = result.problems
        if self.problems:
            names = sorted({p.path for p in self.problems})
            self.notify(
                f"{len(self.problems)} load problems in {len(names)} files (press ! to list). "
                "Good rows are still shown.",
                severity="warning",
                timeout=10,
            )
        if result.frame.empty:
            self.show_message("No benchmark rows could be read. Press ! for the reasons.")
            return
        self.explorer = Explorer(result.frame, self.request)
        try:
            self.state = self.explorer.initial_state()
        except SelectionError as exc:
            self.notify(f"{exc}. Showing the defaults instead.", severity="error", timeout=15)
            self.explorer.request = replace(self.request, selection=type(self.request.selection)())
            self.state = self.explorer.initial_state()

    # --- watching ------------------------------------------------------------------------

    def action_toggle_watch(self) -> None:
        if not self.request.paths:
            self.notify(
                "Watch follows your result folders: start paretop with PATHS.", severity="warning"
            )
            return
        if self._watch_timer is not None:
            self._watch_timer.stop()
            self._watch_timer, self.watcher = None, None
            self.notify("Stopped watching.")
            return
        self.request = replace(self.request, watch=True)
        self.watcher = Watcher(self.request.paths)
        self.watcher.prime()
        self._watch_timer = self.set_interval(1.0, self.poll_watch)
        self.notify(f"Watching {', '.join(map(str, self.request.paths))} for new results.")

    @work(thread=True, exclusive=True, group="watch")
    def poll_watch(self) -> None:
        if self.watcher is not None and self.watcher.due():
            result = load_paths(self.request.paths, None, self.request.sets, SETTLE_S)
            self.post_message(Loaded(result, reload=True))

    def reloaded(self, result: LoadResult) -> None:
        assert self.explorer is not None and self.state is not None
        before, old_rows = self.explorer, len(self.explorer.frame)
        new_problems = {str(p) for p in result.problems} - {str(p) for p in self.problems}
        self.problems = result.problems
        if result.frame.empty:
            return
        self.explorer = Explorer(result.frame, self.request)
        self.table = None  # force a recompute even if the state is unchanged
        state = self.explorer.refreshed(self.state, before)
        if state == self.state:
            self.recompute(state)
        self.state = state
        added = len(result.frame) - old_rows
        waiting = (
            f"; waiting for {len(result.pending)} file(s) still being written"
            if result.pending
            else ""
        )
        self.notify(f"Re-read: {len(result.frame)} rows ({added:+d}){waiting}.")
        if new_problems:
            self.notify(f"{len(new_problems)} new load problems (press !).", severity="warning")

    # --- sidebar -------------------------------------------------------------------------

    def on_sidebar_changed(self, message: Sidebar.Changed) -> None:
        """A control changed: the new state (if it differs) redraws what it touches."""
        state, explorer = self.state, self.explorer
        if state is None or explorer is None:
            return
        field, value = message.field, message.value
        if field == "model" and value != state.model:
            new = explorer.with_model(state, str(value))
        elif field == "sequence" and value != state.sequence:
            new = explorer.with_sequence(state, str(value))
        elif field == "group_by":
            chosen = tuple(d for d in DIMENSIONS if d in set(value))
            new = replace(state, group_by=chosen)
        elif field in ("precision", "hardware", "framework", "spec"):
            changes: dict[str, Any] = {field: tuple(sorted(value))}
            new = replace(state, **changes)
        else:
            return
        if new != state:
            self.state = new

    def get_system_commands(self, screen: Screen[Any]) -> Any:
        yield from super().get_system_commands(screen)
        yield from system_commands(self)
