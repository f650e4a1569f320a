"""Pareto frontier: dominated points, ties, duplicates, a single point."""

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from tui.core.frontier import frontier, frontier_mask


def points(pairs: list[tuple[float, float]]) -> pd.DataFrame:
    return pd.DataFrame(pairs, columns=["interactivity", "tput_per_gpu"])


def as_pairs(frame: pd.DataFrame) -> list[tuple[float, float]]:
    return list(zip(frame["interactivity"], frame["tput_per_gpu"], strict=True))


def test_dominated_points_go() -> None:
    # (5, 90) loses to (10, 100); (15, 70) loses to (20, 90)
    got = frontier(points([(10, 100), (20, 90), (15, 70), (30, 50), (5, 90)]))
    assert as_pairs(got) == [(10, 100), (20, 90), (30, 50)]


def test_tie_on_x_keeps_the_higher_throughput() -> None:
    assert as_pairs(frontier(points([(20, 80), (20, 90), (30, 10)]))) == [(20, 90), (30, 10)]


def test_tie_on_y_keeps_the_more_interactive() -> None:
    assert as_pairs(frontier(points([(10, 50), (20, 50)]))) == [(20, 50)]


def test_equal_points_survive_once() -> None:
    assert as_pairs(frontier(points([(30, 50), (30, 50), (10, 60)]))) == [(10, 60), (30, 50)]


def test_single_point() -> None:
    assert as_pairs(frontier(points([(42, 7)]))) == [(42, 7)]


def test_empty() -> None:
    assert frontier(points([])).empty


@given(st.lists(st.tuples(st.integers(1, 50), st.integers(1, 50)), min_size=1, max_size=40))
def test_frontier_is_exactly_the_undominated_set(pairs: list[tuple[int, int]]) -> None:
    x = np.array([p[0] for p in pairs], float)
    y = np.array([p[1] for p in pairs], float)
    kept = {(x[i], y[i]) for i in np.flatnonzero(frontier_mask(x, y))}
    expected = {
        p
        for p in set(zip(x, y, strict=True))
        if not any(q != p and q[0] >= p[0] and q[1] >= p[1] for q in zip(x, y, strict=True))
    }
    assert kept == expected
    assert frontier_mask(x, y).sum() == len(expected)  # duplicates kept once
