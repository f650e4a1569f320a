"""The metrics grid: Textual's DataTable, drawing a tall cell one line at a time.

Each cell holds one line per series, and any update makes the DataTable render every visible
cell again in full (at 100k rows, 380 lines a cell) although only a screenful of lines shows.
Here a tall cell's lines are rendered when first asked for, each exactly as the DataTable
renders it within the whole cell (a test compares the two).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast, overload

from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.css.styles import RenderStyles
from textual.geometry import Region, Size
from textual.renderables.styled import Styled
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable

from tui.app.one_pass import paint_scrollbars_now

Line = list[Segment]


class MetricsGrid(DataTable[Text]):
    """Rows taller than a line get LazyCells; the styles and cache key are worked out as in
    DataTable._render_cell (Textual 8), whose copy this is for those rows."""

    _pass_styles: dict[tuple[str, ...], _Kept] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        # Component styles cannot change within one pass; the DataTable asks for three of
        # them at every line, each a walk up the DOM (about a third of drawing the table).
        self._pass_styles = {}
        try:
            return super().render_lines(crop)
        finally:
            self._pass_styles = None

    @property
    def rich_style(self) -> Style:
        kept = self._pass_styles
        if kept is None:
            return super().rich_style
        if () not in kept:  # its own style, asked for at every line too
            kept[()] = _Kept(super().rich_style)
        return kept[()].rich_style

    def get_component_styles(self, *names: str) -> RenderStyles:
        kept = self._pass_styles
        if kept is None:
            return super().get_component_styles(*names)
        if names not in kept:
            kept[names] = _Kept(super().get_component_styles(*names).rich_style)
        return cast(RenderStyles, kept[names])  # the DataTable reads only its rich_style

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        paint_scrollbars_now(self)  # in this frame, not one of their own
        return changed

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[Line]:
        row_key = self._row_locations.get_key(row_index) if row_index >= 0 else None
        row = self.rows.get(row_key) if row_key is not None else None
        if row is None or column_index < 0 or row.auto_height or row.height <= 1:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        key = (
            row_key,
            self._column_locations.get_key(column_index),
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )  # the DataTable's own cache key: cleared and invalidated as it does
        cache: Any = self._cell_render_cache  # LazyCells too: the DataTable only indexes them
        if key not in cache:
            cell = self._get_row_renderables(row_index).cells[column_index]
            fixed = row_index < self.fixed_rows or column_index < self.fixed_columns
            component, post = self._get_styles_to_render_cell(
                False,
                False,
                fixed,
                hover,
                cursor,
                self.show_cursor,
                self._show_hover_cursor,
                self.cursor_foreground_priority == "css",
                self.cursor_background_priority == "css",
            )
            style = base_style + Style.from_meta({"row": row_index, "column": column_index})
            cache[key] = LazyCell(self, cell, style + component, post, width, row.height)
        return cast(list[Line], cache[key])


class _Kept:
    """A component's rich style, worked out once in a render pass."""

    __slots__ = ("rich_style",)

    def __init__(self, rich_style: Style) -> None:
        self.rich_style = rich_style


class LazyCell(Sequence[Line]):
    """A cell's lines, rendered on first use a screenful at a time (one rich call each)."""

    CHUNK: int | None = None
    """Lines drawn together (None: as many as the pane holding the grid shows); the grid asks
    for the lines in view in order."""

    def __init__(
        self,
        grid: DataTable[Text],
        cell: object,
        pre: Style,
        post: Style,
        width: int,
        height: int,
    ) -> None:
        self.grid, self.pre, self.post, self.width, self.height = grid, pre, post, width, height
        self.text = cell if isinstance(cell, Text) else Text(str(cell))
        plain = self.text.plain
        self.starts = [0, *(i + 1 for i, c in enumerate(plain) if c == "\n")]
        self.done: dict[int, Line] = {}
        self.blank: Line | None = None

    def __len__(self) -> int:
        return self.height

    @overload
    def __getitem__(self, index: int) -> Line: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Line]: ...
    def __getitem__(self, index: int | slice) -> Line | Sequence[Line]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.height))]
        if index < 0:
            index += self.height
        if not 0 <= index < self.height:
            raise IndexError(index)
        if index not in self.done:
            if index < len(self.starts):
                end = min(index + (self.CHUNK or self._in_view()), self.height)
                for i, line in enumerate(self.render(index, end), start=index):
                    self.done[i] = line
            else:  # below the text: padding only, without the empty text's own segment
                if self.blank is None:
                    self.blank = [
                        s for s in self.render(len(self.starts), self.height)[0] if s.text
                    ]
                return self.blank
        return self.done[index]

    def _in_view(self) -> int:
        """Lines of the grid in view: its scrolling pane's height (the grid itself is as tall
        as all its rows)."""
        pane = self.grid.parent
        shown = pane.size.height if isinstance(pane, Widget) else self.grid.size.height
        return max(1, shown)

    def render(self, first: int, end: int) -> list[Line]:
        """Lines first..end as the DataTable renders the whole cell (padded, styled): the
        text's lines from `first`, and blank lines when the text ends before `end`."""
        starts, text = self.starts, self.text
        stop = starts[end] - 1 if end < len(starts) else len(text.plain)
        part = text[starts[first] : stop] if first < len(starts) else Text("")
        part.no_wrap = text.no_wrap  # a slice keeps the rest (style, justify, overflow)
        console = self.grid.app.console
        options = self.grid.app.console_options.update_dimensions(self.width, end - first)
        padded = Padding(part, (0, self.grid.cell_padding))
        return console.render_lines(
            Styled(padded, pre_style=self.pre, post_style=self.post), options
        )
