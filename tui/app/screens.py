"""Modal screens: help, targets, inspector and the list of load problems."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, OptionList, Static

from tui.core.schema import Problem
from tui.core.series import Series
from tui.core.targets import format_target, parse_targets
from tui.core.text import inert

VIM_ROWS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
]


class RunsTable(DataTable[Text]):
    """A table of runs that also moves with j / k."""

    BINDINGS = VIM_ROWS


class SeriesList(OptionList):
    """The inspector's series, also moved with j / k."""

    BINDINGS = VIM_ROWS


CLOSE: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    Binding("escape", "dismiss", "Close"),
    Binding("q", "dismiss", "Close", show=False),
]


class HelpScreen(ModalScreen[None]):
    """Every key, generated from the app's own bindings so it cannot drift."""

    BINDINGS = [*CLOSE, Binding("question_mark", "dismiss", "Close", show=False)]

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        table = Text()
        for key, description in self.keys:
            table.append(f"{key:>8}  ", style="bold")
            table.append(f"{description}\n")
        with VerticalScroll(id="dialog"):
            yield Label("paretop — keys (Esc closes)", classes="title")
            yield Static(table)


class TargetsScreen(ModalScreen[tuple[float, ...] | None]):
    """Type targets such as 30,50,70; empty restores the defaults. Bad input keeps the old ones."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, current: list[float], check: Callable[[tuple[float, ...]], str | None]
    ) -> None:
        super().__init__()
        self.current = current
        self.check = check  # why these targets would show nothing, or None when they are fine

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Interactivity targets (tok/s/user)", classes="title")
            yield Input(
                ",".join(format_target(t) for t in self.current),
                placeholder="e.g. 26,44,62 — empty: 25/50/75% of the shared range",
                id="targets",
            )
            yield Label("Enter applies, Esc cancels.", id="targets-error", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.dismiss(())
            return
        try:
            targets = tuple(parse_targets(text))
        except ValueError as exc:
            self.refuse(str(exc))
            return
        problem = self.check(targets)
        if problem:
            self.refuse(problem)
            return
        self.dismiss(targets)

    def refuse(self, reason: str) -> None:
        """Stay open, say why, keep the previous targets."""
        self.query_one("#targets-error", Label).update(Text(inert(f"{reason}. Targets unchanged.")))
        self.query_one("#targets-error").add_class("error")

    def action_cancel(self) -> None:
        self.dismiss(None)


def parallelism(row: dict[Any, Any]) -> str:
    """tp/ep/dp-attention for one node; the prefill/decode split for disaggregated runs."""

    def num(v: object) -> str:
        if not isinstance(v, int | float) or (isinstance(v, float) and math.isnan(v)):
            return "-"
        return f"{float(v):g}"

    if row.get("disagg") is True:
        return (
            f"P {num(row.get('num_prefill_gpu'))}g tp{num(row.get('prefill_tp'))} x{num(row.get('prefill_workers'))}"
            f" / D {num(row.get('num_decode_gpu'))}g tp{num(row.get('decode_tp'))} x{num(row.get('decode_workers'))}"
            f"{' dpa' if row.get('decode_dp_attention') is True else ''}"
        )
    dpa = " dpa" if row.get("dp_attention") is True else ""
    return f"tp{num(row.get('tp'))} ep{num(row.get('ep'))}{dpa}"


INSPECTOR_COLUMNS = (
    "",
    "conc",
    "parallelism",
    "GPUs",
    "tok/s/user",
    "tok/s/GPU",
    "TTFT s",
    "E2E s",
    "server",
    "rep",
    "source",
)


def run_cells(row: dict[Any, Any], on_front: bool) -> list[str]:
    def f(v: object, spec: str) -> str:
        return "—" if v is None or (isinstance(v, float) and math.isnan(v)) else format(v, spec)

    return [
        "★" if on_front else "",
        f(row["concurrency"], ".0f"),
        parallelism(row),
        "—"
        if row.get("num_gpus") is None or str(row.get("num_gpus")) == "<NA>"
        else str(row["num_gpus"]),
        f(row["interactivity"], ".1f"),
        f(row["tput_per_gpu"], ",.1f"),
        f(row["ttft_s"], ".3f"),
        f(row["e2el_s"], ".2f"),
        str(row.get("server_params") or ""),
        "" if row.get("replicate") in (None, "") else str(row.get("replicate")),
        str(row["source"]),
    ]


def spread(series: Series) -> str:
    """How far replicates of one setting (run=0, run=1, ...) lie apart in tok/s/GPU."""
    rows = series.rows
    if "replicate" not in rows or not rows["replicate"].astype(str).str.len().gt(0).any():
        return ""
    same = [c for c in ("server_params", "concurrency") if c in rows]
    groups = rows.groupby(same, dropna=False, observed=True)["tput_per_gpu"]
    widest = (groups.max() - groups.min()).max()
    counts = groups.size()
    return (
        f" Replicates: {int((counts > 1).sum())} settings measured more than once; "
        f"widest tok/s/GPU spread {widest:,.1f}."
    )


class InspectorScreen(ModalScreen[None]):
    """Pick a series on the left; its runs on the right, frontier points starred."""

    BINDINGS = CLOSE

    def __init__(self, series: list[Series]) -> None:
        super().__init__()
        self.series = series

    def compose(self) -> ComposeResult:
        with Vertical(id="inspector"):
            yield Label(
                "Inspector — runs of a series (★ on the frontier). Esc closes.",
                id="inspector-title",
                classes="title",
            )
            with Horizontal():
                yield SeriesList(
                    *[Text(inert(f"{s.label} ({len(s.rows)})")) for s in self.series],
                    id="series-list",
                )
                yield RunsTable(id="runs", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one("#runs", DataTable).add_columns(*INSPECTOR_COLUMNS)
        options = self.query_one("#series-list", OptionList)
        options.highlighted = 0
        self.show_series(0)
        options.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_series(event.option_index)

    def show_series(self, index: int) -> None:
        if not 0 <= index < len(self.series):
            return
        series = self.series[index]
        runs = self.query_one("#runs", DataTable)
        runs.clear()
        front = set(series.front.index)
        for idx, row in series.rows.sort_values("interactivity").iterrows():
            runs.add_row(*(Text(inert(c)) for c in run_cells(row.to_dict(), idx in front)))
        title = f"Inspector — runs of {series.label} (★ on the frontier). Esc closes."
        self.query_one("#inspector-title", Label).update(Text(inert(title + spread(series))))


class ProblemsScreen(ModalScreen[None]):
    """Every file or row that could not be read, and why."""

    BINDINGS = CLOSE

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical(id="inspector"):
            yield Label(
                f"{len(self.problems)} load problems — good rows are still shown. Esc closes.",
                classes="title",
            )
            table = RunsTable(id="problems", cursor_type="row")
            table.add_columns("file", "row", "reason")
            for p in self.problems:
                row = "" if p.row is None else str(p.row)
                table.add_row(Text(inert(p.path)), Text(row), Text(inert(p.reason)))  # data
            yield table
