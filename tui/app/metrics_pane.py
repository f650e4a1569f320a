"""The table of metrics at the targets, laid out like the seed page, then the sentences."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import var
from textual.widgets import Static

from tui.app.grid_lines import Column, Grid, Row
from tui.app.metrics_grid import MetricsGrid
from tui.app.styles import SeriesStyles
from tui.core.export import footer, metric_block
from tui.core.targets import format_target
from tui.core.text import inert

if TYPE_CHECKING:  # pandas loads in the load's worker, after the frame has painted
    from tui.core.table import Table


class Sentences(Static):
    """The notes under the table."""


class MetricsPane(VerticalScroll):
    """A row per metric, a column per target; each cell lists every series."""

    ALLOW_MAXIMIZE = True
    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("h,left", "sideways(-8)", "Left", show=False),
        Binding("l,right", "sideways(8)", "Right", show=False),
    ]

    table: var[Table | None] = var(None)
    """The computed table; assigning it redraws the pane."""

    def __init__(self, series_styles: SeriesStyles, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.series_styles = series_styles  # each series' chart marker, shown beside its name
        self._sentences = ""

    def compose(self) -> ComposeResult:
        # The metric and series columns stay put when the targets scroll sideways.
        yield MetricsGrid(id="metrics")  # the pane takes focus and scrolls it
        yield Sentences(id="sentences")

    def action_sideways(self, columns: int) -> None:
        self.query_one("#metrics", MetricsGrid).scroll_relative(x=columns, animate=False)

    def watch_table(self, table: Table | None) -> None:
        if table is not None:
            self.show(table)

    def show(self, table: Table) -> None:
        self.query_one("#metrics", MetricsGrid).data = self.grid(table)
        sentences = self.series_styles.glyphs("\n".join(footer(table)))
        if sentences != self._sentences:  # an update lays the pane out again
            self.query_one("#sentences", Static).update(Text(sentences))
            self._sentences = sentences

    def grid(self, table: Table) -> Grid:
        """The table as the grid shows it: a row per metric, every series' value stacked in a
        cell per target; the metric and series columns stay when the targets scroll."""
        labels = tuple(
            f"{self.series_styles.marker(s.label)} {inert(s.label)}" for s in table.series
        )
        glyphs = self.series_styles.glyphs
        blocks = []
        for metric in table.metrics:
            texts, best = metric_block(table, metric)
            blocks.append((metric, [[glyphs(x) for x in row] for row in texts], best))
        heads = [f"@{format_target(t)}" for t in table.targets]
        # Widths from the header and every value, set explicitly: nothing is cut after a change.
        widths = [
            max([len(heads[t])] + [len(x[t]) for _, texts, _ in blocks for x in texts])
            for t in range(len(heads))
        ]
        corner = glyphs("tok/s/user →")
        columns = (
            Column(corner, max([len(corner)] + [len(m.label) for m in table.metrics])),
            Column("series", max([6, *map(len, labels)])),
            *[Column(h, w, right=True) for h, w in zip(heads, widths, strict=True)],
        )
        rows = tuple(
            Row(
                metric.key,
                ((metric.label,), labels, *[tuple(x[t] for x in texts) for t in range(len(heads))]),
                (None, None, *best),
            )
            for metric, texts, best in blocks
        )
        return Grid(columns, rows, max(1, len(labels)), fixed=2)

    def show_message(self, text: str) -> None:
        self.table = None
        self.query_one("#metrics", MetricsGrid).data = Grid()
        self._sentences = inert(text)
        self.query_one("#sentences", Static).update(Text(self._sentences))
