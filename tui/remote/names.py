"""Database keys of the API (dsr1, gptoss120b) and the display names its routes take."""

from __future__ import annotations

from tui.core.models import prefix_names


def display_for(key: str) -> str | None:
    """The display name for a database key, or None for a key paretop does not know yet."""
    return prefix_names().get(key.strip().lower())


def resolve(wanted: str, keys: list[str]) -> str | None:
    """The key a user meant: a key or a display name, any case; None when nothing matches."""
    text = wanted.strip().lower()
    for key in keys:
        name = display_for(key)
        if text == key.lower() or (name is not None and text == name.lower()):
            return key
    return None
