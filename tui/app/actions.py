"""What the copy and export actions produce, kept apart from the widgets."""

from __future__ import annotations

import re
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from tui.app.state import Explorer, ViewState
from tui.core.choices import FILTER_DIMS
from tui.core.export import to_csv, to_markdown
from tui.core.request import command_line
from tui.core.table import Options, Table


def reproduce(explorer: Explorer, state: ViewState, table: Table) -> str:
    """The `paretop table` command for this view; filters left at "everything" are omitted."""
    every = explorer.all_values(state.model, state.sequence)
    chosen: dict[str, Any] = {
        d: () if set(getattr(state, d)) == set(every[d]) else getattr(state, d) for d in FILTER_DIMS
    }
    selection = replace(explorer.selection(state), strict=True, **chosen)
    options = Options(tuple(table.targets), state.cost_model, state.keep_reruns)
    request = replace(explorer.request, selection=selection, options=options)
    return command_line(request, table)


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
