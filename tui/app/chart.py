"""The chart: one curve per series along its frontier, raw runs faint, targets as guides."""

from __future__ import annotations

import math
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Vertical
from textual.reactive import var
from textual.widgets import Static
from textual_plotext import PlotextPlot

from tui.core.curves import curve, raw_points
from tui.core.hardware import HardwareTable
from tui.core.measures import BY_KEY
from tui.core.table import Table

# Distinct characters keep curves apart without colour (monochrome terminals, pasted text).
MARKERS = ("•", "+", "x", "*", "o", "#", "%", "@", "=", "&")
THEME_COLOURS = ("primary", "warning", "success", "error", "accent", "secondary")


def compact(value: float) -> str:
    """Tick labels that stay narrow: 52,250 -> 52k, 0.0285 -> 0.029."""
    size = abs(value)
    if size >= 1e6:
        return f"{value / 1e6:.3g}M"
    if size >= 1e4:
        return f"{value / 1e3:.3g}k"
    if size >= 100:
        return f"{value:.0f}"
    return f"{value:.3g}"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round-numbered ticks covering [low, high]."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low] if math.isfinite(low) else []
    raw = (high - low) / max(1, count - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.ceil(low / step) * step
    ticks = []
    while start <= high + 1e-9 * step:
        ticks.append(start)
        start += step
    return ticks if len(ticks) >= 2 else [low, high]


@dataclass(frozen=True, eq=False)  # compared by identity: it holds DataFrames
class ChartView:
    """What the chart draws: the computed table and how to look at it."""

    table: Table
    metric: str
    hardware: HardwareTable
    log_y: bool = False
    show_raw: bool = True


class MetricPlot(PlotextPlot):
    """The plotext canvas; drawn only by ChartPanel."""


class ChartPanel(Vertical):
    """The plot and a legend line under it that always fits (plotext's legend covers data)."""

    ALLOW_MAXIMIZE = True

    view: var[ChartView | None] = var(None)
    """What to draw; assigning it redraws the chart."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._slots: dict[str, int] = {}  # a series keeps its glyph and colour across changes

    def compose(self) -> ComposeResult:
        yield MetricPlot(id="plot")
        yield Static(id="legend")

    def on_mount(self) -> None:
        # Series colours come from the theme: a new theme redraws the chart with its colours.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.redraw())

    def watch_view(self) -> None:
        self.redraw()

    def slot(self, label: str) -> int:
        return self._slots.setdefault(label, len(self._slots))

    def colour(self, index: int) -> tuple[int, int, int]:
        name = THEME_COLOURS[index % len(THEME_COLOURS)]
        return Color.parse(self.app.theme_variables.get(name, "white")).rgb

    def faint(self) -> tuple[int, int, int]:
        return Color.parse(self.app.theme_variables.get("foreground-muted", "grey")).rgb

    def _axes(self, table: Table, every: list[float], log_y: bool) -> None:
        plt = self.query_one(MetricPlot).plt
        for target in table.targets:
            plt.vline(target, self.faint())
        xs_all = [x for s in table.series for x in s.rows["interactivity"]]
        xt = nice_ticks(min(xs_all), max(xs_all), 6)
        plt.xticks(xt, [compact(t) for t in xt])
        if log_y:
            plt.yscale("log")
        else:
            ticks = nice_ticks(min(every), max(every))
            plt.yticks(ticks, [compact(t) for t in ticks])

    def show_message(self, text: str) -> None:
        self.view = None
        plot = self.query_one(MetricPlot)
        plot.plt.clear_figure()
        plot.plt.title(text)
        plot.refresh()
        self.query_one("#legend", Static).update("")

    def redraw(self) -> None:
        view = self.view
        if view is None:
            return
        table, metric = view.table, BY_KEY[view.metric]
        plot = self.query_one(MetricPlot)
        plt = plot.plt
        plt.clear_figure()
        plt.title(metric.title + (" — log scale" if view.log_y else ""))
        plt.xlabel("interactivity (tok/s/user)")
        legend = Text()
        every: list[float] = []
        for series in table.series:
            slot = self.slot(series.label)
            marker, colour = MARKERS[slot % len(MARKERS)], self.colour(slot)
            xs, ys = curve(series, metric, view.hardware, table.cost_model)
            if view.show_raw:
                rx, ry = raw_points(series, metric, view.hardware, table.cost_model)
                if rx:
                    plt.scatter(rx, ry, marker="·", color=self.faint())
                    every += ry
            if xs:
                plt.plot(xs, ys, marker=marker, color=colour)
                every += ys
            style = Color(*colour).rich_color.name if xs else "dim"
            legend.append(f"{marker} {series.label}", style=style)
            legend.append("" if xs else " (no data)", style="dim")
            legend.append("   ")
        if not every:
            # plotext cannot scale an empty log axis; say what is missing instead.
            plt.title(
                f"No {metric.title} for this selection (not recorded, or unknown GPU cost/power)"
            )
        else:
            self._axes(table, every, view.log_y)
        legend.append(f"│ targets {', '.join(f'{t:g}' for t in table.targets)}", style="dim")
        self.query_one("#legend", Static).update(legend)
        plot.refresh()
