"""The chart's lines built from plotext's cells equal the ones its ANSI string would give."""

from __future__ import annotations

import asyncio

from helpers import app_request
from rich.style import Style
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual_plotext import PlotextPlot

from tui.app.chart import MetricPlot
from tui.app.main import make_app


def cells(strip: Strip) -> list[tuple[str, Style | None]]:
    # Textual marks each cell of a Text with its offset (for selecting text): not a look.
    return [
        (ch, seg.style.clear_meta_and_links() if seg.style else None)
        for seg in strip
        for ch in seg.text
    ]


def through_ansi(plot: MetricPlot) -> list[list[tuple[str, Style | None]]]:
    """What textual-plotext draws: plotext's ANSI string, decoded into a Text."""
    width, height = plot.size
    plot.sketch.draw(plot.plt, (width, height))
    text = PlotextPlot.render(plot)
    return [
        cells(s)
        for s in Visual.to_strips(plot, visualize(plot, text), width, height, plot.visual_style)
    ]


def test_strips_equal_the_ansi_picture() -> None:
    async def run() -> int:
        compared = 0
        app = make_app(app_request(model="dsr1"))
        async with app.run_test(size=(160, 48)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            for theme in ("textual-dark", "textual-light"):
                app.theme = theme
                # throughput, then cost (with $ ticks), then log scale, then raw runs hidden
                for key in ("", "m", "L", "r"):
                    if key:
                        await pilot.press(key)
                    await pilot.pause()
                    plot = app.query_one(MetricPlot)
                    ours = [cells(plot.render_line(y)) for y in range(plot.size.height)]
                    assert ours == through_ansi(plot), (theme, key)
                    assert any(style and style.color for row in ours for _, style in row)
                    compared += 1
        return compared

    assert asyncio.run(run()) == 8
