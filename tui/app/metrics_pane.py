"""The table of metrics at the targets, laid out like the seed page, then the sentences."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import var
from textual.widgets import DataTable, Static

from tui.core.export import footer, metric_block
from tui.core.measures import TABLE
from tui.core.table import Table
from tui.core.targets import format_target


def stacked(lines: list[str], best: int | None, right: bool = True) -> Text:
    """One cell holding every series' value, one per line; the best one emphasised."""
    width = max((len(x) for x in lines), default=0)
    text = Text()
    for i, line in enumerate(lines):
        if i:
            text.append("\n")
        shown = line.rjust(width) if right else line
        text.append(shown, style="bold underline" if i == best else "")
    return text


class MetricsPane(VerticalScroll):
    """A row per metric, a column per target; each cell lists every series."""

    ALLOW_MAXIMIZE = True
    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("h", "scroll_left", "Left", show=False),
        Binding("l", "scroll_right", "Right", show=False),
    ]

    table: var[Table | None] = var(None)
    """The computed table; assigning it redraws the pane."""

    def compose(self) -> ComposeResult:
        yield DataTable(id="metrics", cursor_type="none", zebra_stripes=True)
        yield Static(id="sentences")

    def watch_table(self, table: Table | None) -> None:
        if table is not None:
            self.show(table)

    def show(self, table: Table) -> None:
        grid = self.query_one("#metrics", DataTable)
        grid.clear(columns=True)
        grid.add_column("tok/s/user →", key="metric")
        grid.add_column("series", key="series")
        for t in table.targets:
            grid.add_column(Text(f"@{format_target(t)}", justify="right"))
        labels = [s.label for s in table.series]
        for metric in TABLE:
            texts, best = metric_block(table, metric)
            cells = [
                stacked([texts[s][t] for s in range(len(labels))], best[t])
                for t in range(len(table.targets))
            ]
            grid.add_row(
                Text(metric.label),
                stacked(labels, None, right=False),
                *cells,
                height=max(1, len(labels)),
                key=metric.key,
            )
        self.query_one("#sentences", Static).update(Text("\n".join(footer(table))))

    def show_message(self, text: str) -> None:
        self.table = None
        self.query_one("#metrics", DataTable).clear(columns=True)
        self.query_one("#sentences", Static).update(Text(text))
