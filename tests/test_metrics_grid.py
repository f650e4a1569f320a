"""The metrics grid draws a tall cell a line at a time: each line as the DataTable draws it."""

from __future__ import annotations

from helpers import app_request
from rich.style import Style
from textual.widgets import DataTable

from tui.app.main import make_app
from tui.app.metrics_grid import LazyCell, MetricsGrid


async def test_each_line_is_the_datatables_own() -> None:
    async with make_app(app_request(model="dsv4", group_by="spec")).run_test(
        size=(160, 48)
    ) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        grid = pilot.app.query_one("#metrics", MetricsGrid)
        base = grid.get_component_styles("datatable--fixed").rich_style
        for row in range(grid.row_count):
            for column in range(len(grid.columns)):
                for style in (base, Style()):
                    width = grid.ordered_columns[column].get_render_width(grid)
                    grid._cell_render_cache.clear()
                    whole = DataTable._render_cell(grid, row, column, style, width)
                    grid._cell_render_cache.clear()
                    lazy = grid._render_cell(row, column, style, width)
                    assert isinstance(lazy, LazyCell)
                    assert len(lazy) == len(whole) > 1
                    assert [lazy[i] for i in range(len(lazy))] == whole
