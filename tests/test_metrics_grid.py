"""The metrics grid draws a tall cell a screenful at a time: each line as the DataTable draws
it within the whole cell."""

from __future__ import annotations

import random

import pytest
from helpers import app_request
from rich.padding import Padding
from rich.style import Style
from rich.text import Text
from textual.renderables.styled import Styled
from textual.widgets import DataTable

from tui.app.main import make_app
from tui.app.metrics_grid import LazyCell, MetricsGrid
from tui.app.metrics_pane import stacked


@pytest.mark.parametrize("chunk", [1, 3, None])
async def test_each_line_is_the_datatables_own(
    chunk: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(LazyCell, "CHUNK", chunk)
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

        # Taller cells, read in any order: a stack of values, a label, an empty cell.
        rng = random.Random(3)
        pre, post = Style(bold=True, bgcolor="blue"), Style(color="red")
        cells = [
            stacked([f"{rng.uniform(0, 999):.1f}" for _ in range(11)], 4, 9),
            stacked([f"• series {i}" for i in range(7)], None, 0, right=False),
            Text("tok/s/GPU"),
            Text(""),
        ]
        for cell in cells:
            for height in (1, 7, 13):
                whole = pilot.app.console.render_lines(
                    Styled(Padding(cell, (0, 1)), pre_style=pre, post_style=post),
                    pilot.app.console_options.update_dimensions(13, height),
                )
                cell_lines = LazyCell(grid, cell, pre, post, 13, height)
                order = list(range(height))
                rng.shuffle(order)
                assert {i: cell_lines[i] for i in order} == dict(enumerate(whole))


def test_a_stacked_cell_is_the_text_built_line_by_line() -> None:
    rng = random.Random(1)
    for _ in range(500):
        lines = [rng.choice(["", "1.5", "—", "• MTP", "é漢"]) for _ in range(rng.randint(0, 6))]
        best = rng.choice([None, *range(len(lines))])
        width, right = rng.randint(0, 8), rng.random() < 0.5
        text = Text(no_wrap=True)
        for i, line in enumerate(lines):
            text.append("\n" if i else "")
            shown = line.rjust(width) if right else line.ljust(width)
            text.append(shown, style="bold underline" if i == best else "")
        made = stacked(lines, best, width, right)
        assert made == text and made.no_wrap
