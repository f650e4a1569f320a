"""The history view (key H): one line per configuration, a metric at one target over run dates."""

from __future__ import annotations

import math

import pandas as pd
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static
from textual_plotext import PlotextPlot

from tui.app.legend import lay_out
from tui.app.styles import SeriesStyles
from tui.app.ticks import compact, linear_ticks
from tui.core.history import HistoryLine, dates, history
from tui.core.measures import BY_KEY, CHART
from tui.core.select import Selection, SelectionError
from tui.core.text import inert
from tui.pipeline import Request, read_history


class HistoryScreen(ModalScreen[None]):
    """Computed in a worker: pulled data loads its history files first."""

    BINDINGS = [
        Binding("escape,q,H", "dismiss", "Close"),
        Binding("m", "metric(1)", "Metric"),
        Binding("M", "metric(-1)", "Prev metric", show=False),
    ]

    def __init__(
        self,
        request: Request,
        selection: Selection,
        target: float,
        metric: str,
        cost_model: str,
        series_styles: SeriesStyles,
        rows: pd.DataFrame | None = None,
    ) -> None:
        """`rows`: the rows already loaded, when they hold the history (not pulled data)."""
        super().__init__()
        self.request, self.selection, self.target = request, selection, target
        self.metric, self.cost_model, self.series_styles = metric, cost_model, series_styles
        self.frame_rows: pd.DataFrame | None = rows  # loaded once, reused when the metric changes

    def compose(self) -> ComposeResult:
        with Vertical(id="inspector"):
            yield Label("History: loading…", id="history-title", classes="title")
            yield PlotextPlot(id="history-plot")
            yield Static(id="history-legend")

    def on_mount(self) -> None:
        self.compute()

    def action_metric(self, step: int) -> None:
        keys = [m.key for m in CHART]
        self.metric = keys[(keys.index(self.metric) + step) % len(keys)]
        self.compute()

    @work(thread=True, exclusive=True, group="history")
    def compute(self) -> None:
        try:
            if self.frame_rows is None:
                self.frame_rows = read_history(self.request).frame
            lines = history(
                self.frame_rows,
                self.selection.model,
                self.selection.sequence,
                self.target,
                self.metric,
                self.request.hardware,
                self.cost_model,
                self.selection,
            )
        except (SelectionError, KeyError) as exc:
            self.app.call_from_thread(self.show_error, str(exc))
            return
        self.app.call_from_thread(self.draw, lines)

    def show_error(self, text: str) -> None:
        self.query_one("#history-title", Label).update(Text(inert(f"History: {text}")))

    def draw(self, lines: list[HistoryLine]) -> None:
        metric = BY_KEY[self.metric]
        when = dates(lines)
        shown = [line for line in lines if line.points]
        self.query_one("#history-title", Label).update(
            Text(
                f"History at {self.target:g} tok/s/user: {metric.title}, {len(shown)} of "
                f"{len(lines)} configurations; x: run date, or run id where the data has no date."
                " m: metric, Esc: close"
            )
        )
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_figure()
        entries: list[Text] = []
        values: list[float] = []
        for line in shown:
            marker = self.series_styles.marker(line.label)
            colour = Color.parse(
                self.app.theme_variables.get(self.series_styles.colour_name(line.label), "white")
            ).rgb
            xs = [float(when.index(p.when)) for p in line.points]
            ys = [p.value for p in line.points]
            plt.plot(xs, ys, marker=marker, color=colour)
            values += ys
            entries.append(Text(f"{marker} {inert(line.label)}", Color(*colour).rich_color.name))
        if values and when:
            top = linear_ticks(max(v for v in values if math.isfinite(v)), 5)
            plt.ylim(0, top[-1])
            plt.yticks(top, [compact(t, metric.tick_prefix) for t in top])
            step = max(1, len(when) // 8)
            plt.xticks(list(range(0, len(when), step)), when[::step])
            plt.xlim(-0.5, len(when) - 0.5)
        else:
            plt.title("No configuration reaches this target on any date.")
        legend = lay_out(entries, max(20, self.size.width - 6), 6)
        self.query_one("#history-legend", Static).update(legend)
        plot.refresh()
