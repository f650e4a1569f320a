"""What the metrics grid shows, as plain data, and each of its lines as segments.

A line is laid out as Textual's DataTable (8) lays out its own with fixed columns, a padding
of 1 and zebra stripes: the fixed cells, then the other cells from the horizontal scroll
offset, then the row's end faded toward the background; one segment per cell (three for an
emphasised value), so a screen reads the same, segment for segment.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.strip import Strip

EMPHASIS = Style(bold=True, underline=True)
"""The best value in a cell."""

PAD = 1
"""Blank characters each side of a cell's text."""


@dataclass(frozen=True)
class Column:
    """A column: its header, the characters its text takes (the cell adds PAD each side), and
    whether the header and values are right-aligned (numbers) or left-aligned (names)."""

    label: str
    width: int
    right: bool = False


@dataclass(frozen=True)
class Row:
    """A row: each cell's lines (a cell with fewer lines than the row is blank below) and,
    per cell, which line is emphasised (None: none)."""

    key: str
    cells: tuple[tuple[str, ...], ...]
    best: tuple[int | None, ...] = ()


@dataclass(frozen=True)
class Grid:
    """A whole table: its columns, its rows (each `height` lines tall) and how many leading
    columns stay in place when the others scroll sideways."""

    columns: tuple[Column, ...] = ()
    rows: tuple[Row, ...] = ()
    height: int = 1
    fixed: int = 0

    @cached_property
    def width(self) -> int:
        return sum(c.width + 2 * PAD for c in self.columns)

    @cached_property
    def left(self) -> int:
        """The fixed columns' width."""
        return sum(c.width + 2 * PAD for c in self.columns[: self.fixed])

    @property
    def lines(self) -> int:
        """Lines in all: the header, then every row's."""
        return 1 + len(self.rows) * self.height

    @property
    def shape(self) -> tuple[object, ...]:
        """All but the cells' text: while it stays, an update keeps the scroll offsets."""
        return (self.columns, tuple(r.key for r in self.rows), self.height, self.fixed)


@dataclass(frozen=True)
class Palette:
    """The styles a line is drawn in (from the widget's CSS, read once per render pass)."""

    base: Style
    header: Style
    fixed: Style
    odd: Style
    even: Style
    background: Color

    def row(self, index: int) -> Style:
        """Zebra stripes: the first row (0) is even."""
        return self.odd if index % 2 else self.even

    def end(self, style: Style) -> Style:
        """The row's end beyond its last column: its background faded toward the grid's."""
        return _faded(style, self.background)


@lru_cache(maxsize=64)
def _faded(style: Style, background: Color) -> Style:
    if style.bgcolor is None:
        return Style.from_color(style.color, None)
    faded = Color.from_rich_color(style.bgcolor).blend(background, 0.25)
    return Style.from_color(style.color, faded.rich_color)


def fit(text: str, column: Column) -> tuple[str, int]:
    """The text aligned in the column's width and cut to it as Rich cuts an unwrapped line,
    and the cells it takes (text is inert: no control characters)."""
    width = column.width
    shown = text.rjust(width) if column.right else text.ljust(width)
    if len(shown) == width and shown.isascii():
        return shown, width
    if (excess := len(shown) - width) > 0:  # trailing blanks go first (Text.rstrip_end)
        shown = shown[: len(shown) - min(excess, len(shown) - len(shown.rstrip()))]
    if cell_len(shown) > width:
        shown = set_cell_size(shown, width)
    return shown, cell_len(shown)


def cell(text: str, column: Column, style: Style, emphasised: bool = False) -> list[Segment]:
    """One line of a cell: its padding and text, the text emphasised if asked."""
    shown, used = fit(text, column)
    rest = " " * (PAD + column.width - used)
    if emphasised and shown:
        return [Segment(" " * PAD, style), Segment(shown, style + EMPHASIS), Segment(rest, style)]
    return [Segment(f"{' ' * PAD}{shown}{rest}", style)]


