"""The metrics grid draws every line as Textual's DataTable draws the same table: compared line
by line, segment by segment (text and visible style), scrolled down and sideways, in a dark and
a light theme, with emphasised values, cells cut to their column and wide characters."""

from __future__ import annotations

import random

import pytest
from helpers import app_request
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.color import Color
from textual.strip import Strip
from textual.widgets import DataTable

from tui.app.grid_lines import Column, Grid, Palette, Row, row_line
from tui.app.main import make_app
from tui.app.metrics_grid import MetricsGrid

Seen = list[tuple[str, Style | None]]


def seen(strip: Strip) -> Seen:
    """What a line shows: each segment's text and its style without the mouse's meta (an empty
    segment shows nothing: the DataTable leaves one at the row's end when scrolled fully)."""
    return [(s.text, s.style and s.style.clear_meta_and_links()) for s in strip if s.text]


def stacked(lines: tuple[str, ...], best: int | None, column: Column) -> Text:
    """A DataTable cell, built a line at a time: aligned, the best line bold and underlined."""
    text = Text(no_wrap=True, end="")
    for i, line in enumerate(lines):
        shown = line.rjust(column.width) if column.right else line.ljust(column.width)
        text.append("\n" if i else "")
        text.append(shown, style="bold underline" if i == best and shown else "")
    return text


def fill(table: DataTable[Text], grid: Grid) -> None:
    table.clear(columns=True)
    for i, column in enumerate(grid.columns):
        table.add_column(stacked((column.label,), None, column), width=column.width, key=str(i))
    for row in grid.rows:
        best = row.best + (None,) * len(row.cells)
        cells = [stacked(lines, best[c], grid.columns[c]) for c, lines in enumerate(row.cells)]
        table.add_row(*cells, height=grid.height, key=row.key)


class Both(App[None]):
    """The grid and a DataTable set up as the grid's predecessor was, the same size."""

    CSS = """
    Screen { layout: horizontal; }
    MetricsGrid, DataTable { width: 1fr; height: 100%; scrollbar-size: 1 1; }
    """

    def compose(self) -> ComposeResult:
        yield MetricsGrid(id="grid")
        table = DataTable[Text](cursor_type="none", zebra_stripes=True, fixed_columns=2)
        table.can_focus = False  # as the grid's was: the pane held focus
        yield table


def made_up(rng: random.Random, columns: int, rows: int, height: int) -> Grid:
    words = ["", "1.5", "12,345", "—", "• MTP", "é漢字", "[bold]x[/]", "a long label here"]
    cols = tuple(
        Column(rng.choice(words), rng.randint(0, 12), right=c >= 2) for c in range(columns)
    )
    body = tuple(
        Row(
            f"r{r}",
            tuple(
                tuple(rng.choice(words) for _ in range(rng.randint(0, height)))
                for _ in range(columns)
            ),
            tuple(rng.choice([None, *range(height)]) for _ in range(columns)),
        )
        for r in range(rows)
    )
    return Grid(cols, body, height, fixed=2)


def lines(app: Both) -> tuple[list[Seen], list[Seen]]:
    grid, table = app.query_one(MetricsGrid), app.query_one(DataTable)
    assert grid.size == table.size and grid.scroll_offset == table.scroll_offset
    mine = [seen(grid.render_line(y)) for y in range(grid.size.height)]
    table.render_lines(table.size.region)  # sets the state its lines are drawn in
    return mine, [seen(table.render_line(y)) for y in range(table.size.height)]


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("size", [(90, 16), (240, 30)])
async def test_every_line_is_the_datatables(theme: str, size: tuple[int, int]) -> None:
    rng = random.Random(size[0])
    app = Both()
    async with app.run_test(size=size) as pilot:
        app.theme = theme
        grid, table = app.query_one(MetricsGrid), app.query_one(DataTable)
        for shape in [(7, 4, 6), (9, 3, 11), (2, 2, 1), (3, 0, 1)]:
            data = made_up(rng, *shape)
            grid.data = data
            fill(table, data)
            await pilot.pause()
            assert grid.virtual_size == table.virtual_size
            offsets = {(0, 0), (grid.max_scroll_x, grid.max_scroll_y)}
            offsets |= {(rng.randint(0, grid.max_scroll_x), rng.randint(0, grid.max_scroll_y))}
            for x, y in sorted(offsets):
                for widget in (grid, table):
                    widget.scroll_to(x, y, animate=False, immediate=True)
                await pilot.pause()
                mine, theirs = lines(app)
                assert mine == theirs, (shape, x, y)
                assert any(mine)
        app.theme = "textual-light" if theme == "textual-dark" else "textual-dark"
        await pilot.pause()  # lines drawn before in the other theme are not shown again
        mine, theirs = lines(app)
        assert mine == theirs


