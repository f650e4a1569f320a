"""A selection change reaches the screen in one frame, scrollbars included."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

from helpers import app_request
from textual import events
from textual.scrollbar import ScrollBar

from tui.app.app import ParetopApp
from tui.app.main import make_app
from tui.app.metrics_pane import MetricsPane


async def settled(frames: list[object], quiet: float = 0.3, most: float = 10.0) -> None:
    """Until a frame came and then none for `quiet` seconds (a slow machine waits longer)."""
    loop = asyncio.get_running_loop()
    end, seen, since = loop.time() + most, -1, loop.time()
    while loop.time() < end:
        await asyncio.sleep(0.02)
        if len(frames) != seen:
            seen, since = len(frames), loop.time()
        elif frames and loop.time() - since >= quiet:
            return


async def test_a_change_paints_one_frame_with_its_scrollbars(monkeypatch: Any) -> None:
    drawn: dict[ScrollBar, tuple[int, int, float]] = {}
    render_lines = ScrollBar.render_lines

    def spy(bar: ScrollBar, crop: Any) -> Any:
        drawn[bar] = (bar.window_virtual_size, bar.window_size, bar.position)
        return render_lines(bar, crop)

    monkeypatch.setattr(ScrollBar, "render_lines", spy)
    app = make_app(app_request(model="dsr1"))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        frames: list[object] = []
        display = app._display

        def record(screen: Any, update: Any) -> None:
            display(screen, update)
            if update is not None:
                frames.append(update)

        app._display = record  # type: ignore[method-assign,assignment]
        assert app.state is not None
        gpus = app.state.chosen("hardware")
        for change in (
            lambda: app.toggle_value("hardware", gpus[0]),  # fewer series: a shorter table
            app.action_next_cost_model,
            lambda: app.toggle_value("hardware", gpus[0]),  # and back
        ):
            frames.clear()
            change()
            await settled(frames)
            assert len(frames) == 1
            assert drawn  # the table's and its pane's, drawn as they are now
            for bar, seen in drawn.items():
                assert seen == (bar.window_virtual_size, bar.window_size, bar.position)


async def test_a_resize_to_the_size_it_has_lays_nothing_out() -> None:
    """The terminal reports its size at start, after the first layout at that very size: the
    screen (SteadyScreen) lays itself out again only for a size it does not have."""
    app = make_app(app_request())
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        layouts: list[object] = []
        real = screen._refresh_layout

        def counted(*args: Any, **kwargs: Any) -> None:
            layouts.append(args)
            real(*args, **kwargs)

        screen._refresh_layout = counted  # type: ignore[method-assign]
        screen.post_message(events.Resize(app.size, app.size))
        await pilot.pause()
        assert layouts == []
        await pilot.resize_terminal(90, 30)  # a new size is laid out as ever
        await pilot.pause()
        assert layouts


async def test_the_first_paint_is_one_frame_with_its_scrollbars(monkeypatch: Any) -> None:
    """Every request made while the screen was built, and every one its first layout makes
    (sizes, scrollbars that come, the chart drawn at its size), is answered in that frame."""
    monkeypatch.setattr(ParetopApp, "FIRST_PAINT_WAIT_S", 60.0)  # the data in the first frame
    for size in ((160, 48), (80, 24), (60, 15)):
        app = make_app(app_request(model="dsr1"))
        frames: list[object] = []
        display = app._display

        def record(
            screen: Any, update: Any, display: Any = display, frames: list[object] = frames
        ) -> None:
            display(screen, update)
            if update is not None:
                frames.append(update)

        app._display = record  # type: ignore[method-assign,assignment]
        async with app.run_test(size=size):
            await settled(frames)
            assert len(frames) == 1, size
            pane = app.query_one(MetricsPane)
            assert pane.show_vertical_scrollbar == (pane.virtual_size.height > pane.size.height)
            assert pane.vertical_scrollbar.window_size == pane.scrollable_content_region.height
            assert app.screen._layout_required is False


Cells = list[list[tuple[str, object]]]


def cells(app: ParetopApp) -> Cells:
    """The screen as it would be drawn now, cell by cell: character and style."""
    strips = app.screen._compositor.render_strips()
    return [[(ch, seg.style) for seg in strip for ch in seg.text] for strip in strips]


async def screen_at(size: tuple[int, int], resized: tuple[int, int] | None = None) -> Cells:
    app = make_app(app_request(model="dsr1"))
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        if resized is not None:
            await pilot.resize_terminal(*resized)
            await pilot.pause()
            await pilot.pause()
        return cells(app)


async def test_a_resized_screen_shows_what_one_started_at_that_size_shows() -> None:
    """A layout that settles before it paints (scrollbars that come or go, lists measured at
    their new width) leaves the screen as a first layout at that size would."""
    # (A sidebar hidden by a narrow window stays hidden when it grows: no pair grows past it.)
    pairs = (
        ((160, 48), (80, 24)),
        ((100, 30), (160, 48)),
        ((100, 30), (60, 15)),
        ((60, 15), (80, 24)),
    )
    for start, size in pairs:
        resized, fresh = await screen_at(start, size), await screen_at(size)
        rows = [y for y, (a, b) in enumerate(zip(resized, fresh, strict=True)) if a != b]
        first = rows[:1]
        assert rows == [], (
            start,
            size,
            [("".join(c for c, _ in resized[y]), "".join(c for c, _ in fresh[y])) for y in first],
        )


def styled(app: ParetopApp) -> list[tuple[str, str, str]]:
    return [
        (repr(node), node.styles.css, str(node.rich_style))
        for node in app.screen.walk_children(with_self=True)
    ]


async def test_the_first_paint_styles_every_widget_as_a_full_restyle_would(
    monkeypatch: Any,
) -> None:
    """The first resume skips Screen's restyle of every widget (SteadyScreen): each was styled
    as it mounted, and restyled by each class or focus change since."""
    monkeypatch.setattr(ParetopApp, "FIRST_PAINT_WAIT_S", 60.0)
    for ascii_only in (False, True):
        app = make_app(replace(app_request(model="dsr1"), ascii=ascii_only))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()

            first = styled(app)
            app.screen.update_node_styles(animate=False)
            await pilot.pause()
            assert styled(app) == first
