"""Key H: the history view draws what tui.core.history computes for the same choices."""

from __future__ import annotations

from helpers import app_frame, app_request

from tui.app.history_screen import HistoryScreen
from tui.app.main import make_app
from tui.core.hardware import default_table
from tui.core.history import history


async def test_history_screen_shows_the_core_lines() -> None:
    request = app_request(model="dsr1", filters={"hardware": ("gb200",)})
    app = make_app(request)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.table is not None
        target = app.table.targets[len(app.table.targets) // 2]
        await pilot.press("H")
        assert isinstance(app.screen, HistoryScreen)
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        title = str(app.screen.query_one("#history-title").render())
        expected = history(
            app_frame(),
            "dsr1",
            "1k/1k",
            target,
            "tput_per_gpu",
            default_table(),
            selection=app.screen.selection,
        )
        reached = sum(1 for line in expected if line.points)
        assert f"History at {target:g} tok/s/user" in title
        assert f"{reached} of {len(expected)} configurations" in title
        assert reached >= 1
        await pilot.press("m")  # the next metric, recomputed in place
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        assert "output throughput" in str(app.screen.query_one("#history-title").render())
        await pilot.press("escape")
        assert not isinstance(app.screen, HistoryScreen)
