"""Derived metrics (DESIGN.md §2). NaN in, NaN out: unknown hardware stays unknown."""

from __future__ import annotations

import math


def cost_per_mtok(tput_per_gpu: float, gpu_hour_cost: float) -> float:
    """$ per million tokens = $/GPU-hour / (tokens/s/GPU * 3600 / 1e6)."""
    if not tput_per_gpu > 0:
        return math.nan
    return gpu_hour_cost / (tput_per_gpu * 3600 / 1e6)


def tok_s_per_mw(tput_per_gpu: float, kw_per_gpu: float) -> float:
    """Tokens/s per megawatt of all-in power = tok/s/GPU * 1000 / kW per GPU."""
    if not kw_per_gpu > 0:
        return math.nan
    return tput_per_gpu * 1000 / kw_per_gpu


def joules_per_token(tput_per_gpu: float, kw_per_gpu: float) -> float:
    """J/token = kW per GPU * 1000 / tok/s/GPU."""
    if not tput_per_gpu > 0:
        return math.nan
    return kw_per_gpu * 1000 / tput_per_gpu
