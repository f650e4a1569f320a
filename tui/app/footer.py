"""The key footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

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
    """Textual's Footer rebuilds all its keys on every focus or screen change, several times
    at startup; the keys are the same each time, and each rebuild costs a layout pass."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: Shown | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = shown_keys(screen)
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)
