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
    mask = frontier_mask(frame[x].to_numpy(float), frame[y].to_numpy(float))
    return frame[mask].sort_values(x, kind="stable")
