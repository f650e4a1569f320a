"""Comparison sentences with honest arithmetic (DESIGN.md §4).

"X% more" = a/b - 1. "X% cheaper" = 1 - cheap/expensive, which can never reach 100%;
the ratio ("costs 2.11x as much") says the rest.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from tui.core.targets import format_target

LEVEL = 0.005  # below half a percent two numbers read as the same


def pct_more(a: float, b: float) -> float:
    """How much more a is than b, in percent (a/b - 1)."""
    return (a / b - 1) * 100


def pct_cheaper(cheap: float, expensive: float) -> float:
    """How much cheaper `cheap` is than `expensive`, in percent (1 - cheap/expensive)."""
    return (1 - cheap / expensive) * 100


def fmt_value(value: float) -> str:
    """Throughput-like numbers: one decimal below 1000, thousands separators above."""
    if math.isnan(value):
        return "—"
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.1f}"


def fmt_money(value: float) -> str:
    """Dollars to four significant digits, one rule at every size: $10.54, $1.436, $0.02853;
    whole dollars with separators from $1,000."""
    if not math.isfinite(value) or value <= 0:
        return "—"  # no price, or one overflowed: never "$inf" or a log of zero
    digits = max(0, 3 - math.floor(math.log10(value)))
    return f"${value:,.{digits}f}"


def tput_sentence(
    names: Sequence[str], tputs: Sequence[float], target: float, unit: str = "tok/s/GPU"
) -> str | None:
    """Leader vs runner-up on throughput at one target."""
    ranked = sorted(
        ((t, n) for n, t in zip(names, tputs, strict=True) if not math.isnan(t)), reverse=True
    )
    at = f"At {format_target(target)} tok/s/user,"
    if not ranked:
        return f"{at} no series reaches the target."
    if len(ranked) == 1:
        return f"{at} only {ranked[0][1]} reaches the target ({fmt_value(ranked[0][0])} {unit})."
    (a, na), (b, nb) = ranked[0], ranked[1]
    if a / b - 1 < LEVEL:
        return f"{at} {na} and {nb} are level at {fmt_value(a)} {unit}."
    return (
        f"{at} {na} delivers {pct_more(a, b):.0f}% more {unit} than {nb} "
        f"({fmt_value(a)} vs {fmt_value(b)})."
    )


def cost_sentence(names: Sequence[str], costs: Sequence[float]) -> str | None:
    """Cheapest vs next cheapest per token; None when fewer than two costs are known."""
    ranked = sorted((c, n) for n, c in zip(names, costs, strict=True) if not math.isnan(c))
    if len(ranked) < 2:
        return None
    (cheap, nc), (dear, nd) = ranked[0], ranked[1]
    if 1 - cheap / dear < LEVEL:
        return f"{nc} and {nd} cost the same per token ({fmt_money(cheap)}/M)."
    return (
        f"{nc} is {pct_cheaper(cheap, dear):.0f}% cheaper per token than {nd} "
        f"({nd} costs {dear / cheap:.2f}x as much: {fmt_money(dear)} vs {fmt_money(cheap)} per M tokens)."
    )


ENGINE_CAUTION = (
    "Caution: these series come from different engines ({engines}); speculative-decoding "
    "acceptance differs across engines, so their points are not directly comparable."
)


def engine_caution(frameworks_per_series: Sequence[Sequence[str]]) -> str | None:
    engines = sorted({f for fs in frameworks_per_series for f in fs})
    if len(frameworks_per_series) < 2 or len(engines) < 2:
        return None
    return ENGINE_CAUTION.format(engines=", ".join(engines))