def clip(segments: list[Segment], start: int, stop: int) -> list[Segment]:
    """Cells start..stop of a line's segments, cut as Strip.crop cuts them."""
    kept, pos = [], 0
    for segment in segments:
        end = pos + segment.cell_length
        if end > start and pos < stop:
            if pos < start:
                segment = segment.split_cells(start - pos)[1]
            if end > stop:
                segment = segment.split_cells(stop - max(pos, start))[0]
            kept.append(segment)
        pos = end
    return kept


Cells = Callable[[int, Style], list[Segment]]  # column index, style -> the cell's segments


@lru_cache(maxsize=4096)
def tagged(style: Style, row: int, column: int, fixed: bool = False) -> Style:
    """A cell's style with DataTable's meta (where a mouse is): no two cells side by side have
    the same style, so a screenshot that joins segments of one style joins none across cells."""
    if fixed:
        style += Style.from_meta({"fixed": True})
    return style + Style.from_meta({"row": row, "column": column})


@lru_cache(maxsize=1024)
def ending(style: Style, row: int) -> Style:
    return style + Style.from_meta({"row": row, "column": 0, "out_of_bounds": True})


def line(
    grid: Grid, cells: Cells, row: int, styles: tuple[Style, Style, Style], x: int, width: int
) -> Strip:
    """A line of row `row` (-1: the header), `width` wide if the fixed columns fit: the fixed
    cells, then the others from `x` (as if the fixed columns were also there, scrolled under),
    then the row's end; in `styles` (fixed cells, the others, the end)."""
    fixed, style, end = styles
    columns, count = grid.columns, grid.fixed
    segments = [
        s
        for c in range(min(count, len(columns)))
        for s in cells(c, tagged(fixed, row, c, row >= 0))
    ]
    used = left = grid.left
    start, stop = x + left, x + width  # of the line from the first column
    if stop <= start:  # the fixed columns fill the width (a DataTable fails an assertion)
        return Strip(segments, used)

    def add(drawn: list[Segment], pos: int, span: int) -> None:
        nonlocal used
        if start <= pos and pos + span <= stop:
            segments.extend(drawn)
        else:
            segments.extend(clip(drawn, start - pos, stop - pos))
        used += min(stop, pos + span) - max(start, pos)

    pos = left
    for c in range(count, len(columns)):
        span = columns[c].width + 2 * PAD
        if pos >= stop:
            break
        if pos + span > start:
            add(cells(c, tagged(style, row, c)), pos, span)
        pos += span
    # The row's end, after every column: as long as the widget is wide less the scrolling
    # columns' width (DataTable's measure), so a narrow table fills the widget.
    total, rest = grid.width, max(0, width - (grid.width - left))
    if rest and total < stop and total + rest > start:
        add([Segment(" " * rest, ending(end, row))], total, rest)
    return Strip(segments, used)


def header_line(grid: Grid, palette: Palette, x: int, width: int) -> Strip:
    def cells(c: int, style: Style) -> list[Segment]:
        return cell(grid.columns[c].label, grid.columns[c], style)

    style = palette.header
    strip = line(grid, cells, -1, (style, style, palette.end(style)), x, width)
    return strip.adjust_cell_length(width, palette.base)


def row_line(grid: Grid, palette: Palette, index: int, y: int, x: int, width: int) -> Strip:
    """Line `y` of row `index`."""
    row = grid.rows[index]

    def cells(c: int, style: Style) -> list[Segment]:
        lines = row.cells[c] if c < len(row.cells) else ()
        best = row.best[c] if c < len(row.best) else None
        if y >= len(lines):
            return cell("", grid.columns[c], style)
        return cell(lines[y], grid.columns[c], style, best == y)

    style = palette.row(index)
    strip = line(grid, cells, index, (palette.fixed, style, palette.end(style)), x, width)
    return strip.adjust_cell_length(width, palette.base)
