"""The chart: one curve per series along its frontier, raw runs faint, targets as guides."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Vertical
from textual.geometry import Size
from textual.layout import DockArrangeResult
from textual.message import Message
from textual.reactive import var
from textual.strip import Strip
from textual_plotext import PlotextPlot

from tui.app import plotlines
from tui.app.canvas import picture, strips
from tui.app.legend import Legend, lay_out, lines_in
from tui.app.sketch import Sketch
from tui.app.styles import SeriesStyles
from tui.app.ticks import compact, linear_ticks, log_ticks, x_range
from tui.core.hardware import HardwareTable
from tui.core.measures import BY_KEY, Metric
from tui.core.text import inert

if TYPE_CHECKING:  # pandas loads in the load's worker, after the frame has painted
    from tui.core.series import Series
    from tui.core.table import Table


def x_span(table: Table) -> tuple[float, float] | None:
    """The x axis: every run and target (None when there is neither)."""
    ends = [x for s in table.series if not s.rows.empty for x in s.interactivity_span]
    xs = ends + list(table.targets)
    return x_range(xs) if xs else None


@dataclass(frozen=True, eq=False)  # compared by identity: it holds DataFrames
class ChartView:
    """What the chart draws: the computed table and how to look at it."""

    table: Table
    metric: str
    hardware: HardwareTable
    log_y: bool = False
    show_raw: bool = True


Drawn = tuple["Series", list[float], list[float], list[float], list[float]]
"""A series, its curve's samples (x, y) and its runs (x, y)."""


class Curves(NamedTuple):
    span: tuple[float, float] | None
    """The x axis (None when there is no run nor target)."""
    drawn: list[Drawn]
    every: list[float]
    """Each run of values' least and greatest: the y axis's span."""


class MetricPlot(PlotextPlot):
    """The plotext canvas; drawn only by ChartPanel."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        plotlines.install()  # plotext's line drawing, the same cells in a tenth of the time
        self._drawn: tuple[tuple[Any, ...], list[Strip]] | None = None  # the lines on screen
        self.sketch = Sketch()
        """What to draw: replayed on a fresh figure for every build (a build rescales its data)."""

    ALLOW_SELECT = False  # a picture: its cells carry no text offsets to select by

    def render_line(self, y: int) -> Strip:
        """One line of the picture: all of them are built at once, from plotext's cells."""
        key = (self.sketch, self.size, self.app.theme, self.visual_style)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, self._strips())
        lines = self._drawn[1]
        return lines[y] if y < len(lines) else Strip.blank(self.size.width)

    def _strips(self) -> list[Strip]:
        width, height = self.size
        plt = self.plt
        self.sketch.draw(plt, (width, height))
        # What PlotextPlot.render sets before plotext builds (its size and theme).
        plt.plotsize(width, height)
        plt._set_size(width, height)
        plt.theme(self._get_plotext_theme_name(self.app.theme))
        base = self.visual_style.rich_style
        return [s.adjust_cell_length(width, base) for s in strips(picture(plt), base)]

    class Resized(Message):
        """The canvas changed size (the legend above it grew or shrank): ticks need redoing."""

    def on_resize(self) -> None:
        self.post_message(self.Resized())


