"""The chart: one curve per series along its frontier, raw runs faint, targets as guides."""

from __future__ import annotations

import math
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Vertical
from textual.widgets import Static
from textual_plotext import PlotextPlot

from tui.core.curves import METRIC_BY_KEY, curve, raw_points
from tui.core.hardware import HardwareTable
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


class MetricPlot(PlotextPlot):
    """The plotext canvas; drawn only through ChartPanel.replot."""


class ChartPanel(Vertical):
    """The plot and a legend line under it that always fits (plotext's legend covers data)."""

    ALLOW_MAXIMIZE = True

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.drawn: dict[str, list[tuple[float, float]]] = {}
        """Each series' raw runs as last drawn (x, y): what the chart shows, for tests."""

    def compose(self) -> ComposeResult:
        yield MetricPlot(id="plot")
        yield Static(id="legend")

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
        plot = self.query_one(MetricPlot)
        plot.plt.clear_figure()
        plot.plt.title(text)
        plot.refresh()
        self.query_one("#legend", Static).update("")

    def replot(
        self, table: Table, metric_key: str, hardware: HardwareTable, log_y: bool, show_raw: bool
    ) -> None:
        metric = METRIC_BY_KEY[metric_key]
        plot = self.query_one(MetricPlot)
        plt = plot.plt
        plt.clear_figure()
        plt.title(metric.title + (" — log scale" if log_y else ""))
        plt.xlabel("interactivity (tok/s/user)")
        legend = Text()
        every: list[float] = []
        self.drawn = {}
        for i, series in enumerate(table.series):
            marker = MARKERS[i % len(MARKERS)]
            xs, ys = curve(series, metric, hardware, table.cost_model)
            rx, ry = raw_points(series, metric, hardware, table.cost_model)
            self.drawn[series.label] = list(zip(rx, ry, strict=True)) if show_raw else []
            if show_raw and rx:
                plt.scatter(rx, ry, marker="·", color=self.faint())
                every += ry
            if xs:
                plt.plot(xs, ys, marker=marker, color=self.colour(i))
                every += ys
            style = Color(*self.colour(i)).rich_color.name if xs else "dim"
            legend.append(f"{marker} {series.label}", style=style)
            legend.append("" if xs else " (no data)", style="dim")
            legend.append("   ")
        if not every:
            # plotext cannot scale an empty log axis; say what is missing instead.
            plt.title(
                f"No {metric.title} for this selection (not recorded, or unknown GPU cost/power)"
            )
        else:
            self._axes(table, every, log_y)
        legend.append(f"│ targets {', '.join(f'{t:g}' for t in table.targets)}", style="dim")
        self.query_one("#legend", Static).update(legend)
        plot.refresh()
