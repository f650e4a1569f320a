"""plotext's line drawing on arrays: the same cells from the same float operations.

plotext joins each pair of a curve's points cell by cell in Python (get_lines), about half of
its build at 10k rows. Here every segment is done at once with numpy; a test holds the result
equal to plotext's own for any points.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from plotext import _utility

_plotext_lines = _utility.get_lines


def get_lines(x: list[Any], y: list[Any], *other: list[Any]) -> list[list[Any]]:
    """plotext's get_lines for integer cells (what its build passes for numbers); anything
    else (dates, missing values) goes to plotext's own."""
    ints = all(type(v) is int for v in x) and all(type(v) is int for v in y)
    if len(x) < 2 or len(x) != len(y) or not other or not ints:
        return _plotext_lines(x, y, *other)
    xa, ya = np.asarray(x, dtype=np.int64), np.asarray(y, dtype=np.int64)
    dx, dy = np.diff(xa), np.diff(ya)
    steps = np.maximum(
        np.abs(dx), np.abs(dy)
    )  # cells each segment adds (its end is the next's start)
    seg = np.repeat(np.arange(len(steps)), steps)
    starts = np.cumsum(steps) - steps
    k = np.arange(len(seg)) - starts[seg]  # the step within its segment
    safe = np.maximum(steps, 1)  # a segment of 0 steps adds nothing; avoids 0/0
    # plotext's linspace: lower + i * ((upper - lower) / (n - 1)), then int() (toward zero).
    xs = np.trunc(xa[:-1][seg] + k * (dx / safe)[seg]).astype(np.int64)
    ys = np.trunc(ya[:-1][seg] + k * (dy / safe)[seg]).astype(np.int64)
    rows = list(zip(*other, strict=True))
    picked = [rows[i] for i in seg.tolist()] + [rows[-1]]
    tail = [list(col) for col in zip(*picked, strict=True)]
    return [[*xs.tolist(), x[-1]], [*ys.tolist(), y[-1]], *tail]


def install() -> None:
    """Make plotext's build use get_lines (idempotent)."""
    _utility.get_lines = get_lines
