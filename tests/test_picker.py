"""The sidebar's dropdown: one line (the value and ▼), its choices in a menu under it."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.pilot import Pilot

from tui.app.picker import Picker, PickerMenu

CHOICES = [(Text(f"model {n}"), f"m{n}") for n in range(4)]


class One(App[None]):
    def __init__(self, top: int) -> None:
        super().__init__()
        self.top = top
        self.changes: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Picker(CHOICES, id="picker")

    def on_mount(self) -> None:
        self.query_one(Vertical).styles.padding = (self.top, 0, 0, 0)

    def on_picker_changed(self, event: Picker.Changed) -> None:
        self.changes.append(event.value)


async def opened(app: One, pilot: Pilot[None]) -> Picker:
    """The picker, its menu opened by the keyboard."""
    picker = app.query_one(Picker)
    picker.focus()
    await pilot.press("enter")
    await pilot.pause()
    return picker


def line(picker: Picker) -> str:
    return "".join(seg.text for seg in picker.render_line(0))


async def test_keys_open_the_menu_choose_and_leave() -> None:
    app = One(top=0)
    async with app.run_test(size=(30, 12)) as pilot:
        picker = app.query_one(Picker)
        assert picker.value == "m0" and line(picker).startswith("model 0")
        assert line(picker).rstrip().endswith("▼")
        picker.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerMenu)
        menu = app.screen.query_one("OptionList")
        assert menu.region.y == picker.region.bottom  # under the picker
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, PickerMenu)
        assert picker.value == "m2" and app.changes == ["m2"] and "model 2" in line(picker)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("OptionList").highlighted == 2  # opens at the value
        await pilot.press("up", "escape")
        await pilot.pause()
        assert picker.value == "m2" and app.changes == ["m2"]  # escape leaves it


async def test_clicks_open_the_menu_and_a_click_elsewhere_closes_it() -> None:
    app = One(top=0)
    async with app.run_test(size=(30, 12)) as pilot:
        await pilot.click(Picker)
        await pilot.pause()
        assert isinstance(app.screen, PickerMenu)
        await pilot.click(offset=(28, 11))
        await pilot.pause()
        assert not isinstance(app.screen, PickerMenu) and app.changes == []


async def test_the_menu_opens_above_when_there_is_no_room_below() -> None:
    app = One(top=9)
    async with app.run_test(size=(30, 12)) as pilot:
        picker = await opened(app, pilot)
        menu = app.screen.query_one("OptionList")
        assert menu.region.bottom <= picker.region.y


async def test_a_long_label_is_cut_and_the_value_must_be_a_choice() -> None:
    app = One(top=0)
    async with app.run_test(size=(14, 6)) as pilot:
        picker = app.query_one(Picker)
        picker.set_options([(Text("a very long model name indeed"), "long")])
        picker.value = "long"
        await pilot.pause()
        assert line(picker).rstrip() == "a very lon… ▼"  # 14 columns: 11, the arrow, a margin
        with pytest.raises(ValueError):
            picker.value = "not a choice"
        app.screen.add_class("-ascii")  # --ascii: the arrow too
        picker.refresh()
        await pilot.pause()
        assert line(picker).rstrip() == "a very l... v"


async def test_new_choices_or_a_new_size_close_an_open_menu() -> None:
    """Data arriving (or a reload) while the menu is open: the old menu closes, and a choice
    that is no longer one is ignored, never an error; a new window size closes it too."""
    app = One(top=0)
    async with app.run_test(size=(30, 12)) as pilot:
        picker = await opened(app, pilot)
        picker.set_options([(Text("other"), "o1"), (Text("another"), "o2")])
        await pilot.pause()
        assert not isinstance(app.screen, PickerMenu)
        picker._chosen("m3")  # a stale menu's choice
        assert picker.value == "m0" and app.changes == []
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PickerMenu)
        await pilot.resize_terminal(40, 14)
        await pilot.pause()
        assert not isinstance(app.screen, PickerMenu)


async def test_in_ascii_the_menu_has_an_ascii_border() -> None:
    app = One(top=0)
    async with app.run_test(size=(30, 12)) as pilot:
        app.screen.add_class("-ascii")
        await opened(app, pilot)
        rows = ["".join(s.text for s in strip) for strip in app.screen._compositor.render_strips()]
        assert all(ch.isascii() for row in rows for ch in row)
