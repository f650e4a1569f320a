"""Each series' glyph and colour, kept while filters change (keyed by the series, not its place).

Shared by the chart and the table, so a series reads the same in both. No Textual here.
"""

from __future__ import annotations

from tui.core.glyphs import to_ascii
from tui.core.text import inert

# Distinct characters keep curves apart without colour (monochrome terminals, pasted text);
# with 6 colours they make 30 distinct glyph+colour pairs.
MARKERS = ("•", "+", "x", "*", "o", "#", "%", "@", "=", "&")
ASCII_MARKERS = ("o", "+", "x", "*", "O", "#", "%", "@", "=", "&")
THEME_COLOURS = ("primary", "warning", "success", "error", "accent", "secondary")


class SeriesStyles:
    def __init__(self, ascii_only: bool = False) -> None:
        self.ascii_only = ascii_only
        self.markers = ASCII_MARKERS if ascii_only else MARKERS
        self._slots: dict[str, int] = {}

    def glyphs(self, text: str) -> str:
        """The text as drawn: ASCII stand-ins for dashes, bullets and bars when asked."""
        # Names from files are data: control characters made visible, line by line.
        text = "\n".join(inert(line) for line in text.split("\n"))
        return to_ascii(text) if self.ascii_only else text

    def slot(self, label: str) -> int:
        return self._slots.setdefault(label, len(self._slots))

    def marker(self, label: str) -> str:
        return self.markers[self.slot(label) % len(self.markers)]

    def colour_name(self, label: str) -> str:
        """The theme variable whose colour this series is drawn in."""
        return THEME_COLOURS[self.slot(label) % len(THEME_COLOURS)]
