"""One frame per change: sizes from a layout pass taken without asking for another pass.

Textual (8) lays the screen out, then tells each widget its new sizes; a new virtual size then
asks for a second layout, and scrollbars told their new sizes ask for a repaint of their own.
Each of those is a frame ~30 ms after the first, for a picture the first already had right.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget


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
