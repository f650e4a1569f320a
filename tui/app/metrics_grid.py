"""The metrics grid: a table drawn a line at a time from plain data (Textual's Line API).

Each metric's row holds one line per series in every cell, so the table is far taller than the
pane showing it; only the lines in view are drawn, each from the strings of its cells, and kept
until the data, the scroll offset, the width or the styles change. It looks as Textual's
DataTable did with `fixed_columns=2`, `zebra_stripes=True` and no cursor: the same CSS for the
same parts (header, fixed columns, odd and even rows), the header fixed at the top.
"""

from __future__ import annotations

from rich.style import Style
from textual.geometry import Region, Size
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.grid_lines import Grid, Palette, header_line, row_line

KEPT_LINES = 4096
"""Drawn lines kept (a few screenfuls at any scroll offset)."""


class MetricsGrid(ScrollView, can_focus=False):
    """A table of stacked cells; `h`/`l` in the pane scroll its non-fixed columns."""

    COMPONENT_CLASSES = {
        "metrics-grid--header",
        "metrics-grid--fixed",
        "metrics-grid--odd-row",
        "metrics-grid--even-row",
    }

    # DataTable's (Textual 8) rules for the parts the grid has, colour for colour.
    DEFAULT_CSS = """
    MetricsGrid {
        background: $surface;
        color: $foreground;
        height: auto;

        &:dark {
            & > .metrics-grid--even-row {
                background: $surface-darken-1 40%;
            }
        }

        & > .metrics-grid--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .metrics-grid--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }

        & > .metrics-grid--fixed {
            background: $secondary-muted;
            color: $foreground;
        }

        & > .metrics-grid--odd-row {

        }

        & > .metrics-grid--even-row {
            background: $surface-lighten-1 50%;
        }
    }
    """

    data: var[Grid] = var(Grid())
    """What the grid shows; assigning a different Grid redraws it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._kept: dict[tuple[int, int, int, Palette], Strip] = {}
        self._palette: Palette | None = None

    def watch_data(self, old: Grid, new: Grid) -> None:
        self._kept.clear()
        if old.shape != new.shape:  # another table: back to its top left (as DataTable.clear)
            self.scroll_x = self.scroll_y = 0
            self.scroll_target_x = self.scroll_target_y = 0
        self.virtual_size = Size(new.width, new.lines)
        self.refresh()

    def palette(self) -> Palette:
        """The styles of the grid's parts, read from its CSS now."""

        def part(name: str) -> Style:
            return self.get_component_styles(f"metrics-grid--{name}").rich_style

        return Palette(
            self.rich_style,
            part("header"),
            part("fixed"),
            part("odd-row"),
            part("even-row"),
            self.background_colors[1],
        )

    def render_lines(self, crop: Region) -> list[Strip]:
        self._palette = self.palette()  # the styles cannot change within a pass
        try:
            return super().render_lines(crop)
        finally:
            self._palette = None

    def render_line(self, y: int) -> Strip:
        palette = self._palette or self.palette()
        grid, width = self.data, self.size.width
        x, down = self.scroll_offset
        line = y if y == 0 else y + down  # the header stays at the top
        if line >= grid.lines:
            return Strip.blank(width, palette.base)
        key = (line, x, width, palette)
        strip = self._kept.get(key)
        if strip is None:
            if len(self._kept) >= KEPT_LINES:
                self._kept.clear()
            if line == 0:
                strip = header_line(grid, palette, x, width)
            else:
                index, within = divmod(line - 1, grid.height)
                strip = row_line(grid, palette, index, within, x, width)
            self._kept[key] = strip
        return strip
