"""Interactivity targets: defaults at 25/50/75% of the shared range, or the user's own."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

DEFAULT_FRACTIONS = (0.25, 0.5, 0.75)
MAX_TARGETS = 8
RULE_SHARED = "shared"  # every series covers the range
RULE_MOST = "most"  # the series do not all overlap: the range most of them cover


@dataclass(frozen=True)
class TargetRange:
    """The interval default targets are drawn from, the rule that chose it, and who is left out."""

    low: float
    high: float
    rule: str
    outside: tuple[int, ...] = ()  # indices of series whose range does not hold this interval


def target_range(ranges: Sequence[tuple[float, float]]) -> TargetRange | None:
    """The range for default targets (docs/METHOD.md, Targets); None without usable ranges.

    All ranges overlap: their intersection. Else the intersection of the largest group of
    series that share a point (ties: the widest such intersection, then the lowest).
    """
    lows = np.array([r[0] for r in ranges], dtype=float)
    highs = np.array([r[1] for r in ranges], dtype=float)
    usable = lows <= highs  # NaN ranges fail this
    if not usable.any():
        return None
    # The most-covered point is always some series' low end, so trying those is enough:
    # one row per point, one column per series (arrays: hundreds of series stay quick).
    points = np.unique(lows[usable])
    inside = usable & (lows <= points[:, None]) & (points[:, None] <= highs)
    sizes = inside.sum(axis=1)
    low = np.where(inside, lows, -np.inf).max(axis=1)
    high = np.where(inside, highs, np.inf).min(axis=1)
    best: tuple[tuple[int, float, float], int] | None = None
    for p in range(len(points)):  # the first best wins ties: ascending points, as before
        score = (int(sizes[p]), float(high[p] - low[p]), float(-low[p]))
        if best is None or score > best[0]:
            best = (score, p)
    assert best is not None
    group = [int(i) for i in np.flatnonzero(inside[best[1]])]
    in_group = set(group)
    outside = tuple(i for i in range(len(ranges)) if i not in in_group)
    rule = RULE_SHARED if not outside else RULE_MOST
    return TargetRange(
        max(ranges[i][0] for i in group), min(ranges[i][1] for i in group), rule, outside
    )


def _decimals(width: float) -> int:
    # Round so the shift (at most half a unit) stays well inside a quarter of the range.
    if width >= 8:
        return 0
    return min(6, math.ceil(-math.log10(width / 8))) if width > 0 else 3


def round_half_up(value: float, digits: int = 0) -> float:
    """JavaScript's Math.round at `digits` decimals: 12.5 -> 13, -0.5 -> 0 (not half to even)."""
    scale = 10.0**digits
    scaled = value * scale
    # Representation error (2.675 * 100 = 267.49999...) must not decide the rounding.
    nearest = round(scaled, 6)
    return math.floor(nearest + 0.5) / scale


def _inside(value: float, low: float, high: float, digits: int) -> float:
    """Round half up; a value rounded outside [low, high] is rounded inward instead."""
    scale = 10.0**digits
    out = round_half_up(value, digits)
    if out < low:
        out = math.ceil(round(low * scale, 6)) / scale
    elif out > high:
        out = math.floor(round(high * scale, 6)) / scale
    return out if low <= out <= high else value


def default_targets(low: float, high: float) -> list[float]:
    """25/50/75% of [low, high], rounded for reading: 8..80 gives 26, 44, 62.

    A one-point range gives that point exactly, never a value rounded off it.
    """
    width = high - low
    if width <= 0:
        return [low]
    digits = _decimals(width)
    return [_inside(low + f * width, low, high, digits) for f in DEFAULT_FRACTIONS]


def parse_targets(text: str) -> list[float]:
    """ "26,44,62" -> [26.0, 44.0, 62.0]; sorted, duplicates removed; a clear error otherwise."""
    parts = [p.strip() for p in text.replace(";", ",").replace(" ", ",").split(",")]
    parts = [p for p in parts if p]
    if not parts:
        raise ValueError("no targets given: type numbers such as 26,44,62")
    values: list[float] = []
    for part in parts:
        try:
            value = float(part)
        except ValueError:
            raise ValueError(f"target {part!r} is not a number (e.g. 26,44,62)") from None
        if not math.isfinite(value) or value <= 0:
            raise ValueError(f"target {part!r} must be a positive tok/s/user")
        values.append(value)
    out = sorted(set(values))
    if len(out) > MAX_TARGETS:
        raise ValueError(f"at most {MAX_TARGETS} targets, got {len(out)}")
    return out


def format_target(value: float) -> str:
    return f"{value:g}"
