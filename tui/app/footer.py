"""The key footer, composed once with its keys and rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

Shown = tuple[tuple[Any, ...], ...]


def shown_keys(screen: Screen[Any]) -> Shown:
    """What a Footer would draw for `screen`: every shown key, its label and whether it works."""
    app = screen.app
    return tuple(
        (key, app.get_key_display(b), b.description, b.action, enabled, tooltip, b.group)
        for key, (_, b, enabled, tooltip) in screen.active_bindings.items()
        if b.show
    )


class KeysFooter(Footer):
    """Textual's Footer composes empty, then rebuilds every key after the first paint and on
    each focus or screen change (several times at startup), each time a layout pass. The
    explorer's shown keys are the app's, the same whatever has focus: composed once, with
    the screen, and rebuilt only if they change."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: Shown | None = None
        self.set_reactive(Footer._bindings_ready, True)  # the keys are known from the start

    def compose(self) -> ComposeResult:
        self._shown = shown_keys(self.screen)
        for widget in super().compose():
            # A key sets its -compact class once mounted, restyling itself: set it up front.
            if hasattr(widget, "compact"):
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = shown_keys(screen)
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)
