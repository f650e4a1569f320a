"""The chart's legend: whole entries laid out in lines, drawn as strips."""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget


def lay_out(
    entries: list[Text], width: int, max_lines: int, ellipsis: str = "…", gap: int = 3
) -> Text:
    """Entries in lines no wider than `width`; an entry (marker and name) is never split.

    When they need more than `max_lines`, the last line says how many more the table lists.
    """
    lines: list[Text] = [Text()]
    placed: list[int] = [0]
    for entry in entries:
        line = lines[-1]
        if line.cell_len and line.cell_len + gap + entry.cell_len > width:
            lines.append(Text())
            placed.append(0)
            line = lines[-1]
        if line.cell_len:
            line.append(" " * gap)
        line.append_text(entry)
        placed[-1] += 1
    if len(lines) > max(1, max_lines):
        keep = max(1, max_lines) - 1
        rest = len(entries) - 1 - sum(placed[:keep])  # the last entry names the targets
        more = f"{ellipsis} {rest} more: the table lists every series"
        lines = [*lines[:keep], Text(more, "dim")]
    out = Text("\n").join(lines)
    out.no_wrap = True
    out.overflow = "ellipsis"
    return out


EVERYWHERE = (1 << 16, 1 << 16)  # any legend's lines, as a region to draw again


def lines_in(text: Text) -> int:
    return text.plain.count("\n") + 1 if text.plain else 0


class Legend(Widget):
    """Lines that never wrap (lay_out fits them), so each is drawn from its own segments
    rather than through a Static's wrapping and formatting, and its height is its line
    count: the screen is laid out again only when that changes."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Text()
        self._lines: tuple[tuple[int, object], list[Strip]] | None = None  # drawn, by width

    def show(self, text: Text, layout: bool | None = None) -> None:
        """Show `text`; laid out again when its line count changes (or as `layout` says:
        False when the caller is itself arranging the screen and measures it)."""
        before = lines_in(self.text)
        self.text = text
        self._lines = None
        if layout is False:
            # Mid-arrangement: the region given spares refresh() looking up this widget's
            # own, which would lay the whole screen out again first (~10 ms) to find it.
            self.refresh(Region(0, 0, *EVERYWHERE))
        else:
            self.refresh(layout=lines_in(text) != before if layout is None else layout)

    def render(self) -> RenderResult:
        return self.text

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return lines_in(self.text)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.visual_style.rich_style
        key = (width, base)
        if self._lines is None or self._lines[0] != key:
            console = self.app.console
            lines = []
            for line in self.text.split(allow_blank=True) if self.text.plain else []:
                line.truncate(width, overflow=self.text.overflow or "ellipsis")
                segments = list(line.render(console, end=""))
                lines.append(Strip(segments).apply_style(base).extend_cell_length(width, base))
            self._lines = (key, lines)
        lines = self._lines[1]
        return lines[y] if y < len(lines) else Strip.blank(width, base)
