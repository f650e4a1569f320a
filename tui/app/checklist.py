"""A list of choices ticked with space or enter, drawn as [x] / [ ] so it reads without colour."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.text import inert


class CheckList(OptionList):
    """Public OptionList API only: each option's prompt carries its own box."""

    BINDINGS = [
        Binding("space", "tick", "Tick", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    class Toggled(Message):
        """The ticked values changed by the user."""

        def __init__(self, checklist: CheckList, values: tuple[str, ...]) -> None:
            super().__init__()
            self.checklist = checklist
            self.values = values

        @property
        def control(self) -> CheckList:
            return self.checklist

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, compact=True)
        self.items: list[tuple[str, str, bool]] = []  # (value, label, enabled)
        self.ticked: set[str] = set()
        self._lines_width = -1  # the width the option lines were measured at

    def show(self, items: list[tuple[str, str, bool]], ticked: set[str]) -> None:
        """Change only what changed (a count, a tick); the highlight stays where it was."""
        if items == self.items and ticked == self.ticked:
            return
        highlighted = self.highlighted
        before, was_ticked = self.items, self.ticked
        self.items, self.ticked = items, set(ticked)
        if [v for v, _, _ in items] == [v for v, _, _ in before]:
            # The same values: new prompts in place, no refill (which resets and re-measures).
            prompts = {
                i: self._prompt(value, label)
                for i, ((value, label, _), (_, old, _)) in enumerate(
                    zip(items, before, strict=True)
                )
                if label != old or (value in self.ticked) != (value in was_ticked)
            }
            self._set_prompts(prompts)
            for i, ((_, _, enabled), (_, _, was_on)) in enumerate(zip(items, before, strict=True)):
                if enabled != was_on:
                    if enabled:
                        self.enable_option_at_index(i)
                    else:
                        self.disable_option_at_index(i)
        else:
            self.set_options(
                Option(self._prompt(value, label), id=value, disabled=not enabled)
                for value, label, enabled in items
            )
        if highlighted is not None and highlighted < len(items) and self.highlighted != highlighted:
            self.highlighted = highlighted

    def _set_prompts(self, prompts: dict[int, Text]) -> None:
        """New prompts for some options, only those drawn again.

        OptionList's replace_option_prompt forgets every option's drawn lines (and their
        heights): ticking one value of nine drew all nine again, in every list whose counts
        moved. A prompt that fits on its line keeps its height, so only its own drawn lines
        go (the cache is keyed by option first); a longer one takes OptionList's own way.
        A test compares the lines with a list built afresh.
        """
        padding = self.get_component_styles("option-list--option").padding
        room = self.scrollable_content_region.width - self._get_left_gutter_width() - padding.width
        cache = self._option_render_cache
        for index, prompt in prompts.items():
            option = self.get_option_at_index(index)
            old = option.prompt
            fits = max(prompt.cell_len, old.cell_len if isinstance(old, Text) else room + 1)
            if fits > room:
                self.replace_option_prompt_at_index(index, prompt)
                continue
            option._set_prompt(prompt)
            for key in [k for k in cache.keys() if k[0] is option]:  # noqa: SIM118 (no __iter__)
                cache.discard(key)
        if prompts:
            self.refresh()

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        # The options measured now, at the width laid out, not while drawn: measured then, the
        # list's new virtual size asks for a layout and a repaint, each a frame after.
        waiting, bars = self._layout_required, self.scrollbars_enabled
        self._update_lines()
        if not waiting and self.scrollbars_enabled == bars:
            self._layout_required = False  # the layout had its height from these options
        return changed

    def _update_lines(self) -> None:
        if self._line_cache.lines and self._line_width() != self._lines_width:
            self._clear_caches()  # measured at another width
        super()._update_lines()
        if self._line_cache.lines:
            self._lines_width = self._line_width()

    def _line_width(self) -> int:
        return self.scrollable_content_region.width - self._get_left_gutter_width()

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        if self._line_width() == self._lines_width:
            # OptionList's handler would forget lines measured at this very width and draw
            # them again, a frame after the first (the list was measured as laid out).
            event.prevent_default()

    def _prompt(self, value: str, label: str) -> Text:
        box = "[x] " if value in self.ticked else "[ ] "
        return Text(box) + Text(inert(label))  # the label is data: never markup

    def action_tick(self) -> None:
        if self.highlighted is None:
            return
        option = self.get_option_at_index(self.highlighted)
        if option.disabled or option.id is None:
            return
        self.ticked ^= {option.id}
        self._set_prompts({self.highlighted: self._prompt(option.id, self._label(option.id))})
        ordered = tuple(v for v, _, _ in self.items if v in self.ticked)
        self.post_message(self.Toggled(self, ordered))

    def _label(self, value: str) -> str:
        return next(label for v, label, _ in self.items if v == value)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # enter or a click ticks, like space
        self.action_tick()
