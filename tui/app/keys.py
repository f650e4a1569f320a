"""Every key, described once: the footer, the help screen and the command palette read this."""

from __future__ import annotations

from textual.binding import Binding

BINDINGS: list[Binding | tuple[str, str] | tuple[str, str, str]] = [
    # Quit and help first: a narrow footer cuts from the right, and these must stay visible.
    Binding("q", "quit", "Quit", tooltip="Quit (ctrl+c too)"),
    Binding("ctrl+c", "quit", "Quit", show=False, priority=True, tooltip="Quit"),
    Binding("question_mark", "help", "Help", tooltip="This help"),
    Binding(
        "slash,ctrl+p",
        "command_palette",
        "Find",
        show=False,
        tooltip="Jump to a model, sequence or filter value by typing",
    ),
    Binding(
        "m",
        "next_metric",
        "Metric",
        tooltip="Next chart metric (every metric is also in the palette: ctrl+p, Chart: ...)",
    ),
    Binding("M", "prev_metric", "Prev metric", show=False, tooltip="Previous chart metric"),
    Binding("L", "toggle_log", "Log", tooltip="Log scale on the y axis"),
    Binding("r", "toggle_raw", "Raw", tooltip="Show or hide every run as a faint point"),
    Binding(
        "t", "edit_targets", "Targets", tooltip="Edit the interactivity targets (e.g. 30,50,70)"
    ),
    Binding("c", "next_cost_model", "Cost", tooltip="Cost model: hyperscaler, neocloud, rental"),
    Binding(
        "y",
        "copy_table",
        "Copy",
        tooltip="Copy the table as Markdown (OSC 52; other formats in ctrl+p)",
    ),
    Binding("e", "export", "Save", tooltip="Save the table to Markdown and CSV files"),
    Binding(
        "p",
        "copy_command",
        "Copy command",
        show=False,
        tooltip="Copy the `paretop table` command for this view",
    ),
    Binding(
        "H",
        "history",
        "History",
        show=False,
        tooltip="History: the chart metric at the middle target over run dates, per configuration",
    ),
    Binding("i", "inspect", "Runs", tooltip="Inspect a series' runs (frontier points starred)"),
    Binding(
        "z", "zoom", "Zoom", show=False, tooltip="Zoom: chart full screen, then table, then back"
    ),
    Binding(
        "s",
        "toggle_sidebar",
        "Filters sidebar",
        show=False,
        tooltip="Show or hide the filters sidebar",
    ),
    Binding(
        "w",
        "toggle_watch",
        "Watch",
        show=False,
        tooltip="Watch the result folders: re-read when files appear or change",
    ),
    Binding(
        "R",
        "toggle_reruns",
        "Reruns",
        show=False,
        tooltip="Pool reruns instead of keeping the latest run",
    ),
    Binding(
        "exclamation_mark",
        "problems",
        "Problems",
        show=False,
        tooltip="List files and rows that could not be read",
    ),
]

NAVIGATION: list[tuple[str, str]] = [
    ("tab", "Next pane (shift+tab: previous); the focused pane is outlined"),
    ("j k / h l", "Move inside a list or the table, like the arrow keys"),
    ("space", "Tick or untick a sidebar choice (enter too)"),
    ("ctrl+p", "Command palette: every action by name"),
    ("escape", "Close a dialog"),
]


def help_rows(key_display: dict[str, str]) -> list[tuple[str, str]]:
    """(key, what it does) for the help screen, from the bindings above."""
    rows = [
        (key_display.get(b.key, b.key), b.tooltip or b.description)
        for b in BINDINGS
        if isinstance(b, Binding)
    ]
    return rows + NAVIGATION
