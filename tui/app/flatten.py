"""The chart's curves and scatters as one scatter per marker and colour, the same picture.

plotext paints its signals one after another, a later one over an earlier one, at a cost per
signal: at 100k rows (380 series, 760 signals) most of its build. Painting them here first
(plotext's cells, its lines between points, the last signal winning each cell) leaves every
cell's final marker and colour, which one scatter per marker and colour redraws at cell
centres: the cells no longer overlap, so their order no longer matters.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tui.app.cells import Call, canvas, cells

DATA = ("plot", "scatter")


def flatten(calls: list[Call], width: int, height: int) -> list[Call]:
    """`calls` with their plots and scatters replaced by the scatters that paint the same
    cells, or `calls` unchanged where that cannot be made sure of."""
    grid = canvas(calls, width, height)
    data = [(name, args, kwargs) for name, args, kwargs in calls if name in DATA]
    if grid is None or not data:
        return calls
    cols, rows, xlim, ylim = grid
    looks: dict[tuple[Any, Any], int] = {}
    for _, _, kwargs in data:
        marker = kwargs.get("marker")
        if set(kwargs) != {"marker", "color"} or not isinstance(marker, str) or len(marker) != 1:
            return calls  # plotext's high-definition markers span cells differently
        looks.setdefault((marker, kwargs["color"]), len(looks))
    if cols < 2 or rows < 2:
        return calls
    painted = _paint(data, cols, rows, xlim, ylim)
    if painted is None:
        return calls
    x, y, signal = painted
    look = np.array([looks[(k["marker"], k["color"])] for _, _, k in data])[signal]
    merged: list[Call] = []
    for (marker, color), number in looks.items():
        mine = look == number
        cx, cy = x[mine].astype(float), y[mine].astype(float)
        if not len(cx):
            continue
        # A cell's centre (0.5 past its edge in plotext's mapping), checked to land in it.
        xs = xlim[0] + cx * ((xlim[1] - xlim[0]) / (cols - 1))
        ys = ylim[0] + cy * ((ylim[1] - ylim[0]) / (rows - 1))
        if not ((cells(xs, xlim, cols) == cx).all() and (cells(ys, ylim, rows) == cy).all()):
            return calls
        merged.append(("scatter", (xs.tolist(), ys.tolist()), {"marker": marker, "color": color}))
    first = next(i for i, (name, _, _) in enumerate(calls) if name in DATA)
    rest = [call for call in calls[first:] if call[0] not in DATA]
    return [*calls[:first], *merged, *rest]


def _paint(
    data: list[Call], cols: int, rows: int, xlim: list[float], ylim: list[float]
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Every cell plotext paints for `data`, once, with the last signal to paint it: its
    points' cells, its lines between them (get_lines, for all segments at once), inside the
    canvas. None when a value is missing or not a number."""
    sizes = np.array([len(args[0]) for _, args, _ in data])
    cx = cells([v for _, (xs, _), _ in data for v in xs], xlim, cols)
    cy = cells([v for _, (_, ys), _ in data for v in ys], ylim, rows)
    if not (np.isfinite(cx).all() and np.isfinite(cy).all()):
        return None
    px, py = cx.astype(np.int64), cy.astype(np.int64)
    signal = np.repeat(np.arange(len(data)), sizes)
    lines = np.repeat(np.array([name == "plot" for name, _, _ in data]), sizes)
    # A point of a line, but its signal's last, starts a segment to the next point.
    last = np.zeros(len(px), dtype=bool)
    last[np.cumsum(sizes)[sizes > 0] - 1] = True
    starts = lines & ~last
    dx, dy = np.zeros_like(px), np.zeros_like(py)
    dx[:-1], dy[:-1] = np.diff(px), np.diff(py)
    steps = np.where(starts, np.maximum(np.abs(dx), np.abs(dy)), 1)  # cells each point adds
    owner = np.repeat(np.arange(len(px)), steps)
    k = np.arange(len(owner)) - (np.cumsum(steps) - steps)[owner]
    safe = np.maximum(steps, 1)[owner]
    # plotext's linspace: lower + i * ((upper - lower) / (n - 1)), then int() (toward zero).
    x = np.trunc(px[owner] + k * (dx[owner] / safe)).astype(np.int64)
    y = np.trunc(py[owner] + k * (dy[owner] / safe)).astype(np.int64)
    inside = (x >= 0) & (x < cols) & (y >= 0) & (y < rows)  # plotext drops the rest
    x, y, signal = x[inside], y[inside], signal[owner][inside]
    # The last signal to paint a cell keeps it: the first of each cell read backwards.
    _, back = np.unique((x * rows + y)[::-1], return_index=True)
    keep = len(x) - 1 - back
    return x[keep], y[keep], signal[keep]
