"""Every key's action: chart, targets, cost, copy, export, inspector, help, zoom."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.binding import Binding

from tui.app import actions
from tui.app.base import ExplorerBase
from tui.app.chart import ChartPanel
from tui.app.metrics_pane import MetricsPane
from tui.app.screens import HelpScreen, InspectorScreen, ProblemsScreen, TargetsScreen
from tui.app.sidebar import Sidebar
from tui.app.state import next_cost_model, next_metric
from tui.core.export import FORMATS

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


class KeyActions(ExplorerBase):
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
