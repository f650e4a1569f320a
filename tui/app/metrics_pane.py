"""The table of metrics at the targets, laid out like the seed page, then the sentences."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Span, Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.reactive import var
from textual.widgets import DataTable, Static

from tui.app.metrics_grid import MetricsGrid
from tui.app.one_pass import take_sizes
from tui.app.styles import SeriesStyles
from tui.core.export import footer, metric_block
from tui.core.targets import format_target
from tui.core.text import inert

if TYPE_CHECKING:  # pandas loads in the load's worker, after the frame has painted
    from tui.core.table import Table


def stacked(lines: list[str], best: int | None, width: int, right: bool = True) -> Text:
    """One cell holding every series' value, one per line, padded to the column's width so
    the header and every line align; the best one emphasised (bold, underlined)."""
    shown = [line.rjust(width) if right else line.ljust(width) for line in lines]
    spans = []
    if best is not None and shown[best]:  # the span Text.append adds, without line-by-line appends
        start = sum(map(len, shown[:best])) + best
        spans.append(Span(start, start + len(shown[best]), "bold underline"))
    # sized to fit: skipping the wrap makes tall cells cheaper
    return Text("\n".join(shown), no_wrap=True, spans=spans)


class Sentences(Static):
    """The notes under the table."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return take_sizes(self, size, virtual_size, container_size)


Column = tuple[str | Text, str, int]  # label, key, width
Shape = tuple[list[Column], list[str], int]
NOTHING: Shape = ([], [], 0)


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
        # What the grid holds: (columns, row keys, row height) and each row's cells.
        self._shape: Shape = NOTHING
        self._cells: dict[str, list[Text]] = {}
        self._sentences = ""

    def compose(self) -> ComposeResult:
        # The metric and series columns stay put when the targets scroll sideways.
        grid = MetricsGrid(id="metrics", cursor_type="none", zebra_stripes=True, fixed_columns=2)
        grid.can_focus = False  # the pane takes focus and scrolls it
        yield grid
        yield Sentences(id="sentences")

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return take_sizes(self, size, virtual_size, container_size)

    def action_sideways(self, columns: int) -> None:
        self.query_one("#metrics", DataTable).scroll_relative(x=columns, animate=False)

    def watch_table(self, table: Table | None) -> None:
        if table is not None:
            self.show(table)

    def show(self, table: Table) -> None:
        grid = self.query_one("#metrics", DataTable)
        labels = [f"{self.series_styles.marker(s.label)} {inert(s.label)}" for s in table.series]
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
        first = max([len(corner)] + [len(m.label) for m in table.metrics])
        columns: list[Column] = [
            (corner, "metric", first),
            ("series", "series", max([6, *map(len, labels)])),
            *[
                (Text(head.rjust(w)), f"t{i}", w)
                for i, (head, w) in enumerate(zip(heads, widths, strict=True))
            ],
        ]
        rows: list[tuple[str, list[Text]]] = [
            (
                metric.key,
                [
                    Text(metric.label),
                    stacked(labels, None, 0, right=False),
                    *[
                        stacked([texts[s][t] for s in range(len(labels))], best[t], widths[t])
                        for t in range(len(heads))
                    ],
                ],
            )
            for metric, texts, best in blocks
        ]
        self._fill(grid, columns, rows, max(1, len(labels)))
        sentences = glyphs("\n".join(footer(table)))
        if sentences != self._sentences:  # an update lays the pane out again
            self.query_one("#sentences", Static).update(Text(sentences))
            self._sentences = sentences

    def _fill(
        self,
        grid: DataTable[Text],
        columns: list[Column],
        rows: list[tuple[str, list[Text]]],
        height: int,
    ) -> None:
        """Change only what changed: cells in place when the columns and rows stay (a cost
        model), rows when only they change (a filter), everything otherwise (targets)."""
        shape = (columns, [key for key, _ in rows], height)
        if shape == self._shape:
            for key, cells in rows:
                for (_, column, _), cell, old in zip(columns, cells, self._cells[key], strict=True):
                    if cell != old:  # equal Texts: same characters and styles
                        grid.update_cell(key, column, cell)
        else:
            if columns != self._shape[0]:
                grid.clear(columns=True)
                for label, column, width in columns:
                    grid.add_column(label, key=column, width=width)
            else:
                grid.clear()
            for key, cells in rows:
                grid.add_row(*cells, height=height, key=key)
        self._shape, self._cells = shape, dict(rows)

    def show_message(self, text: str) -> None:
        self.table = None
        self.query_one("#metrics", DataTable).clear(columns=True)
        self._shape, self._cells = NOTHING, {}
        self._sentences = inert(text)
        self.query_one("#sentences", Static).update(Text(self._sentences))
