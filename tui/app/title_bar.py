"""The title line: Textual's Header drawn by one widget instead of four."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

ICON_WIDTH = 8  # Header's icon cell (padding 0 1) and the clock's space on the right
CLOCK_WIDTH = 10


class TitleBar(Widget):
    """The icon (a click opens the command palette), the title and sub-title centred.

    Looks as Textual's Header (no clock) does; its icon, title and clock space were three more
    widgets to mount, style and lay out at start (~2 ms each).
    """

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, icon: str) -> None:
        super().__init__()
        self.icon = icon

    def on_mount(self) -> None:
        for name in ("title", "sub_title"):
            self.watch(self.app, name, self._retitle, init=False)

    def _retitle(self, _title: str) -> None:
        self.refresh()

    def render(self) -> Content:
        room = max(0, self.size.width - ICON_WIDTH - CLOCK_WIDTH)
        title = self.app.format_title(self.app.title, self.app.sub_title)
        title = title.truncate(room, ellipsis=True)
        left = (room - title.cell_length) // 2
        icon = Content(f" {self.icon}").truncate(ICON_WIDTH, pad=True)
        middle = title.pad_left(left).pad_right(room - title.cell_length - left)
        return Content.assemble(icon, middle, " " * CLOCK_WIDTH)

    def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH:
            event.stop()
            self.app.action_command_palette()
