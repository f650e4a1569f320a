"""Axis ticks on nice numbers with short labels (52k, 1.2M, $0.03). No Textual here."""

from __future__ import annotations

import math

STEPS = (1.0, 2.0, 2.5, 5.0)


def compact(value: float, prefix: str = "") -> str:
    """Tick labels that stay narrow: 52,250 -> 52k, 0.0285 -> 0.029; `$` before costs."""
    size = abs(value)
    if size >= 1e6:
        text = f"{value / 1e6:.3g}M"
    elif size >= 1e4:
        text = f"{value / 1e3:.3g}k"
    elif size >= 100 or value == 0:
        text = f"{value:.0f}"
    else:
        text = f"{value:.3g}"
    return prefix + text


def linear_ticks(high: float, count: int = 5) -> list[float]:
    """Ticks from 0 on round steps, at least `count` of them, the last at or above `high`."""
    if not math.isfinite(high) or high <= 0:
        return [0.0, 1.0]
    best: list[float] = []
    power = 10.0 ** math.floor(math.log10(high / max(1, count - 1)))
    for scale in (power / 10, power, power * 10):
        for step in (m * scale for m in STEPS):
            n = math.ceil(high / step - 1e-9)
            if n + 1 >= count:
                best = [i * step for i in range(n + 1)]  # the largest step that gives enough
    return best or [0.0, high]


def log_ticks(low: float, high: float) -> list[float]:
    """1-2-5 per decade inside [low, high] (both > 0); the ends when fewer than two fit."""
    if not (low > 0 and high > low):
        return [low, high] if low > 0 else []
    ticks = [
        m * 10.0**e
        for e in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
        for m in (1, 2, 5)
        if low <= m * 10.0**e <= high
    ]
    return ticks if len(ticks) >= 2 else [low, high]


def x_range(values: list[float]) -> tuple[float, float]:
    """The x axis: every frontier and target, with a margin so guides never sit on the frame."""
    low, high = min(values), max(values)
    pad = (high - low) * 0.04 or max(abs(high) * 0.05, 1.0)
    return max(0.0, low - pad), high + pad
