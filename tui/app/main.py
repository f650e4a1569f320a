"""Entry points: one factory for the app (tests reuse it) and the runner the CLI calls."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from tui.app.app import ParetopApp

if TYPE_CHECKING:
    from tui.pipeline import Request


def make_app(request: Request | None = None) -> ParetopApp:
    if request is None:
        from tui.pipeline import build_request  # pandas: only when no request was made

        request = build_request()
    return ParetopApp(request)


def crash_log() -> Path:
    """Where an unexpected error's traceback goes: the user's cache folder, else temp."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    for folder in (Path(base) / "paretop", Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            return folder / f"paretop-crash-{time.strftime('%Y%m%d-%H%M%S')}.log"
        except OSError:
            continue
    return Path(tempfile.gettempdir()) / "paretop-crash.log"


def run_app(request: Request) -> int:
    """Run the explorer; an unexpected error exits 1 with one line naming the log file."""
    app = make_app(request)
    log = crash_log()
    with log.open("w", encoding="utf-8") as handle:
        # Textual prints an unhandled exception's traceback on its error console at exit.
        app.error_console = Console(file=handle, markup=False, highlight=False, width=120)
        app.run()
    code = app.return_code or 0
    if code and log.stat().st_size:
        print(f"paretop: unexpected error; the details are in {log}", file=sys.stderr)
    else:
        log.unlink(missing_ok=True)
    return code
