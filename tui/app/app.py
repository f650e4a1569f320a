"""The explorer app: state in, screen out. All numbers come from tui.core."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Static
from textual.worker import Worker, WorkerState

from tui.app import actions
from tui.app.chart import ChartPanel
from tui.app.commands import system_commands
from tui.app.metrics_pane import MetricsPane
from tui.app.screens import HelpScreen, InspectorScreen, ProblemsScreen, TargetsScreen
from tui.app.sidebar import Sidebar, SidebarView
from tui.app.state import Explorer, ViewState, next_cost_model, next_metric, only_visual
from tui.app.watch import SETTLE_S, Watcher
from tui.core.choices import counts, model_counts, sequence_counts
from tui.core.export import FORMATS
from tui.core.request import Request
from tui.core.schema import Problem
from tui.core.select import DIMENSIONS, SelectionError
from tui.core.table import Table
from tui.loaders import LoadResult, load_bundled, load_paths


class Loaded(Message):
    def __init__(self, result: LoadResult, reload: bool = False) -> None:
        super().__init__()
        self.result = result
        self.reload = reload


class Progress(Message):
    def __init__(self, done: int, total: int, name: str) -> None:
        super().__init__()
        self.done, self.total, self.name = done, total, name


HELP = {
    "next_metric": "Next chart metric (throughput, cost, tok/s/MW, concurrency, latency)",
    "prev_metric": "Chart metric: previous",
    "zoom": "Zoom: chart full screen, then table, then back",
    "toggle_log": "Log scale on the y axis",
    "toggle_raw": "Show or hide every run as a faint point",
    "edit_targets": "Edit the interactivity targets (e.g. 30,50,70)",
    "next_cost_model": "Cost model: hyperscaler, neocloud, rental",
    "copy_table": "Copy the table as Markdown (OSC 52; CSV/TSV in ctrl+p)",
    "export": "Save the table to Markdown and CSV files",
    "copy_command": "Copy the `paretop table` command for this view",
    "inspect": "Inspect a series' runs (frontier points starred)",
    "toggle_sidebar": "Show or hide the filters sidebar",
    "toggle_watch": "Watch the result folders: re-read when files appear or change",
    "problems": "List files and rows that could not be read",
    "help": "This help",
    "quit": "Quit",
}


class ParetopApp(App[None]):
    CSS_PATH = "paretop.tcss"
    TITLE = "paretop"
    BINDINGS = [
        Binding("m", "next_metric", "Metric", id="metric"),
        Binding("z", "zoom", "Zoom", show=False, id="zoom"),
        Binding("M", "prev_metric", "Prev metric", show=False, id="prev-metric"),
        Binding("L", "toggle_log", "Log", id="log"),
        Binding("r", "toggle_raw", "Raw", id="raw"),
        Binding("t", "edit_targets", "Targets", id="targets"),
        Binding("c", "next_cost_model", "Cost", id="cost"),
        Binding("y", "copy_table", "Copy", id="copy"),
        Binding("e", "export", "Save", id="export"),
        Binding("p", "copy_command", "Copy command", show=False, id="command"),
        Binding("i", "inspect", "Runs", id="inspect"),
        Binding("s", "toggle_sidebar", "Filters sidebar", show=False, id="sidebar"),
        Binding("w", "toggle_watch", "Watch", show=False, id="watch"),
        Binding("exclamation_mark", "problems", "Problems", show=False, id="problems"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
        Binding("j", "vim('down')", "Down", show=False),
        Binding("k", "vim('up')", "Up", show=False),
        Binding("h", "vim('left')", "Left", show=False),
        Binding("l", "vim('right')", "Right", show=False),
    ]

    state: var[ViewState | None] = var(None)
    """What is shown. Reassigned (never mutated) so the watcher redraws."""

    def __init__(self, request: Request) -> None:
        super().__init__()
        self.request = request
        self.explorer: Explorer | None = None
        self.table: Table | None = None
        self.problems: list[Problem] = []
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

    # --- drawing -------------------------------------------------------------------------

    def watch_state(self, old: ViewState | None, new: ViewState | None) -> None:
        if new is None or self.explorer is None:
            return
        if old is not None and self.table is not None and only_visual(old, new):
            self.replot()
            return
        self.recompute(new)

    def recompute(self, state: ViewState) -> None:
        assert self.explorer is not None
        self.update_sidebar(state)
        empty = state.empty_dimension()
        if empty:
            self.show_message(f"Nothing to show: choose at least one {empty} in the sidebar.")
            return
        try:
            self.table = self.explorer.table(state, self.problems)
        except SelectionError as exc:
            self.show_message(f"Nothing to show: {exc}.")
            return
        self.update_sidebar(state)
        self.replot()
        self.query_one(MetricsPane).show(self.table)

    def update_sidebar(self, state: ViewState) -> None:
        assert self.explorer is not None
        explorer = self.explorer
        rows = explorer.rows(state)
        group_by = (
            self.table.group_by if self.table and state.group_by is None else state.group_by or ()
        )
        view = SidebarView(
            models=model_counts(explorer._rows[state.keep_reruns]),
            model=state.model,
            sequences=sequence_counts(
                explorer._rows[state.keep_reruns].query("model == @state.model")
            ),
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

    # --- sidebar -------------------------------------------------------------------------

    def on_sidebar_changed(self, message: Sidebar.Changed) -> None:
        state, explorer = self.state, self.explorer
        if state is None or explorer is None:
            return
        field, value = message.field, message.value
        if field == "model" and value != state.model:
            new = explorer.with_model(state, str(value))
        elif field == "sequence" and value != state.sequence:
            new = explorer.with_sequence(state, str(value))
        elif field == "group_by":
            chosen = tuple(d for d in DIMENSIONS if d in value)  # type: ignore[operator]
            new = replace(state, group_by=chosen)
        elif field in ("precision", "hardware", "framework", "spec"):
            changes: dict[str, Any] = {field: tuple(sorted(value))}  # type: ignore[call-overload]
            new = replace(state, **changes)
        else:
            return
        if new != state:
            self.state = new

    # --- actions -------------------------------------------------------------------------

    def _change(self, **changes: Any) -> None:
        if self.state is not None:
            self.state = replace(self.state, **changes)

    def action_next_metric(self) -> None:
        if self.state:
            self.state = next_metric(self.state)

    def action_prev_metric(self) -> None:
        if self.state:
            self.state = next_metric(self.state, -1)

    def action_toggle_log(self) -> None:
        if self.state:
            self._change(log_y=not self.state.log_y)

    def action_toggle_raw(self) -> None:
        if self.state:
            self._change(show_raw=not self.state.show_raw)

    def action_next_cost_model(self) -> None:
        if self.state:
            self.state = next_cost_model(self.state)
            self.notify(f"Cost model: {self.state.cost_model}")

    def action_edit_targets(self) -> None:
        if self.table is None:
            return

        def done(result: tuple[float, ...] | None) -> None:
            if result is None:
                return
            self._change(targets=result or None)
            shown = ", ".join(f"{t:g}" for t in self.table.targets) if self.table else ""
            self.notify(f"Targets: {shown} tok/s/user" + (" (defaults)" if not result else ""))

        self.push_screen(TargetsScreen(self.table.targets), done)

    def action_copy_table(self, fmt: str = "markdown") -> None:
        if self.table is None:
            self.notify("Nothing to copy yet.", severity="warning")
            return
        self.copy_to_clipboard(FORMATS[fmt](self.table))
        self.notify(
            f"Copied the table as {fmt} (OSC 52). Terminal ignoring OSC 52? Press e to write a file."
        )

    def action_export(self) -> None:
        if self.table is None:
            return
        try:
            paths = actions.export_files(self.table)
        except OSError as exc:
            self.notify(str(exc), severity="error")
            return
        self.notify(f"Wrote {paths[0]} and {paths[1].name}", timeout=10)

    def action_copy_command(self) -> None:
        if self.table is None or self.state is None or self.explorer is None:
            return
        line = actions.reproduce(self.explorer, self.state, self.table)
        self.copy_to_clipboard(line)
        self.notify(f"Copied: {line}", timeout=10)

    def action_inspect(self) -> None:
        if self.table is not None:
            self.push_screen(InspectorScreen(self.table.series))

    def action_problems(self) -> None:
        if self.problems:
            self.push_screen(ProblemsScreen(self.problems))
        else:
            self.notify("No load problems: every file was read.")

    def action_zoom(self) -> None:
        """Cycle: chart full screen, table full screen, back to the normal layout."""
        screen = self.screen
        chart, pane = self.query_one(ChartPanel), self.query_one(MetricsPane)
        if screen.maximized is None:
            screen.maximize(chart, container=False)
        elif screen.maximized is chart:
            screen.maximize(pane, container=False)
            pane.focus()
        else:
            screen.minimize()
        self.call_after_refresh(self.replot)

    def action_toggle_sidebar(self) -> None:
        sidebar = self.query_one(Sidebar)
        sidebar.toggle_class("-hidden")
        if not sidebar.has_class("-hidden"):
            sidebar.query_one("#model").focus()
        self.replot()

    def action_help(self) -> None:
        keys = [
            (self.get_key_display(b), HELP.get(b.action, b.description))
            for b in self.BINDINGS
            if isinstance(b, Binding) and not b.action.startswith("vim")
        ]
        keys += [
            ("h j k l", "Move inside a pane, like the arrow keys"),
            ("tab", "Next pane (shift+tab: previous)"),
            ("space", "Tick or untick a sidebar choice"),
            ("ctrl+p", "Command palette: every action by name"),
            ("escape", "Close a dialog"),
        ]
        self.push_screen(HelpScreen(keys))

    def action_vim(self, direction: str) -> None:
        widget = self.focused
        for name in (f"action_cursor_{direction}", f"action_scroll_{direction}"):
            method = getattr(widget, name, None)
            if method is not None:
                method()
                return

    def get_system_commands(self, screen: Screen[Any]) -> Any:
        yield from super().get_system_commands(screen)
        yield from system_commands(self)
