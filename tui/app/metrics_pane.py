"""The table of metrics at the targets, laid out like the seed page, then the sentences."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import var
from textual.widgets import DataTable, Static

from tui.app.styles import SeriesStyles
from tui.core.export import footer, metric_block
from tui.core.targets import format_target
from tui.core.text import inert

if TYPE_CHECKING:  # pandas loads in the load's worker, after the frame has painted
    from tui.core.table import Table


def stacked(lines: list[str], best: int | None, width: int, right: bool = True) -> Text:
    """One cell holding every series' value, one per line, padded to the column's width so
    the header and every line align; the best one emphasised (bold, underlined)."""
    text = Text()
    for i, line in enumerate(lines):
        if i:
            text.append("\n")
        shown = line.rjust(width) if right else line.ljust(width)
        text.append(shown, style="bold underline" if i == best else "")
    return text


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

    def compose(self) -> ComposeResult:
        # The metric and series columns stay put when the targets scroll sideways.
        grid: DataTable[Text] = DataTable(
            id="metrics", cursor_type="none", zebra_stripes=True, fixed_columns=2
        )
        grid.can_focus = False  # the pane takes focus and scrolls it
        yield grid
        yield Static(id="sentences")

    def action_sideways(self, columns: int) -> None:
        self.query_one("#metrics", DataTable).scroll_relative(x=columns, animate=False)

    def watch_table(self, table: Table | None) -> None:
        if table is not None:
            self.show(table)

    def show(self, table: Table) -> None:
        grid = self.query_one("#metrics", DataTable)
        grid.clear(columns=True)
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
        grid.add_column(corner, key="metric", width=first)
        grid.add_column("series", key="series", width=max([6, *map(len, labels)]))
        for head, width in zip(heads, widths, strict=True):
            grid.add_column(Text(head.rjust(width)), width=width)
        for metric, texts, best in blocks:
            cells = [
                stacked([texts[s][t] for s in range(len(labels))], best[t], widths[t])
                for t in range(len(heads))
            ]
            grid.add_row(
                Text(metric.label),
                stacked(labels, None, 0, right=False),
                *cells,
                height=max(1, len(labels)),
                key=metric.key,
            )
        self.query_one("#sentences", Static).update(Text(glyphs("\n".join(footer(table)))))

    def show_message(self, text: str) -> None:
        self.table = None
        self.query_one("#metrics", DataTable).clear(columns=True)
        self.query_one("#sentences", Static).update(Text(inert(text)))
