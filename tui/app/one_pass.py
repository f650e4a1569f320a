"""One frame per change: sizes from a layout pass taken without asking for another pass.

Textual (8) lays the screen out, then tells each widget its new sizes; a new virtual size then
asks for a second layout, and scrollbars told their new sizes ask for a repaint of their own.
Each of those is a frame ~30 ms after the first, for a picture the first already had right.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget


class SteadyScreen(Screen[None]):
    """A screen that lays itself out again only when its size changes.

    Textual sends the screen a Resize when the terminal reports its size at start (the
    headless driver does too), after the first layout at that very size: each was a full
    layout and a frame of its own, for the picture already on screen.
    """

    def _screen_resized(self, size: Size) -> None:
        if size == self.size and size == self._compositor.size:
            return  # laid out at this size already
        super()._screen_resized(size)


def take_sizes(widget: Widget, size: Size, virtual: Size, container: Size) -> bool:
    """Widget._size_updated without the second layout: a new virtual size alone moves nothing
    (scrollbars that appear or go still ask for one)."""
    changed = Widget._size_updated(widget, size, virtual, container, layout=False)
    paint_scrollbars_now(widget)
    return changed


def paint_scrollbars_now(widget: Widget) -> None:
    """Scrollbars refreshed during the layout pass are drawn in the frame it is about to draw
    (Screen._refresh_layout renders right after telling widgets their sizes) instead of
    asking for the next one."""
    bars = [
        bar
        for bar in (widget._vertical_scrollbar, widget._horizontal_scrollbar)
        if bar is not None and bar._repaint_required
    ]
    if bars:
        widget.screen._compositor.update_widgets(set(bars))
        for bar in bars:
            bar._repaint_required = False
