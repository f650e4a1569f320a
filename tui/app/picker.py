"""A one-line dropdown: the chosen value and ▼; its choices open in a small menu under it."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Offset
from textual.message import Message
from textual.reactive import var
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

MENU_ROWS = 12  # choices shown at once; more scroll


class Picker(Widget, can_focus=True):
    """Textual's compact Select drawn by one widget: its label, arrows and overlay list were
    four more widgets per control to mount and style at every start (~4% of the first paint
    for the sidebar's two). The menu of choices is made when it opens."""

    BINDINGS = [Binding("enter,down,space,up", "open", "Choose", show=False)]
    COMPONENT_CLASSES = {"picker--arrow"}
    DEFAULT_CSS = """
    Picker {
        height: 1;
        width: 1fr;
        padding: 0 1 0 0;
        background: $surface;
        color: $foreground;
    }
    Picker > .picker--arrow {
        color: $foreground 50%;
    }
    """

    value: var[str] = var("", init=False)
    """The chosen value (one of the options'); setting it posts Changed."""

    class Changed(Message):
        def __init__(self, picker: Picker, value: str) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> Picker:
            return self.picker

    def __init__(self, options: list[tuple[Text, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.options = list(options)  # (label, value)
        if self.options:
            self.set_reactive(Picker.value, self.options[0][1])

    def set_options(self, options: list[tuple[Text, str]]) -> None:
        """New choices (the value is set apart: see `value`); an open menu of the old ones
        closes, as Select's did."""
        if options == self.options:
            return
        self.options = list(options)
        self.refresh()
        screen = self.app.screen if self.is_attached else None
        if isinstance(screen, PickerMenu) and screen.picker is self:
            screen.finish(None)

    def validate_value(self, value: str) -> str:
        if value not in {v for _, v in self.options}:
            raise ValueError(f"{value!r} is not one of the choices")
        return value

    def watch_value(self, value: str) -> None:
        self.refresh()
        self.post_message(self.Changed(self, value))

    def label(self) -> Text:
        return next((label for label, v in self.options if v == self.value), Text(self.value))

    def render(self) -> Text:
        room = max(0, self.content_region.width - 2)  # the arrow and the space before it
        ascii_only = self.screen.has_class("-ascii")  # --ascii (tui.app.app)
        label = self.label().copy()
        if label.cell_len > room:
            cut = "..." if ascii_only else "…"
            label.truncate(max(0, room - len(cut)))
            label.append(cut)
        label.truncate(room, pad=True)
        arrow = " v" if ascii_only else " ▼"
        return Text.assemble(label, (arrow, self.get_component_rich_style("picker--arrow")))

    def action_open(self) -> None:
        if self.options:
            self.app.push_screen(PickerMenu(self), self._chosen)

    def _chosen(self, value: str | None) -> None:
        # Still one of the choices: a reload may have changed them while the menu was open.
        if value is not None and value != self.value and value in {v for _, v in self.options}:
            self.value = value

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_open()


class PickerMenu(ModalScreen[str | None]):
    """A picker's choices under it (above it when there is no room below); enter or a click
    chooses, escape, a click elsewhere or a new window size leaves the value as it was."""

    BINDINGS = [Binding("escape", "leave", "Close", show=False)]
    DEFAULT_CSS = f"""
    PickerMenu {{
        background: transparent;
    }}
    PickerMenu.-ascii > OptionList {{
        border: ascii $border;
    }}
    PickerMenu > OptionList {{
        height: auto;
        max-height: {MENU_ROWS + 2};
        border: tall $border;
        background: $surface;
        padding: 0;
        & > .option-list--option {{
            padding: 0 1;
        }}
    }}
    """

    def __init__(self, picker: Picker) -> None:
        super().__init__()
        self.picker = picker
        self._opened_at = picker.app.size
        self._finished = False

    def finish(self, value: str | None) -> None:
        """Once: a new size and new choices can both come before the menu has gone."""
        if not self._finished:
            self._finished = True
            self.dismiss(value)

    def compose(self) -> ComposeResult:
        picker = self.picker
        yield OptionList(*(Option(label, id=value) for label, value in picker.options))

    def on_mount(self) -> None:
        self.set_class(self.picker.screen.has_class("-ascii"), "-ascii")
        menu = self.query_one(OptionList)
        region = self.picker.region
        rows = min(len(self.picker.options), MENU_ROWS) + 2
        below = region.bottom + rows <= self.app.size.height
        menu.styles.width = max(region.width, 12)
        menu.styles.offset = (region.x, region.bottom if below else max(0, region.y - rows))
        values = [v for _, v in self.picker.options]
        if self.picker.value in values:
            menu.highlighted = values.index(self.picker.value)
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.finish(event.option.id)

    def action_leave(self) -> None:
        self.finish(None)

    def on_resize(self, event: events.Resize) -> None:
        if event.size != self._opened_at:
            self.finish(None)  # placed for the old size: closed, as a menu does

    def on_click(self, event: events.Click) -> None:
        menu = self.query_one(OptionList)
        if not menu.region.contains_point(Offset(event.screen_x, event.screen_y)):
            self.finish(None)
