"""plotext calls written down before they are made, so a chart whose picture would not change
(a cost model while throughput is shown) is left as it is instead of being rebuilt."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from tui.app.cells import Call, canvas, cells
from tui.app.flatten import flatten


class Sketch:
    """Takes any plotext call (plt.plot(...), plt.title(...)) and keeps it for draw()."""

    def __init__(self) -> None:
        self.calls: list[Call] = []

    def __getattr__(self, name: str) -> Callable[..., None]:
        if name.startswith("_"):
            raise AttributeError(name)

        def record(*args: Any, **kwargs: Any) -> None:
            self.calls.append((name, args, kwargs))

        return record

    def draw(self, plt: Any, size: tuple[int, int]) -> None:
        """Make the calls on a cleared plotext figure `size` cells large."""
        plt.clear_figure()
        flat = flatten(self.calls, *size)  # one scatter per look, when the cells are known
        for name, args, kwargs in squeeze(flat, *size) if flat is self.calls else flat:
            getattr(plt, name)(*args, **kwargs)


def squeeze(calls: list[Call], width: int, height: int) -> list[Call]:
    """The same picture from fewer points, for a plot `width` x `height` cells.

    A curve's sample in the same cell as the one before it adds nothing to plotext's line,
    and a scatter's second point in a cell redraws the same dot: both are left out. Only on a
    linear axis we set ourselves, where the cells are known (plotext's own mapping, in cells).
    """
    grid = canvas(calls, width, height)
    if grid is None:
        return calls
    cols, rows, xlim, ylim = grid
    drawn = [args for name, args, _ in calls if name in ("plot", "scatter")]
    # Every point's cell at once: one numpy pass for all the calls, not two for each.
    cx = cells([x for xs, _ in drawn for x in xs], xlim, cols)
    cy = cells([y for _, ys in drawn for y in ys], ylim, rows)
    if not (np.isfinite(cx).all() and np.isfinite(cy).all()):
        return calls  # plotext leaves missing values as they are: nothing to compare
    out: list[Call] = []
    start = 0
    for name, args, kwargs in calls:
        if name in ("plot", "scatter"):
            xs, ys = args
            end = start + len(xs)
            x, y = cx[start:end], cy[start:end]
            start = end
            if name == "plot":  # a sample in the cell of the one before adds nothing
                new = np.ones(len(xs), dtype=bool)
                new[1:] = (x[1:] != x[:-1]) | (y[1:] != y[:-1])
                keep = np.flatnonzero(new).tolist()
            else:  # the first point in each cell
                where = list(zip(x.tolist(), y.tolist(), strict=True))
                keep = sorted({cell: i for i, cell in reversed(list(enumerate(where)))}.values())
            args = ([xs[i] for i in keep], [ys[i] for i in keep])
        out.append((name, args, kwargs))
    return out
