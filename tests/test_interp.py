"""Steffen (d3 monotoneX) interpolation: exact knots, hand values, no overshoot, no extrapolation."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core import interp
from tui.core.interp import steffen


def test_hand_computed_three_knots() -> None:
    # x = 0, 1, 2; y = 0, 1, 3. Secants s0 = 1, s1 = 2; p1 = (1*1 + 2*1)/2 = 1.5;
    # t1 = 2 * min(1, 2, 0.75) = 1.5; ends t0 = (3*1 - 1.5)/2 = 0.75, t2 = (3*2 - 1.5)/2 = 2.25.
    # At u = 0.5 the Hermite weights are h00 = h01 = 0.5, h10 = 0.125, h11 = -0.125:
    #   x=0.5: 0 + 0.125*0.75 + 0.5*1 - 0.125*1.5  = 0.40625
    #   x=1.5: 0.5 + 0.125*1.5 + 0.5*3 - 0.125*2.25 = 1.90625
    assert steffen([0, 1, 2], [0, 1, 3], [0.5, 1.5]) == pytest.approx([0.40625, 1.90625])


def test_knots_are_returned_exactly() -> None:
    xs, ys = [8.0, 26.0, 44.0, 62.0], [400.0, 272.7, 219.5, 162.9]
    assert steffen(xs, ys, xs) == ys


def test_two_points_are_a_straight_line() -> None:
    assert steffen([10, 20], [100, 50], [12.5, 15]) == pytest.approx([87.5, 75.0])


def test_flat_neighbour_keeps_segment_flat() -> None:
    # s0 = 0 forces t1 = 0, so the first segment cannot bulge above 1.
    assert steffen([0, 1, 2], [1, 1, 2], [0.25, 0.5, 0.75]) == pytest.approx([1, 1, 1])


def test_never_extrapolates() -> None:
    got = steffen([10, 20, 30], [3, 2, 1], [9.999, 30.001, 0, 1e9])
    assert all(math.isnan(v) for v in got)


def test_single_knot_only_at_its_x() -> None:
    got = steffen([42], [7], [42, 41.9, 42.1])
    assert got[0] == 7 and math.isnan(got[1]) and math.isnan(got[2])


def test_nan_knots_are_ignored() -> None:
    assert steffen([1, 2, 3], [10, math.nan, 30], [2]) == pytest.approx([20])


def test_unsorted_knots_are_refused() -> None:
    with pytest.raises(ValueError):
        steffen([2, 1], [1, 2], [1.5])


@st.composite
def monotone_knots(draw: st.DrawFn) -> tuple[list[float], list[float]]:
    n = draw(st.integers(2, 12))
    gaps = draw(st.lists(st.floats(0.01, 100), min_size=n - 1, max_size=n - 1))
    drops = draw(st.lists(st.floats(0, 1000), min_size=n - 1, max_size=n - 1))
    xs, ys = [1.0], [5000.0]
    for g, d in zip(gaps, drops, strict=True):
        xs.append(xs[-1] + g)
        ys.append(ys[-1] - d)
    return xs, ys


@given(monotone_knots(), st.lists(st.floats(0, 1), min_size=1, max_size=30))
def test_monotone_data_stays_monotone_without_overshoot(knots, fractions) -> None:
    xs, ys = knots
    at = sorted(xs[0] + f * (xs[-1] - xs[0]) for f in fractions)
    vals = steffen(xs, ys, at)
    for a, b in itertools.pairwise(vals):
        assert b <= a + 1e-6 * max(1.0, abs(a))  # non-increasing, like the data
    for q, v in zip(at, vals, strict=True):
        i = max(j for j in range(len(xs)) if xs[j] <= q) if q < xs[-1] else len(xs) - 2
        i = min(i, len(xs) - 2)
        lo, hi = min(ys[i], ys[i + 1]), max(ys[i], ys[i + 1])
        assert lo - 1e-6 * max(1.0, abs(lo)) <= v <= hi + 1e-6 * max(1.0, abs(hi))


@given(
    st.lists(
        st.tuples(st.floats(0.1, 1e4), st.floats(-1e6, 1e6) | st.just(float("nan"))),
        min_size=1,
        max_size=12,
        unique_by=lambda p: p[0],
    ),
    st.lists(st.floats(0, 1.2e4) | st.just(float("nan")), min_size=1, max_size=interp.FEW),
)
def test_a_few_points_one_by_one_equal_the_array_path(knots, at) -> None:
    """Table targets take the per-point path, chart samples the array one: bit for bit alike."""
    knots = sorted(knots)
    spline = interp.Spline([k[0] for k in knots], [k[1] for k in knots])
    few = spline(at)
    many = spline(at + [float("nan")] * (interp.FEW + 1 - len(at)))[: len(at)]
    assert np.array_equal(np.array(few), np.array(many), equal_nan=True)
    assert [math.copysign(1, v) for v in few] == [math.copysign(1, v) for v in many]
