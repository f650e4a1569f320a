"""Interactivity targets: defaults at 25/50/75% of the shared range, or the user's own."""

from __future__ import annotations

import math
from collections.abc import Sequence

DEFAULT_FRACTIONS = (0.25, 0.5, 0.75)
MAX_TARGETS = 8


def shared_range(ranges: Sequence[tuple[float, float]]) -> tuple[float, float] | None:
    """The interactivity interval every series covers, or None when they do not overlap."""
    if not ranges:
        return None
    low = max(r[0] for r in ranges)
    high = min(r[1] for r in ranges)
    return (low, high) if low <= high else None


def _decimals(width: float) -> int:
    # Round so the shift (at most half a unit) stays well inside a quarter of the range.
    if width >= 8:
        return 0
    return min(6, math.ceil(-math.log10(width / 8))) if width > 0 else 3


def default_targets(low: float, high: float) -> list[float]:
    """25/50/75% of [low, high], rounded for reading: 8..80 gives 26, 44, 62."""
    width = high - low
    if width <= 0:
        return [round(low, 3)]
    digits = _decimals(width)
    return [round(low + f * width, digits) for f in DEFAULT_FRACTIONS]


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
