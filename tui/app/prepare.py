"""A load's heavy half, run in the load's worker thread: read, then work out the first view.

No Textual here, and only the worker imports this module: pandas, the loaders and the core
load with it, not with the app's frame. The first view's table and sidebar counts are computed
here too (the session caches them), so the main thread only puts them on screen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tui.app.session import Session, ViewState
from tui.core.select import Selection, SelectionError
from tui.loaders import LoadResult, Progress
from tui.pipeline import Request, read


@dataclass(frozen=True)
class Prepared:
    result: LoadResult
    session: Session
    state: ViewState | None
    """The first view, its numbers computed; None when there is none (no rows) or the app
    keeps its current view over the new rows (a re-read)."""
    selection: Selection
    """The selection the session was made with: the request's, or the defaults."""
    error: str = ""
    """Why the request's selection was set aside for the defaults."""


def first_view(request: Request, result: LoadResult) -> Prepared:
    """The session over the loaded rows and the request's first view (or the defaults')."""
    session = Session(result.frame, request, result.problems)
    if result.frame.empty:
        return Prepared(result, session, None, request.selection)
    try:
        state, error = session.initial_state(), ""
    except SelectionError as exc:
        request = replace(request, selection=Selection())
        session = Session(result.frame, request, result.problems)
        state, error = session.initial_state(), f"{exc}. Showing the defaults instead."
    session.sidebar_counts(state)  # computes the table too; both cached for the first redraw
    return Prepared(result, session, state, request.selection, error)


def load(request: Request, progress: Progress, settle_s: float | None, keep_view: bool) -> Prepared:
    """Read the request's rows; the first view too unless the app keeps its current one."""
    result = read(request, progress, settle_s)
    if keep_view and not result.frame.empty:
        session = Session(result.frame, request, result.problems)
        return Prepared(result, session, None, request.selection)
    return first_view(request, result)
