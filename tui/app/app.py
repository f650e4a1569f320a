"""The explorer app: one state, derived screens, loading as a service, key actions."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from tui.app import actions, commands
from tui.app.chart import ChartPanel, ChartView
from tui.app.footer import KeysFooter
from tui.app.keys import BINDINGS, help_rows
from tui.app.loading import LoadService, finished
from tui.app.metrics_pane import MetricsPane
from tui.app.one_pass import SteadyScreen
from tui.app.sidebar import Sidebar, SidebarView
from tui.app.styles import SeriesStyles
from tui.app.title_bar import TitleBar
from tui.core.text import inert

# Only types here: pandas, the loaders and the core load in the load's worker (tui.app.prepare),
# so the frame paints before them. What a key needs once data shows is imported where it runs.
if TYPE_CHECKING:
    from tui.app.prepare import Prepared
    from tui.app.session import Session, ViewState
    from tui.app.watch import Watcher
    from tui.core.schema import Problem
    from tui.core.table import Table
    from tui.pipeline import Request


GC_YOUNG = 20_000


@cache  # once per process: later apps (tests) would freeze their predecessors' garbage
def freeze_imports() -> None:
    """Move what is alive now (mostly the imported modules: Textual, pandas) out of the
    collector's reach. Startup makes enough objects for a full collection, which walked all
    of them (~40 ms, just before the first paint); now it walks only what came after.

    Drawing a change makes tens of thousands of short-lived objects (segments, strips, Texts):
    at Python's default of a young collection every 700 new objects, a change paid ~9 of
    them and most often an older one (~2-3 ms; a full one every ~15 changes). Every 20k,
    about one per change; what is garbage is freed just the same, a little later."""
    gc.freeze()
    gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])


class Loaded(Message):
    def __init__(self, prepared: Prepared, generation: int) -> None:
        super().__init__()
        self.prepared, self.generation = prepared, generation


class Progress(Message):
    def __init__(self, generation: int, done: int, total: int, name: str) -> None:
        super().__init__()
        self.generation, self.done, self.total, self.name = generation, done, total, name


class ParetopApp(App[None]):
    CSS_PATH = "paretop.tcss"
    TITLE = "paretop"
    BINDINGS = BINDINGS
    NARROW = 100
    """Below this many columns the sidebar starts hidden so the table's targets fit."""
    SHORT = 20
    """Below this many rows the header goes, leaving its line to the chart and table."""
    MINIMUM = (50, 12)
    """Below this size nothing readable fits: the screen says so instead of breaking."""
    FIRST_PAINT_WAIT_S = 0.3
    """How long the first paint waits for the first load. A quick one (the bundled data) is
    painted once, with its data: no "Loading" frame to lay out and draw again a moment later.
    A slower one paints the frame first (status "Loading…") and fills it in as it arrives."""

    state: var[ViewState | None] = var(None)
    """What is shown. Reassigned (never mutated); the widgets redraw from it."""

    def __init__(self, request: Request) -> None:
        super().__init__()
        self.request = request
        self.session: Session | None = None
        self.loads = LoadService()
        self.watcher: Watcher | None = None
        self._watch_timer: Timer | None = None
        self.series_styles = SeriesStyles(ascii_only=request.ascii)
        self.said: list[str] = []
        """Every message shown in the status line, oldest first."""
        self._first_load: Worker[Loaded] | None = None

    @property
    def table(self) -> Table | None:
        if self.session is None or self.state is None:
            return None
        return self.session.outcome(self.state).table

    @property
    def problems(self) -> list[Problem]:
        return self.session.problems if self.session else []

    def get_default_screen(self) -> Screen[Any]:
        return SteadyScreen(id="_default")

    def compose(self) -> ComposeResult:
        width, height = self.MINIMUM
        yield Static(
            Text(f"Window too small: paretop needs {width} x {height}. Enlarge it, or q to quit."),
            id="too-small",
        )
        yield TitleBar("*" if self.request.ascii else "⭘")
        with Horizontal(id="body"):
            yield Sidebar(id="sidebar")
            with Vertical(id="main"):
                yield Static("Loading…", id="status")
                yield ChartPanel(self.series_styles, id="chart")
                yield MetricsPane(self.series_styles, id="table-pane")
        yield KeysFooter()

    async def on_load(self) -> None:
        # The first load starts before the screen is even composed, and the first paint waits
        # for it, at most FIRST_PAINT_WAIT_S: see there.
        freeze_imports()
        self._first_load = self.start_load()
        if self._first_load is not None:
            await finished(self._first_load, self.FIRST_PAINT_WAIT_S)

    def on_mount(self) -> None:
        self.query_one(Sidebar).set_class(self.size.width < self.NARROW, "-hidden")
        self.fit(self.size.width, self.size.height)
        self.screen.set_class(self.request.ascii, "-ascii")
        # A pane has focus from the start; set now, not queued (focus()), or the screen's own
        # auto-focus picks the sidebar first and every focus change restyles a pane's widgets.
        self.screen.set_focus(self.query_one(MetricsPane))
        if self.request.watch:
            self.action_toggle_watch()
        first, self._first_load = self._first_load, None
        if first is not None and first.state == WorkerState.SUCCESS and first.result is not None:
            self.on_loaded(first.result)  # before the first paint; its own message comes stale

    def on_resize(self, event: events.Resize) -> None:
        self.fit(event.size.width, event.size.height)

    def fit(self, width: int, height: int) -> None:
        sidebar = self.query_one(Sidebar)
        if width < self.NARROW and not sidebar.has_class("-hidden"):
            # shrunk below the table's needs: the sidebar makes way, and the status line
            # says how to bring it back
            sidebar.add_class("-hidden")
            if self.state is not None:
                self.redraw(self.state)
        self.screen.set_class(height < self.SHORT, "-short")
        self.screen.set_class(width < self.MINIMUM[0] or height < self.MINIMUM[1], "-tiny")

    def say(self, text: str, severity: str = "information") -> None:
        """One message at a time, in the status line (never over the numbers)."""
        self.said.append(text)
        status = self.query_one("#status", Static)
        status.set_class(severity != "information", "-warning")
        status.update(Text(self.series_styles.glyphs(text)))  # data, never markup

    # --- loading -------------------------------------------------------------------------

    def start_load(self, reload: bool = False) -> Worker[Loaded] | None:
        generation = self.loads.begin()
        if generation is None:
            return None
        # A re-read keeps the view on screen; otherwise the worker works out the first one.
        keep_view = reload and self.session is not None and self.state is not None
        return self._load(generation, keep_view)

    @work(thread=True, group="load")
    def _load(self, generation: int, keep_view: bool) -> Loaded:
        from tui.app import prepare  # here, off the main thread: pandas and the core load with it
        from tui.app.watch import SETTLE_S

        def progress(done: int, total: int, name: str) -> None:
            self.post_message(Progress(generation, done, total, name))

        settle = SETTLE_S if self.request.watch else None
        loaded = Loaded(prepare.load(self.request, progress, settle, keep_view), generation)
        self.post_message(loaded)
        return loaded

    def on_progress(self, message: Progress) -> None:
        if message.generation <= self.loads.shown:
            return  # came in after its load's result was shown
        self.query_one("#status", Static).update(
            Text(inert(f"Loading {message.done + 1}/{message.total}: {message.name}"))
        )

    def on_loaded(self, message: Loaded) -> None:
        if self.loads.finish(message.generation):
            self.show_result(message.prepared)
        if self.loads.take_again():
            self.start_load(reload=True)

    def show_result(self, prepared: Prepared) -> None:
        result = prepared.result
        if self.watcher is not None:
            self.watcher.loaded(result.pending)
        before, old_problems = self.session, {str(p) for p in self.problems}
        self.session = prepared.session
        if result.frame.empty:
            message = "No benchmark rows could be read. Press ! for the reasons."
            self.say(message, "error")
            if self.state is None:  # nothing shown yet: the panes say why, not "Loading"
                self.query_one(ChartPanel).show_message(message)
                self.query_one(MetricsPane).show_message(message)
            return
        if prepared.state is None:  # a re-read: the same view over the new rows
            assert before is not None and self.state is not None
            self.state = prepared.session.refreshed(self.state, before)
            self.redraw(self.state)
            self.say(actions.reread_message(result, len(before.frame), old_problems))
            return
        self.state = prepared.state
        if prepared.error:
            self.request = replace(self.request, selection=prepared.selection)
            self.say(prepared.error, "error")
            return
        if self.problems:
            files = len({p.path for p in self.problems})
            self.say(
                f"{actions.plural(len(self.problems), 'load problem')} in "
                f"{actions.plural(files, 'file')} (press ! to list); good rows are shown.",
                "warning",
            )

    # --- watching ------------------------------------------------------------------------

    def action_toggle_watch(self) -> None:
        if not self.request.paths:
            self.say("Watch follows your result folders: start paretop with PATHS.", "warning")
            return
        if self._watch_timer is not None:
            self._watch_timer.stop()
            self._watch_timer, self.watcher = None, None
            self.say("Stopped watching.")
            return
        from tui.app.watch import Watcher  # only when watching: it brings the loaders

        self.request = replace(self.request, watch=True)
        self.watcher = Watcher(self.request.paths)
        self.watcher.prime()
        self._watch_timer = self.set_interval(1.0, self.poll_watch)
        self.say(f"Watching {', '.join(map(str, self.request.paths))} for new results.")

    def poll_watch(self) -> None:
        """On the main thread: a cheap signature check; a load only when something changed."""
        if self.watcher is not None and self.watcher.due():
            self.start_load(reload=True)

    # --- drawing -------------------------------------------------------------------------

    def watch_state(self, new: ViewState | None) -> None:
        if new is not None:
            self.redraw(new)

    def redraw(self, state: ViewState) -> None:
        session = self.session
        if session is None:
            return
        outcome = session.outcome(state)
        side = session.sidebar_counts(state)
        self.query_one(Sidebar).view = SidebarView(
            models=side["models"],
            model=state.model,
            sequences=side["sequences"],
            sequence=state.sequence,
            counts=side["counts"],
            chosen=dict(state.filters),
            group_by=side["group_by"],
        )
        table = outcome.table
        if table is None:
            self.query_one("#status", Static).update(
                Text(self.series_styles.glyphs(outcome.message))
            )
            self.query_one(ChartPanel).show_message(outcome.message)
            self.query_one(MetricsPane).show_message(outcome.message)
            return
        self.sub_title = inert(f"{table.model} {table.sequence}")
        chart = self.query_one(ChartPanel)
        view = ChartView(table, state.metric, session.hardware, state.log_y, state.show_raw)
        if chart.size.area:
            chart.view = view
        else:  # not laid out yet (data shown before the first paint), or hidden: it draws to
            # its size, so it draws this view when it gets one (on_resize), not at none now
            chart.set_reactive(ChartPanel.view, view)
        self.query_one(MetricsPane).table = table
        hidden = self.query_one(Sidebar).has_class("-hidden")
        line = (
            f"{'s: filters · ' if hidden else ''}tab: panes · {table.model} "
            f"{table.sequence} · {state.cost_model} cost · {', '.join(table.sources)}"
        )
        # One line high whatever it says (CSS): no layout of the screen for it.
        self.query_one("#status", Static).update(
            Text(self.series_styles.glyphs(line)), layout=False
        )

    # --- sidebar -------------------------------------------------------------------------

    def _change(self, new: ViewState | None) -> None:
        if new is not None and new != self.state:
            self.state = new

    def choose_model(self, model: str) -> None:
        if self.session and self.state and model != self.state.model:
            self._change(self.session.with_model(self.state, model))

    def choose_sequence(self, sequence: str) -> None:
        if self.session and self.state and sequence != self.state.sequence:
            self._change(self.session.with_sequence(self.state, sequence))

    def toggle_value(self, dim: str, value: str) -> None:
        if self.state:
            self._change(self.state.with_filter(dim, tuple(set(self.state.chosen(dim)) ^ {value})))

    def on_sidebar_model_chosen(self, message: Sidebar.ModelChosen) -> None:
        self.choose_model(message.model)

    def on_sidebar_sequence_chosen(self, message: Sidebar.SequenceChosen) -> None:
        self.choose_sequence(message.sequence)

    def on_sidebar_filters_changed(self, message: Sidebar.FiltersChanged) -> None:
        if self.state:
            self._change(self.state.with_filter(message.dim, message.values))

    def on_sidebar_group_by_changed(self, message: Sidebar.GroupByChanged) -> None:
        if self.state:
            self._change(replace(self.state, group_by=message.dims))

    # --- keys (described once, in keys.py) -------------------------------------------------

    def _visual(self, **changes: Any) -> None:
        if self.state is not None:
            self.state = replace(self.state, **changes)

    def action_next_metric(self, step: int = 1) -> None:
        from tui.app.session import next_metric

        if self.state and self.session:
            self._change(next_metric(self.state, step, self.session.chart_keys))

    def action_prev_metric(self) -> None:
        self.action_next_metric(-1)

    def action_set_metric(self, key: str) -> None:
        self._visual(metric=key)

    def action_toggle_log(self) -> None:
        self._visual(log_y=not self.state.log_y if self.state else False)

    def action_toggle_raw(self) -> None:
        self._visual(show_raw=not self.state.show_raw if self.state else True)

    def action_toggle_reruns(self) -> None:
        if self.state:
            self.state = replace(self.state, keep_reruns=not self.state.keep_reruns)
            self.say("Reruns pooled." if self.state.keep_reruns else "Latest run only.")

    def action_next_cost_model(self) -> None:
        from tui.app.session import next_cost_model

        if self.state:
            self.state = next_cost_model(self.state)
            self.say(f"Cost model: {self.state.cost_model}.")

    def action_edit_targets(self) -> None:
        if self.needs_table("edit targets"):
            actions.edit_targets(self)

    def action_copy_table(self, fmt: str = "markdown") -> None:
        if self.needs_table("copy"):
            actions.copy_table(self, fmt)

    def action_export(self) -> None:
        if self.needs_table("save"):
            actions.export(self)

    def action_copy_command(self) -> None:
        if self.needs_table("copy the command"):
            actions.copy_command(self)

    def action_inspect(self) -> None:
        from tui.app.screens import InspectorScreen

        if self.needs_table("inspect runs") and self.table is not None:
            self.push_screen(InspectorScreen(self.table.series))

    def action_problems(self) -> None:
        from tui.app.screens import ProblemsScreen

        if self.problems:
            self.push_screen(ProblemsScreen(self.problems))
        else:
            self.say("No load problems: every file was read.")

    def action_history(self) -> None:
        from tui.app.history_screen import HistoryScreen

        if self.needs_table("show history") and self.table and self.state and self.session:
            targets = self.table.targets
            self.push_screen(
                HistoryScreen(
                    self.request,
                    self.session.selection(self.state),
                    targets[len(targets) // 2],
                    self.state.metric,
                    self.state.cost_model,
                    self.series_styles,
                    # Pulled data keeps its history in other files; anything else has it loaded.
                    None
                    if self.request.data and self.request.data.kind == "pulled"
                    else self.session.frame,
                )
            )

    def action_zoom(self) -> None:
        actions.zoom(self)

    def action_toggle_sidebar(self) -> None:
        sidebar = self.query_one(Sidebar)
        sidebar.toggle_class("-hidden")
        if not sidebar.has_class("-hidden"):
            sidebar.query_one("#model").focus()
        if self.state is not None:
            self.redraw(self.state)

    def action_help(self) -> None:
        from tui.app.screens import HelpScreen

        shown = {b.key: self.get_key_display(b) for b in BINDINGS if isinstance(b, Binding)}
        self.push_screen(HelpScreen(help_rows(shown)))

    def needs_table(self, what: str) -> bool:
        """True when there is a table; otherwise say why the key cannot act yet."""
        if self.table is not None:
            return True
        self.say(f"Nothing to {what} yet: no table is shown.", "warning")
        return False

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from commands.system_commands(self)