class ChartPanel(Vertical):
    """The plot and a legend line under it that always fits (plotext's legend covers data)."""

    ALLOW_MAXIMIZE = True

    view: var[ChartView | None] = var(None)
    """What to draw; assigning it redraws the chart."""

    def __init__(self, series_styles: SeriesStyles, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.series_styles = series_styles
        self._legend: Text | None = None  # the legend on screen
        self._drawn: tuple[ChartView, Size, Size] | None = None
        """The view, panel size and plot size the chart on screen was drawn for."""
        self._curves_for: tuple[ChartView, int, Curves] | None = None

    def compose(self) -> ComposeResult:
        yield MetricPlot(id="plot")
        yield Legend(id="legend")

    def on_mount(self) -> None:
        # Series colours come from the theme: a new theme redraws the chart with its colours.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.redraw())

    def watch_view(self) -> None:
        self.redraw()

    def colour(self, label: str) -> tuple[int, int, int]:
        name = self.series_styles.colour_name(label)
        return Color.parse(self.app.theme_variables.get(name, "white")).rgb

    def target_colour(self) -> tuple[int, int, int]:
        return Color.parse(self.app.theme_variables.get("text-accent", "yellow")).rgb

    def faint(self) -> tuple[int, int, int]:
        return Color.parse(self.app.theme_variables.get("foreground-muted", "grey")).rgb

    def _axes(
        self,
        plt: Sketch,
        table: Table,
        metric: Metric,
        every: list[float],
        log_y: bool,
        span: tuple[float, float],
        width: int,
        rows: int,
    ) -> None:
        """Axes, ticks and target guides for a panel `width` wide, a plot `rows` high."""
        low, high = span
        plt.xlim(low, high)
        xt = [t for t in linear_ticks(high, 6) if low <= t <= high]
        plt.xticks(xt, [compact(t) for t in xt])
        if log_y:
            plt.yscale("log")
            ticks = log_ticks(min(every), max(every))
        else:
            ticks = linear_ticks(max(every), max(4, min(8, rows // 3)))
            plt.ylim(0, ticks[-1])
        plt.yticks(ticks, [compact(t, metric.tick_prefix) for t in ticks])
        top = ticks[-1] if ticks else max(every)
        per_column = (high - low) / max(1, width - 10)  # x units per character
        last_end = -float("inf")
        for target in table.targets:
            # Guides in their own colour, labelled with their value where the label fits.
            plt.vline(target, self.target_colour())
            label = f"@{target:g}"
            if target - last_end > (len(label) + 1) * per_column:
                plt.text(label, x=target, y=top, color=self.target_colour())
                last_end = target + len(label) * per_column

    def show_message(self, text: str) -> None:
        self.view = None
        self._drawn = None
        sketch = Sketch()
        sketch.title(text)
        self._show(sketch, Text())

    def arrange(self, size: Size, optimal: bool = False) -> DockArrangeResult:
        """Textual's arrangement of plot and legend, with the chart drawn for it.

        The chart draws to its size, and this is where a new size is first known, before the
        frame is painted: drawn on the Resize event that comes after the paint instead, the
        first frame showed an empty chart, then a second layout and paint followed (~70 ms of
        the first paint). The legend goes first, as its height decides the plot's."""
        view = self.view
        if view is None or optimal or not size.area:
            return super().arrange(size, optimal)
        plot = self.query_one(MetricPlot)
        if self._drawn is None or self._drawn[:2] != (view, size):
            lines = lines_in(self._legend) if self._legend is not None else 1
            guess = Size(size.width, max(0, size.height - lines))
            # Set without a layout of its own: the arrangement below measures it.
            self._show_legend(self.picture(view, size, guess)[1], layout=False)
        arrangement = super().arrange(size, optimal)
        for placement in arrangement.placements:
            if placement.widget is plot:
                canvas = placement.region.shrink(plot.styles.gutter).size
                if self._drawn != (view, size, canvas):
                    self._show(*self.picture(view, size, canvas))
                    self._drawn = (view, size, canvas)
        return arrangement

    def redraw(self) -> None:
        """Draw the view at the sizes on screen (a new view or theme; a new size is arrange's)."""
        view, plot = self.view, self.query_one(MetricPlot)
        if view is None or not self.size.area:
            return  # not laid out yet: arrange draws it once it has a size
        self._show(*self.picture(view, self.size, plot.size))
        self._drawn = (view, self.size, plot.size)

    def _curves(self, view: ChartView, width: int) -> Curves:
        """Each series' curve and runs at the chart's resolution, kept for the next call with
        the same view and width (arrange asks twice: for the legend, then for the plot)."""
        if self._curves_for is not None and self._curves_for[:2] == (view, width):
            return self._curves_for[2]
        from tui.core.curves import POINTS, curve, ends, raw_extent, raw_points, samples

        table, metric = view.table, BY_KEY[view.metric]
        span = x_span(table)
        drawn: list[Drawn] = []
        every: list[float] = []  # each run of values' least and greatest: the y axis's span
        for series in table.series:
            front = ends(series, metric.frontier)
            points = (
                samples(front[1] - front[0], span[1] - span[0], width) if span and front else POINTS
            )  # the chart's resolution: more samples than cells cannot show
            xs, ys = curve(series, metric, view.hardware, table.cost_model, points)
            rx: list[float] = []
            ry: list[float] = []
            if view.show_raw:
                rx, ry = raw_points(series, metric, view.hardware, table.cost_model)
                every += raw_extent(series, metric, view.hardware, table.cost_model)
            every += [min(ys), max(ys)] if ys else []
            drawn.append((series, xs, ys, rx, ry))
        curves = Curves(span, drawn, every)
        self._curves_for = (view, width, curves)
        return curves

    def picture(self, view: ChartView, panel: Size, plot: Size) -> tuple[Sketch, Text]:
        """The plotext calls and the legend for `view` in a panel and a plot of these sizes."""
        from tui.core.curves import thin  # a view means its data (pandas) is loaded

        table, metric = view.table, BY_KEY[view.metric]
        plt = Sketch()
        if plot.height < 8:  # too few rows for axes and data: say so, draw nothing
            plt.title("z: chart full screen")
            return plt, Text()
        plt.title(metric.title + (" — log scale" if view.log_y else ""))
        if plot.height >= 10:  # a short chart keeps its rows for the data
            plt.xlabel("interactivity (tok/s/user)")
        width, height = plot
        span, drawn, every = self._curves(view, width)
        # A scatter with more runs than the chart has cells is thinned to what can show.
        dense = sum(len(rx) for _, _, _, rx, _ in drawn) > width * height
        box = (*span, min(every), max(every)) if dense and span and every else None
        entries: list[Text] = []
        for series, xs, ys, rx, ry in drawn:
            marker, colour = self.series_styles.marker(series.label), self.colour(series.label)
            if rx:
                if box:  # a grid twice as fine as the cells: what is left looks the same
                    rx, ry = thin(rx, ry, box, (2 * width, 2 * height), view.log_y)
                dot = "." if self.series_styles.ascii_only else "·"
                plt.scatter(list(rx), list(ry), marker=dot, color=self.faint())
            if xs:
                plt.plot(list(xs), list(ys), marker=marker, color=colour)
            style = Color(*colour).rich_color.name if xs else "dim"
            entry = Text(f"{marker} {inert(series.label)}", style=style)
            note = " (no data)" if not xs else " (one run: a point)" if len(xs) == 1 else ""
            entries.append(entry.append(note, style="dim"))
        if not every:
            # plotext cannot scale an empty log axis; say what is missing instead.
            plt.title(
                f"No {metric.title} for this selection (not recorded, or unknown GPU cost/power)"
            )
        else:
            assert span is not None  # points were drawn, so there are runs
            self._axes(plt, table, metric, every, view.log_y, span, panel.width, plot.height)
        entries.append(Text(f"│ targets {', '.join(f'{t:g}' for t in table.targets)}", "dim"))
        room = max(1, (panel.height - 6) // 2)  # the plot keeps at least half the panel
        glyphs = self.series_styles.glyphs
        entries = [Text(glyphs(e.plain), e.style) if e.spans == [] else e for e in entries]
        return plt, lay_out(entries, max(20, panel.width - 2), room, glyphs("…"))

    def _show(self, sketch: Sketch, legend: Text) -> None:
        """Draw what changed: plotext rebuilds the whole canvas, so only for a new picture."""
        plot = self.query_one(MetricPlot)
        if sketch.calls != plot.sketch.calls:
            plot.sketch = sketch
            plot.refresh()
        self._show_legend(legend)

    def _show_legend(self, legend: Text, layout: bool | None = None) -> None:
        if legend != self._legend:
            self.query_one(Legend).show(legend, layout)
            self._legend = legend

    def _drawn_here(self) -> bool:
        """Whether the chart on screen was drawn for the view and the sizes it has now."""
        plot = self.query_one(MetricPlot)
        return self._drawn == (self.view, self.size, plot.size)

    def on_resize(self) -> None:
        if not self._drawn_here():  # arrange drew it for its new size, before this event
            self.redraw()  # the legend's lines depend on the width

    def on_metric_plot_resized(self, event: MetricPlot.Resized) -> None:
        event.stop()
        if not self._drawn_here():
            self.redraw()  # tick count and axis label depend on the canvas height
