"""The sidebar: model, sequence, filters with run counts, and what a curve is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.segment import Segment
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Label, Select, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import Selection

from tui.core.choices import FILTER_DIMS
from tui.core.select import DIMENSIONS
from tui.core.series import spec_label

TITLES = {
    "precision": "Precision",
    "hardware": "Hardware",
    "framework": "Engine",
    "spec": "Spec decoding",
}


@dataclass(frozen=True)
class SidebarView:
    """Everything the sidebar shows, computed by the app from the state and the data."""

    models: dict[str, int]
    model: str
    sequences: dict[str, int]
    sequence: str
    counts: dict[str, dict[str, int]]  # dimension -> value -> runs left if chosen
    chosen: dict[str, tuple[str, ...]]
    group_by: tuple[str, ...]


def value_label(dim: str, value: str, count: int) -> str:
    shown = spec_label(value) if dim == "spec" else value
    return f"{shown} ({count})" if count else f"{shown} (none)"


class CheckList(SelectionList[str]):
    """A SelectionList whose unchecked boxes are empty, so the state reads without colour."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        inner = len(segments) > 1 and segments[1].text == ToggleButton.BUTTON_INNER
        if inner and option.value not in self._selected:
            segments[1] = Segment(" ", segments[1].style)
        return Strip(segments, strip.cell_length)


class Sidebar(VerticalScroll):
    """Posts Changed(field, value) when the user changes a control; shows a SidebarView."""

    class Changed(Message):
        def __init__(self, field: str, value: Any) -> None:
            super().__init__()
            self.field = field
            self.value = value

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: dict[str, list[tuple[str, str]]] = {}

    def compose(self) -> ComposeResult:
        yield Label("Model", classes="heading")
        yield Select[str]([], id="model", allow_blank=True, compact=True)
        yield Label("Sequence (in/out)", classes="heading")
        yield Select[str]([], id="sequence", allow_blank=True, compact=True)
        for dim in FILTER_DIMS:
            yield Label(TITLES[dim], classes="heading")
            yield CheckList(id=dim, compact=True)
        yield Label("Curve per (group by)", classes="heading")
        yield CheckList(id="group_by", compact=True)

    def show(self, view: SidebarView) -> None:
        """Refill every control without echoing change messages back to the app."""
        with self.prevent(Select.Changed, SelectionList.SelectedChanged):
            self._fill_select("model", {m: 0 for m in view.models}, view.model)
            self._fill_select("sequence", view.sequences, view.sequence)
            for dim in FILTER_DIMS:
                chosen = view.chosen[dim]
                self._fill_list(
                    dim,
                    [
                        Selection(
                            value_label(dim, v, n),
                            v,
                            v in chosen,
                            disabled=(n == 0 and v not in chosen),
                        )
                        for v, n in view.counts[dim].items()
                    ],
                )
            self._fill_list("group_by", [Selection(d, d, d in view.group_by) for d in DIMENSIONS])

    def _fill_select(self, widget_id: str, options: dict[str, int], value: str) -> None:
        select = self.query_one(f"#{widget_id}", Select)
        items = [(f"{name} ({n})" if n else name, name) for name, n in options.items()]
        if items != self._shown.get(widget_id):  # refilling a Select closes and resets it
            select.set_options(items)
            self._shown[widget_id] = items
        if select.value != value:
            select.value = value

    def _fill_list(self, widget_id: str, selections: list[Selection[str]]) -> None:
        widget = self.query_one(f"#{widget_id}", SelectionList)
        highlighted = widget.highlighted
        widget.clear_options()
        widget.add_options(selections)
        if highlighted is not None and highlighted < len(selections):
            widget.highlighted = highlighted

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.select.id and event.value is not Select.BLANK:
            self.post_message(self.Changed(event.select.id, event.value))

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        if event.selection_list.id:
            self.post_message(
                self.Changed(event.selection_list.id, tuple(event.selection_list.selected))
            )
