"""Startup: a quick first load is painted once, with its data; a slow one paints its frame first."""

from __future__ import annotations

import subprocess
import sys
import threading
from typing import Any

import pytest
from helpers import app_request
from textual.widgets import Static

from tui.app import prepare
from tui.app.app import ParetopApp
from tui.app.chart import ChartPanel, MetricPlot
from tui.app.legend import Legend
from tui.app.main import make_app


def status(app: ParetopApp) -> str:
    return str(app.query_one("#status", Static).content)


def test_the_app_imports_no_pandas_before_its_frame() -> None:
    code = "import sys, tui.app.main\nassert 'pandas' not in sys.modules, 'pandas imported'\n"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_cli_loads_no_http_client_before_a_command_needs_one() -> None:
    code = "import sys, tui.cli\nassert 'http.client' not in sys.modules, 'http.client imported'\n"
    subprocess.run([sys.executable, "-c", code], check=True)


async def test_a_quick_load_shows_its_data_in_the_first_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ParetopApp, "FIRST_PAINT_WAIT_S", 60.0)  # however busy the machine
    app = make_app(app_request())
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.table is not None  # set in on_mount, before any frame was painted
        assert "Loading" not in status(app)
        await pilot.pause()  # the load's progress messages, handled after: stale, never shown
        assert "Loading" not in status(app)


async def test_a_slow_load_paints_the_frame_first_then_its_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate = threading.Event()
    real_read = prepare.read

    def held_read(*args: Any, **kw: Any) -> Any:
        gate.wait(30)
        return real_read(*args, **kw)

    monkeypatch.setattr(prepare, "read", held_read)
    monkeypatch.setattr(ParetopApp, "FIRST_PAINT_WAIT_S", 0.05)
    app = make_app(app_request())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.table is None and status(app) == "Loading…"
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.table is not None and "Loading" not in status(app)


class Pictures:
    """The chart's picture (plot calls, plot size, legend) as each frame reaches the screen."""

    def __init__(self, app: ParetopApp) -> None:
        self.seen: list[tuple[Any, ...]] = []
        display = app._display

        def record(screen: Any, update: Any) -> None:
            display(screen, update)
            if update is not None:
                self.seen.append(picture(app))

        app._display = record  # type: ignore[method-assign,assignment]


def picture(app: ParetopApp) -> tuple[Any, ...]:
    plot = app.query_one(MetricPlot)
    return (plot.sketch.calls, plot.size, app.query_one(Legend).text.plain)


async def test_the_first_frame_shows_the_chart_drawn_for_its_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # ChartPanel.arrange draws at the size Textual's layout gives it, before the frame is
    # painted. Were arrange no longer called (it is Textual's Widget.arrange), the first frame
    # would show an empty chart and the drawing would come a frame later.
    monkeypatch.setattr(ParetopApp, "FIRST_PAINT_WAIT_S", 60.0)
    app = make_app(app_request())
    pictures = Pictures(app)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert pictures.seen and pictures.seen[0][0]  # data in the first frame's chart
        assert all(seen == picture(app) for seen in pictures.seen)  # and never redrawn
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        assert picture(app)[1] == app.query_one(MetricPlot).size
        chart = app.query_one(ChartPanel)
        assert chart._drawn == (chart.view, chart.size, app.query_one(MetricPlot).size)
