"""Pareto frontier of (interactivity, throughput) points."""

from __future__ import annotations

import numpy as np
import pandas as pd


def frontier_mask(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """True for points no other point beats on both x and y (higher is better for both).

    Among points with equal x only the highest y can survive; exact duplicates survive once.
    The surviving points, sorted by x, have strictly decreasing y.
    """
    n = len(x)
    keep = np.zeros(n, dtype=bool)
    # Walk from the highest x down (ties: highest y first); a point survives when its y
    # beats everything seen so far, i.e. everything at least as interactive.
    order = np.lexsort((-y, -x))
    best = -np.inf
    for i in order:
        if y[i] > best:
            keep[i] = True
            best = y[i]
    return keep


def frontier(
    frame: pd.DataFrame, x: str = "interactivity", y: str = "tput_per_gpu"
) -> pd.DataFrame:
    """The frontier rows of a series, sorted by x ascending."""
    if frame.empty:
        return frame
    xs = frame[x].to_numpy(float)
    kept = np.flatnonzero(frontier_mask(xs, frame[y].to_numpy(float)))
    # One take of the rows, already in x order (stable: ties keep row order; NaN last, as
    # sort_values puts it), not a filtered copy sorted into a second one.
    return frame.iloc[kept[np.argsort(xs[kept], kind="stable")]]