async def test_emphasis_and_stripes_show() -> None:
    """Not two blank tables alike: the best value is bold and underlined, rows alternate."""
    data = Grid(
        (Column("m", 3), Column("series", 6), Column("@5", 5, right=True)),
        tuple(Row(k, (("m",), ("a", "b"), ("1.0", "22.0")), (None, None, 1)) for k in "xy"),
        2,
        fixed=2,
    )
    app = Both()
    async with app.run_test(size=(60, 10)) as pilot:
        grid = app.query_one(MetricsGrid)
        grid.data = data
        await pilot.pause()
        first, second, third = (list(grid.render_line(y)) for y in (1, 2, 3))
        assert [s.text for s in first][:3] == [" m   ", " a      ", "   1.0 "]
        assert [s.text for s in second][:5] == ["     ", " b      ", " ", " 22.0", " "]
        for segment in first[:3] + second[:3] + second[4:5]:
            assert segment.style and not segment.style.bold and not segment.style.underline
        assert second[3].style and second[3].style.bold and second[3].style.underline
        back = [[s.style.bgcolor if s.style else None for s in line] for line in (first, third)]
        assert back[0][2] != back[1][2]  # even and odd rows: zebra stripes
        assert back[0][0] == back[1][0]  # the fixed columns: none


async def test_same_shape_keeps_the_scroll_another_resets_it() -> None:
    """As the DataTable's cells updated in place (a cost model) or cleared (other targets)."""
    columns = (Column("m", 4), Column("s", 4), *[Column(f"@{i}", 6, right=True) for i in range(8)])
    rows = tuple(Row(k, tuple(("1", "2", "3") for _ in columns)) for k in "abc")
    app = Both()
    async with app.run_test(size=(60, 12)) as pilot:
        grid = app.query_one(MetricsGrid)
        grid.data = Grid(columns, rows, 5, fixed=2)
        await pilot.pause()
        grid.scroll_to(6, 1, animate=False, immediate=True)
        await pilot.pause()
        assert grid.render_line(1).text.split()[:3] == ["2", "2", "2"]
        other = Row("a", tuple(("7", "8", "9") for _ in columns))
        grid.data = Grid(columns, (other, *rows[1:]), 5, fixed=2)
        await pilot.pause()
        assert grid.scroll_offset == (6, 1)
        assert grid.render_line(1).text.split()[:3] == ["8", "8", "8"]
        grid.data = Grid(columns[:-1], rows, 5, fixed=2)
        await pilot.pause()
        assert grid.scroll_offset == (0, 0)


async def test_text_is_never_markup() -> None:
    data = Grid((Column("[b]c[/b]", 9), Column("[red]s", 8)), (Row("k", (("[i]m[/i]",), ())),))
    app = Both()
    async with app.run_test(size=(60, 8)) as pilot:
        app.query_one(MetricsGrid).data = data
        await pilot.pause()
        grid = app.query_one(MetricsGrid)
        assert grid.render_line(0).text.startswith(" [b]c[/b]   [red]s   ")
        assert grid.render_line(1).text.startswith(" [i]m[/i]  ")


async def test_h_and_l_scroll_the_targets_sideways() -> None:
    async with make_app(app_request()).run_test(size=(60, 15)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        grid = pilot.app.query_one("#metrics", MetricsGrid)
        assert grid.max_scroll_x > 8 and grid.show_horizontal_scrollbar
        header = grid.render_line(0).text
        pilot.app.query_one("#table-pane").focus()
        await pilot.press("l")
        assert grid.scroll_x == 8
        moved = grid.render_line(0).text
        fixed = sum(c.width + 2 for c in grid.data.columns[:2])
        assert moved[:fixed] == header[:fixed] and moved[fixed:].startswith(header[fixed + 8 :])
        await pilot.press("h")
        assert grid.scroll_x == 0 and grid.render_line(0).text == header


def test_a_segment_is_a_cell() -> None:
    """Cells side by side never share a style (so never one segment in a screenshot)."""
    plain = Style()
    palette = Palette(plain, plain, plain, plain, plain, Color(0, 0, 0))
    columns = (Column("a", 2), Column("b", 2), Column("c", 2), Column("d", 2))
    data = Grid(columns, (Row("k", (("x",), ("y",), ("z",), ("w",))),), 1, fixed=2)
    segments = list(row_line(data, palette, 0, 0, 0, 30))
    assert [s.text for s in segments] == [" x  ", " y  ", " z  ", " w  ", " " * 14]
    assert len({s.style for s in segments}) == 5
    for x in (0, 3):  # narrower than the fixed columns, scrolled or not: cut to the width
        assert row_line(data, palette, 0, 0, x, 6).text == " x   y"


async def test_the_pane_scrolls_every_row_into_view() -> None:
    """The grid is as tall as its rows: j/k (the pane's scroll) reach the last one, with no
    second scrollbar of the grid's own that only a mouse could move."""
    async with make_app(app_request()).run_test(size=(100, 30)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        grid = pilot.app.query_one("#metrics", MetricsGrid)
        pane = pilot.app.query_one("#table-pane")
        # all its lines (and the sideways scrollbar under them, when targets do not fit)
        assert grid.size.height - grid.show_horizontal_scrollbar == grid.data.lines
        assert grid.data.lines > pane.size.height
        assert not grid.show_vertical_scrollbar
        pane.focus()
        for _ in range(grid.data.lines):
            await pilot.press("j")
        await pilot.pause()
        last = grid.region.y + grid.data.lines - 1  # the grid's last line, on screen
        assert pane.region.y <= last < pane.region.bottom
