"""plotext's data area in cells, and its mapping of values to them (shared by the sketch's
steps that leave out what would not show)."""

from __future__ import annotations

from typing import Any

import numpy as np

Call = tuple[str, tuple[Any, ...], dict[str, Any]]

Grid = tuple[int, int, list[float], list[float]]


def canvas(calls: list[Call], width: int, height: int) -> Grid | None:
    """plotext's data area for a plot `width` x `height` cells large, in cells, and its axes'
    limits: known on linear axes we set ourselves (None otherwise)."""
    last = {name: args for name, args, _ in calls}
    if "yscale" in last or not {"xlim", "ylim", "xticks", "yticks"} <= set(last):
        return None
    # plotext's canvas: the plot less its frame, tick labels, title and axis label.
    cols = width - 2 - max((len(label) for label in last["yticks"][1]), default=0)
    rows = height - 2 - bool(last["xticks"][1]) - ("title" in last) - ("xlabel" in last)
    if cols <= 0 or rows <= 0:
        return None
    return cols, rows, list(last["xlim"]), list(last["ylim"])


def cells(values: list[float] | np.ndarray, lim: list[float], bins: int) -> np.ndarray:
    """plotext's get_matrix_data for numbers, on arrays: the same operations in the same order
    (its own rounding to 8 decimals, half up, then the floor)."""
    v = np.asarray(values, dtype=float)
    n = (0.5 + (bins - 1) * (v - lim[0]) / (lim[1] - lim[0])) * 10**8
    whole = np.floor(n)
    rounded = np.where(n - whole < 0.5, whole, np.ceil(n)) * 10 ** (-8)
    return np.floor(rounded)
