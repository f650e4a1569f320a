"""Steffen monotone cubic interpolation, the curve d3.curveMonotoneX draws. No extrapolation."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from itertools import repeat

import numpy as np


def _tangents(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Tangent at each knot: Steffen's limiter inside, d3's one-sided rule at the ends."""
    h = np.diff(x)
    s = np.diff(y) / h
    t = np.zeros(len(x))
    if len(x) == 2:
        t[:] = s[0]  # two points: a straight line, as d3 draws it
        return t
    for i in range(1, len(x) - 1):
        s0, s1, h0, h1 = s[i - 1], s[i], h[i - 1], h[i]
        p = (s0 * h1 + s1 * h0) / (h0 + h1)
        t[i] = (np.sign(s0) + np.sign(s1)) * min(abs(s0), abs(s1), 0.5 * abs(p))
    t[0] = (3 * s[0] - t[1]) / 2
    t[-1] = (3 * s[-1] - t[-2]) / 2
    return t


class Spline:
    """The monotone curve through (xs, ys), tangents computed once, evaluated many times.

    xs must be strictly increasing. Outside [xs[0], xs[-1]] the value is NaN: the curve
    never extrapolates. A single knot has a value only at its own x. NaN knots in ys are
    dropped first (a metric the source did not record).
    """

    def __init__(self, xs: Sequence[float], ys: Sequence[float]) -> None:
        x = np.asarray(xs, dtype=float)
        y = np.asarray(ys, dtype=float)
        ok = ~np.isnan(y)
        self.x, self.y = x[ok], y[ok]
        if len(self.x) and np.any(np.diff(self.x) <= 0):
            raise ValueError("knots must have strictly increasing x")
        self.t = _tangents(self.x, self.y) if len(self.x) >= 2 else np.zeros(len(self.x))
        # The knots as Python floats, for a few points (table targets) one by one.
        self._knots = (self.x.tolist(), self.y.tolist(), self.t.tolist())

    def __call__(self, at: Sequence[float]) -> list[float]:
        """The curve at each of `at`: every point at once, the same arithmetic as one by one."""
        if len(at) <= FEW:
            return [self._one(float(a)) for a in at]
        q = np.asarray(at, dtype=float)
        out = np.full(q.shape, np.nan)
        x, y, t = self.x, self.y, self.t
        if not len(x):
            return list(out.tolist())
        inside = (q >= x[0]) & (q <= x[-1])  # NaN is outside
        at_q = q[inside]
        i = np.searchsorted(x, at_q, side="right") - 1
        last = i >= len(x) - 1  # the last knot exactly
        got = np.full(at_q.shape, y[-1])
        i, at_q = i[~last], at_q[~last]
        h = x[i + 1] - x[i]
        u = (at_q - x[i]) / h
        # C pow, as numpy's scalar ** uses: numpy's array square can differ in the last bit.
        w = np.fromiter(map(math.pow, (1 - u).tolist(), repeat(2.0)), float, len(u))
        h00 = (1 + 2 * u) * w
        h10 = u * w
        h01 = u * u * (3 - 2 * u)
        h11 = u * u * (u - 1)
        got[~last] = h00 * y[i] + h10 * h * t[i] + h01 * y[i + 1] + h11 * h * t[i + 1]
        out[inside] = got
        return list(out.tolist())

    def _one(self, q: float) -> float:
        """The curve at q, in Python floats: the same operations, in the same order, as the
        array path (IEEE arithmetic either way), without numpy's cost per call."""
        x, y, t = self._knots
        if not x or not x[0] <= q <= x[-1]:  # NaN is outside
            return math.nan
        i = bisect_right(x, q) - 1
        if i >= len(x) - 1:  # the last knot exactly
            return y[-1]
        h = x[i + 1] - x[i]
        u = (q - x[i]) / h
        w = math.pow(1 - u, 2.0)
        h00 = (1 + 2 * u) * w
        h10 = u * w
        h01 = u * u * (3 - 2 * u)
        h11 = u * u * (u - 1)
        return h00 * y[i] + h10 * h * t[i] + h01 * y[i + 1] + h11 * h * t[i + 1]


FEW = 16
"""Up to this many points, evaluating one by one beats numpy's fixed cost per array."""


def steffen(xs: Sequence[float], ys: Sequence[float], at: Sequence[float]) -> list[float]:
    """Values of the monotone curve through (xs, ys) at each of `at` (see Spline)."""
    return Spline(xs, ys)(at)
