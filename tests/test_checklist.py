"""A checklist whose counts and ticks change draws what a list built afresh draws."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.strip import Strip

from tui.app.checklist import CheckList


class Two(App[None]):
    def compose(self) -> ComposeResult:
        with Horizontal():
            yield CheckList(id="changed")
            yield CheckList(id="fresh")


def lines(checklist: CheckList) -> list[list[tuple[str, object]]]:
    strips: list[Strip] = checklist.render_lines(checklist.region.reset_offset)
    return [[(s.text, s.style) for s in strip] for strip in strips]


async def test_changed_prompts_draw_as_a_fresh_list() -> None:
    first = [
        ("b200", "b200 (17)", True),
        ("h200", "h200 (5)", True),
        ("mi300x", "mi300x (9)", True),
    ]
    steps = [
        # counts move, one wider than before
        (
            [
                ("b200", "b200 (16)", True),
                ("h200", "h200 (5)", True),
                ("mi300x", "mi300x (10)", True),
            ],
            {"b200", "h200", "mi300x"},
        ),
        # a value unticked, its count gone
        (
            [("b200", "b200 (16)", True), ("h200", "h200", True), ("mi300x", "mi300x (10)", True)],
            {"b200", "mi300x"},
        ),
        # a label too long for the list's width: OptionList's own way (it wraps)
        (
            [
                ("b200", "b200 " + "x" * 40, True),
                ("h200", "h200", False),
                ("mi300x", "mi300x (1)", True),
            ],
            {"b200"},
        ),
        (first, {"b200", "h200", "mi300x"}),
    ]
    app = Two()
    async with app.run_test(size=(60, 12)) as pilot:
        changed = app.query_one("#changed", CheckList)
        fresh = app.query_one("#fresh", CheckList)
        changed.show(first, {"b200", "h200", "mi300x"})
        await pilot.pause()
        changed.highlighted = 1
        app.set_focus(None)  # focus changes the look: neither list has it
        for items, ticked in steps:
            changed.show(items, ticked)
            fresh.set_options([])
            fresh.items, fresh.ticked = [], set()
            fresh.show(items, ticked)
            fresh.highlighted = changed.highlighted
            await pilot.pause()
            assert lines(changed) == lines(fresh)
            assert any("[x]" in text for line in lines(changed) for text, _ in line)


async def test_a_list_measured_at_one_width_is_measured_again_at_another() -> None:
    """A list measures its options as it is laid out (CheckList._size_updated), and a resize
    to the width they were measured at keeps them: a new width measures them again."""
    items = [("b200", "b200 (16)", True), ("mi300x", "mi300x (10) " + "y" * 12, True)]
    app = Two()
    async with app.run_test(size=(60, 12)) as pilot:
        changed = app.query_one("#changed", CheckList)
        changed.show(items, {"b200"})
        app.set_focus(None)  # focus changes the look: neither list has it
        await pilot.pause()
        wide = lines(changed)
        for width in (30, 60):
            await pilot.resize_terminal(width, 12)
            await pilot.pause()
            await pilot.pause()
            fresh = app.query_one("#fresh", CheckList)
            fresh.set_options([])
            fresh.items, fresh.ticked = [], set()
            fresh.show(items, {"b200"})
            await pilot.pause()
            assert changed.size == fresh.size
            assert lines(changed) == lines(fresh)
            assert changed.size.height == (3 if width == 30 else 2)  # the long one wraps
        assert lines(changed) == wide
