"""What the key actions produce, kept apart from the App: copies, exports, targets, zoom."""

from __future__ import annotations

import re
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from tui.app.chart import ChartPanel
from tui.app.metrics_pane import MetricsPane
from tui.core.dimensions import DIMENSIONS
from tui.core.export import FORMATS, to_csv, to_markdown

if TYPE_CHECKING:  # types only: the app imports this module before pandas has loaded
    from tui.app.app import ParetopApp
    from tui.app.session import Session, ViewState
    from tui.core.table import Table
    from tui.loaders import LoadResult


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def reproduce(session: Session, state: ViewState, table: Table) -> str:
    """The `paretop table` command for this view; filters left at "everything" are omitted."""
    from tui.pipeline import command_line

    every = session.all_values(state.model, state.sequence)
    chosen = {
        d.name: state.chosen(d.name)
        for d in DIMENSIONS
        if set(state.chosen(d.name)) != set(every[d.name])
    }
    selection = replace(session.selection(state, strict=True), filters=chosen)
    options = replace(
        session.request.options,
        targets=tuple(table.targets),
        cost_model=state.cost_model,
        keep_reruns=state.keep_reruns,
    )
    request = replace(session.request, selection=selection, options=options)
    return command_line(request, table)


def reread_message(result: LoadResult, old_rows: int, old_problems: set[str]) -> str:
    added = len(result.frame) - old_rows
    text = f"Re-read: {len(result.frame)} rows ({added:+d})"
    if result.pending:
        text += f"; waiting for {plural(len(result.pending), 'file')} still being written"
    new = {str(p) for p in result.problems} - old_problems
    if new:
        text += f"; {plural(len(new), 'new load problem')} (press !)"
    return text + "."


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.]+", "-", text).strip("-").lower()


def export_files(table: Table, folder: Path | None = None) -> list[Path]:
    """Write the table as Markdown and CSV; the current directory, else the temp directory."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    base = f"paretop-{slug(table.model)}-{slug(table.sequence)}-{stamp}"
    for where in [folder] if folder else [Path.cwd(), Path(tempfile.gettempdir())]:
        try:
            md, csv = where / f"{base}.md", where / f"{base}.csv"
            md.write_text(to_markdown(table), encoding="utf-8")
            csv.write_text(to_csv(table), encoding="utf-8")
            return [md, csv]
        except OSError:
            continue
    raise OSError("no writable folder for the export (tried the current and temp directories)")


def copy_table(app: ParetopApp, fmt: str) -> None:
    assert app.table is not None
    app.copy_to_clipboard(FORMATS[fmt].write(app.table))
    app.say(
        f"Copied the table as {fmt} (OSC 52). Terminal ignoring OSC 52? Press e to save a file."
    )


def export(app: ParetopApp) -> None:
    assert app.table is not None
    try:
        paths = export_files(app.table)
    except OSError as exc:
        app.say(str(exc), "error")
        return
    app.say(f"Wrote {paths[0]} and {paths[1].name}.")


def copy_command(app: ParetopApp) -> None:
    assert app.table is not None and app.state is not None and app.session is not None
    line = reproduce(app.session, app.state, app.table)
    app.copy_to_clipboard(line)
    app.say(f"Copied: {line}")


def edit_targets(app: ParetopApp) -> None:
    from tui.app.screens import TargetsScreen

    assert app.table is not None

    def done(result: tuple[float, ...] | None) -> None:
        if result is None or app.state is None:
            return
        app.state = replace(app.state, targets=result or None)
        shown = ", ".join(f"{t:g}" for t in app.table.targets) if app.table else ""
        app.say(f"Targets: {shown} tok/s/user" + (" (defaults)." if not result else "."))

    def check(targets: tuple[float, ...]) -> str | None:
        if app.session is None or app.state is None:
            return None
        outcome = app.session.outcome(replace(app.state, targets=targets))
        return (
            None
            if outcome.table is not None
            else outcome.message.removeprefix("Nothing to show: ").rstrip(".")
        )

    app.push_screen(TargetsScreen(app.table.targets, check), done)


def zoom(app: ParetopApp) -> None:
    """Cycle: chart full screen, table full screen, back to the normal layout."""
    screen = app.screen
    chart, pane = app.query_one(ChartPanel), app.query_one(MetricsPane)
    if screen.maximized is None:
        screen.maximize(chart, container=False)
    elif screen.maximized is chart:
        screen.maximize(pane, container=False)
        pane.focus()
    else:
        screen.minimize()
    app.call_after_refresh(chart.redraw)
