"""The title line: the app's title and sub-title, and its icon opens the command palette."""

from __future__ import annotations

from helpers import app_request
from textual.command import CommandPalette

from tui.app.main import make_app
from tui.app.title_bar import TitleBar


def line(bar: TitleBar) -> str:
    return "".join(seg.text for seg in bar.render_line(0))


async def test_the_title_follows_the_view_and_its_icon_opens_the_palette() -> None:
    app = make_app(app_request(model="dsr1"))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        bar = app.query_one(TitleBar)
        assert line(bar).startswith(" ⭘ ") and len(line(bar)) == 100
        assert "paretop — DeepSeek-R1-0528 1k/1k" in line(bar)
        app.sub_title = "x" * 200  # too long: cut with an ellipsis, the icon kept
        await pilot.pause()
        assert line(bar).startswith(" ⭘ ") and "…" in line(bar) and len(line(bar)) == 100
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
