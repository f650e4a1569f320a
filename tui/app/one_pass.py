"""One frame per layout: a screen that settles its layout before it paints, and paints once.

Textual (8.2) lays the screen out, tells each widget its sizes and paints. Then, each ~30 ms
later, comes a frame for what that pass asked for itself: a new virtual size asks for another
layout, scrollbars that came or went ask for one too, widgets refreshed during the pass (a
scrollbar told its size, the chart drawn at its size) ask for a repaint, and at the start
every request made while the screen was being built arrives after the first frame has drawn
it. Here a layout pass lays out again at once when scrollbars came or went, paints what was
refreshed during it, and the first pass answers what was asked before it.
"""

from __future__ import annotations

from typing import Any

from textual import events, messages
from textual.geometry import Region, Size
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget

MOST_PASSES = 3
"""Layouts in one pass at most: scrollbars that come can make others come (one per axis)."""


class SteadyScreen(Screen[None]):
    """A screen that paints a layout once it has settled, and lays out only when needed."""

    _laid_out = False
    _first_resume = False
    _first_layout_at = float("-inf")
    """When the first layout began: a request made before it was answered by it."""

    def _screen_resized(self, size: Size) -> None:
        """Textual sends the screen a Resize when the terminal reports its size at start (the
        headless driver does too), after the first layout at that very size: each was a
        full layout and a frame of its own, for the picture already on screen."""
        if size == self.size and size == self._compositor.size:
            return  # laid out at this size already
        super()._screen_resized(size)

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        event.prevent_default()  # Screen's own handler runs here, to know what it did
        self._first_resume = not self._laid_out
        if self._first_resume:
            # Every widget was styled as it mounted, a moment ago, and restyled by each class
            # or focus change since: styling them all again was ~20 ms of the first paint.
            event.refresh_styles = False
        try:
            Screen._on_screen_resume(self, event)
        finally:
            self._first_resume = False

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> SteadyScreen:
        if self._first_resume and self._laid_out and not (regions or layout or recompose):
            # Screen resumes by laying out, then asks to paint everything again: the first
            # time, nothing was on the terminal before the layout that just painted it all.
            return self
        super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        return self

    async def _on_update(self, message: messages.Update) -> None:
        if message.time < self._first_layout_at:
            message.stop()
            message.prevent_default()  # the first layout drew every widget, this one too

    async def _on_layout(self, message: messages.Layout) -> None:
        if message.time < self._first_layout_at:
            message.stop()
            message.prevent_default()  # asked before the first layout, which answered it

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        size = self.outer_size if size is None else size
        if (scroll and not self._layout_widgets) or self.app.is_inline or not size:
            super()._refresh_layout(size, scroll)  # a scroll changes no widget's size
            return
        # Screen._refresh_layout (Textual 8.2), laid out by settle().
        self._compositor.update_widgets(self._dirty_widgets)
        self._update_timer.pause()
        self._layout_required = False  # this is that layout (Screen's resume leaves it asked)
        if not self._laid_out:
            self._first_layout_at = Message().time  # the clock messages are stamped with
            for widget in self.walk_children(Widget):
                if widget._layout_required:
                    answered(widget)
        try:
            self.settle(size)
        except Exception as error:
            self.app._handle_exception(error)
            return
        self._laid_out = True
        paint_now(self)
        if self.is_current:
            if self.app._batch_count:
                self.call_later(self._compositor_refresh)
            else:
                self._compositor_refresh()
        if self.app._dom_ready:
            self.screen_layout_refresh_signal.publish(self.screen)
        else:
            self.app.post_message(events.Ready())
            self.app._dom_ready = True

    def settle(self, size: Size) -> None:
        """Lay out until no widget asks for another layout (MOST_PASSES at most), then send
        the events one layout would have sent."""
        compositor = self._compositor
        hidden, shown, resized = compositor.reflow(self, size)
        self._layout_widgets.clear()
        for _ in range(MOST_PASSES - 1):
            asked = tell_sizes(self)
            if not asked:
                break
            for widget in asked:
                answered(widget)
            again = compositor.reflow(self, size)
            hidden = (hidden - again.shown) | again.hidden
            shown = (shown - again.hidden) | again.shown
            resized |= again.resized
        else:
            tell_sizes(self)  # any still asking is laid out by the next pass
        send_resize = shown | resized
        for widget in hidden:
            widget.post_message(events.Hide())
        for widget, (region, _, _, virtual, container, _, _) in compositor.layers:
            if widget in send_resize:
                widget.post_message(events.Resize(region.size, virtual, container))
        for widget in shown:
            widget.post_message(events.Show())


def tell_sizes(screen: Screen[Any]) -> list[Widget]:
    """Each widget's sizes from the layout; the widgets that now ask for another layout.

    A new virtual size alone moves nothing (told with layout=False): scrollbars that come or
    go ask for a layout of their own, and those are the widgets returned.
    """
    asked = []
    for widget, (region, _, _, virtual, container, _, _) in screen._compositor.layers:
        waiting = widget._layout_required
        widget._size_updated(region.size, virtual, container, layout=False)
        if widget._layout_required and not waiting:
            asked.append(widget)
    return asked


def answered(widget: Widget) -> None:
    """What a widget's layout request does when it reaches the screen (Widget._check_refresh),
    done now, before the layout that answers it: its ancestors arrange again."""
    widget._layout_required = False
    for ancestor in widget.ancestors:
        if not isinstance(ancestor, Widget):
            break
        ancestor._clear_arrangement_cache()
        ancestor._layout_updates += 1
        if not ancestor.styles.auto_dimensions:
            break


def paint_now(screen: Screen[Any]) -> None:
    """Widgets refreshed before the paint a layout pass is about to make (a scrollbar told its
    size, the chart drawn at its size) are drawn in it, not in a frame of their own."""
    compositor = screen._compositor
    visible = compositor.visible_widgets.keys()
    waiting = {widget for widget in visible if widget._repaint_required}
    if waiting:
        compositor.update_widgets(waiting)
        for widget in waiting:
            widget._repaint_required = False
