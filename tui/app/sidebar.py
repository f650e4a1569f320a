"""The sidebar: model, sequence, filters with run counts, and what a curve is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import var
from textual.widget import Widget

from tui.app.checklist import CheckList
from tui.app.picker import Picker
from tui.core.dimensions import BY_NAME, DIMENSIONS, GROUP_ORDER
from tui.core.text import inert


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
    shown = BY_NAME[dim].display(value)
    return f"{shown} ({count})" if count else f"{shown} (none)"


W = TypeVar("W", bound=Widget)


def headed(widget: W, title: str) -> W:
    """The widget with its heading drawn on its (blank) top border: see the stylesheet."""
    widget.border_title = title
    return widget


class Sidebar(VerticalScroll):
    """Shows a SidebarView; posts one typed message per kind of user change."""

    view: var[SidebarView | None] = var(None, always_update=False)
    """What the controls show; assigning it redraws them."""

    class ModelChosen(Message):
        def __init__(self, model: str) -> None:
            super().__init__()
            self.model = model

    class SequenceChosen(Message):
        def __init__(self, sequence: str) -> None:
            super().__init__()
            self.sequence = sequence

    class FiltersChanged(Message):
        def __init__(self, dim: str, values: tuple[str, ...]) -> None:
            super().__init__()
            self.dim = dim
            self.values = values

    class GroupByChanged(Message):
        def __init__(self, dims: tuple[str, ...]) -> None:
            super().__init__()
            self.dims = dims

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: dict[str, list[tuple[str, str]]] = {}

    def compose(self) -> ComposeResult:
        # A placeholder until the data arrives, then only real values. Each
        # control's heading is its border title (a Label apiece was ~2 ms each of the start).
        waiting = [(Text("loading…"), "")]
        yield headed(Picker(waiting, id="model"), "Model")
        yield headed(Picker(waiting, id="sequence"), "Sequence (in/out)")
        for dim in DIMENSIONS:
            yield headed(CheckList(id=dim.name), dim.title)
        yield headed(CheckList(id="group_by"), "Curve per (group by)")

    def watch_view(self, view: SidebarView | None) -> None:
        if view is None:
            return
        with self.prevent(Picker.Changed):
            self._fill_picker("model", {m: 0 for m in view.models}, view.model)
            self._fill_picker("sequence", view.sequences, view.sequence)
        for dim in DIMENSIONS:
            chosen = view.chosen.get(dim.name, ())
            items = [
                (v, value_label(dim.name, v, n), n > 0 or v in chosen)
                for v, n in view.counts[dim.name].items()
            ]
            checklist = self.query_one(f"#{dim.name}", CheckList)
            checklist.show(items, set(chosen))
            # A dimension these runs never set (one empty value) says nothing: hide it.
            unused = list(view.counts[dim.name]) == [""]
            checklist.display = not unused  # and its heading with it
        groups = [(d, d, True) for d in GROUP_ORDER]
        self.query_one("#group_by", CheckList).show(groups, set(view.group_by))

    def _fill_picker(self, widget_id: str, options: dict[str, int], value: str) -> None:
        picker = self.query_one(f"#{widget_id}", Picker)
        labels = [(f"{name} ({n})" if n else name, name) for name, n in options.items()]
        if labels != self._shown.get(widget_id):  # only when they differ
            picker.set_options([(Text(inert(label)), name) for label, name in labels])
            self._shown[widget_id] = labels
        if picker.value != value:
            picker.value = value

    def on_picker_changed(self, event: Picker.Changed) -> None:
        event.stop()
        value = event.value
        if not value:
            return
        if event.picker.id == "model":
            self.post_message(self.ModelChosen(value))
        elif event.picker.id == "sequence":
            self.post_message(self.SequenceChosen(value))

    def on_check_list_toggled(self, event: CheckList.Toggled) -> None:
        event.stop()
        if event.checklist.id == "group_by":
            self.post_message(self.GroupByChanged(event.values))
        elif event.checklist.id in BY_NAME:
            self.post_message(self.FiltersChanged(event.checklist.id, event.values))
