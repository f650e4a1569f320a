"""The key footer: Textual's compact Footer line, drawn by one widget."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

Shown = tuple[tuple[Any, ...], ...]


def shown_keys(screen: Screen[Any]) -> Shown:
    """What a Footer would draw for `screen`: every shown key, its label and whether it works;
    one key per action (the first bound), as Footer shows them."""
    app, actions = screen.app, set()
    shown = []
    for key, (_, b, enabled, tooltip) in screen.active_bindings.items():
        if b.show and b.action not in actions:
            actions.add(b.action)
            shown.append((key, app.get_key_display(b), b.description, enabled, tooltip))
    return tuple(shown)


class KeysFooter(Widget, can_focus=False):
    """The keys as Textual's compact Footer draws them, in one widget instead of a container
    of one FooterKey widget per key: eleven widgets fewer to compose, style, lay out and draw
    before the first paint (~30 ms of it). Each key still does what a FooterKey does: a click
    presses it (a bell when it cannot act now), the pointer over it highlights it and shows
    its tooltip. The line is rebuilt only when the keys it shows change."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "footer-key",
        "footer-key--key",
        "footer-key--description",
        "footer-key--hover",
        "footer-key--hover-key",
        "footer-key--hover-description",
        "footer-key--disabled",
    }
    # Footer's and FooterKey's rules (textual/widgets/_footer.py, compact), per key as
    # components. A FooterKey's parts are drawn over its own background; the hovered parts
    # here name that background themselves (the same while the parts' own backgrounds are
    # transparent, as in every built-in theme).
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        .footer-key {
            background: $footer-item-background;
        }
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer-key--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .footer-key--hover-key {
            color: $footer-key-foreground;
            background: $block-hover-background;
            text-style: bold;
        }
        .footer-key--hover-description {
            color: $footer-description-foreground;
            background: $block-hover-background;
        }
        .footer-key--disabled {
            text-style: dim;
        }
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: Shown = ()
        self._cells: list[tuple[int, int]] = []
        """Where each key is on the line: its first cell and the one after its last."""
        self._hover: int | None = None

    def on_mount(self) -> None:
        self._shown = shown_keys(self.screen)
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if self.is_attached and screen is self.screen:
            shown = shown_keys(screen)
            if shown != self._shown:
                self._shown, self._hover = shown, None
                self.refresh()

    def render(self) -> Text:
        line, cells = Text(no_wrap=True, overflow="crop"), []
        for index, (_, display, description, enabled, _) in enumerate(self._shown):
            hover = "hover-" if index == self._hover else ""
            part = Text.assemble(
                (display, self.get_component_rich_style(f"footer-key--{hover}key"))
            )
            if description:
                style = self.get_component_rich_style(f"footer-key--{hover}description")
                part.append(" " + description, style)
            part.stylize_before(self.get_component_rich_style(f"footer-key{hover and '--hover'}"))
            if not enabled:
                part.stylize_before(self.get_component_rich_style("footer-key--disabled"))
            if index:
                line.append(" ")  # a compact FooterKey's right margin
            cells.append((line.cell_len, line.cell_len + part.cell_len))
            line.append_text(part)
        self._cells = cells
        return line

    def key_at(self, x: int) -> int | None:
        return next((i for i, (start, end) in enumerate(self._cells) if start <= x < end), None)

    def _point(self, index: int | None) -> None:
        if index != self._hover:
            self._hover = index
            self.tooltip = None if index is None else self._shown[index][4] or None
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._point(self.key_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._point(None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self.key_at(event.x)
        if index is None:
            return
        key, _, _, enabled, _ = self._shown[index]
        if enabled:
            self.app.simulate_key(key)
        else:
            self.app.bell()
