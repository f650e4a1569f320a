"""The plausible range of each numeric canonical column, and the reason a value falls outside.

A row outside them is rejected, not shown: 1e303 tok/s/user or 1.5 GPUs is a broken or hostile
file, and a table built on it would mislead. Every bundled and recorded real row lies well inside.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


class RangeError(ValueError):
    """A value outside its column's plausible range; the message names column, value, range."""


@dataclass(frozen=True)
class Range:
    low: float
    high: float
    low_open: bool = False  # (low, high] rather than [low, high]
    integer: bool = False

    def describe(self) -> str:
        kind = "an integer" if self.integer else "a number"
        left = "(" if self.low_open else "["
        return f"{kind} in {left}{_short(self.low)}, {_short(self.high)}]"

    def holds(self, value: float) -> bool:
        above = value > self.low if self.low_open else value >= self.low
        if not (above and value <= self.high):
            return False
        return not self.integer or (math.isfinite(value) and value == math.floor(value))


def _short(value: float) -> str:
    if math.isinf(value):
        return "inf"
    return f"{value:.0e}".replace("e+0", "e") if value >= 1e4 else f"{value:g}"


_COUNT = Range(1, 1e5, integer=True)  # GPUs, parallelism degrees, workers
_LATENCY = Range(0, 1e5)  # seconds
RANGES: dict[str, Range] = {
    "tput_per_gpu": Range(0, 1e6, low_open=True),
    "output_tput_per_gpu": Range(0, 1e6),
    "interactivity": Range(0, 1e4, low_open=True),
    "concurrency": Range(1, 1e6),  # trtllm-bench reports the mean it reached (63.87)
    "isl": Range(1, 1e7, integer=True),
    "osl": Range(1, 1e7, integer=True),
    "num_gpus": _COUNT,
    "ttft_s": _LATENCY,
    "tpot_s": _LATENCY,
    "e2el_s": _LATENCY,
    "request_rate": Range(0, math.inf),  # inf: every request sent at once
    "record": Range(0, 1e9, integer=True),
    # the InferenceX API writes 0 workers where a side has no separate worker count
    "prefill_workers": Range(0, 1e5, integer=True),
    "decode_workers": Range(0, 1e5, integer=True),
    **{
        name: _COUNT
        for name in (
            "tp",
            "ep",
            "prefill_tp",
            "prefill_ep",
            "decode_tp",
            "decode_ep",
            "num_prefill_gpu",
            "num_decode_gpu",
        )
    },
}


def checked(name: str, value: float, raw: Any = None) -> float:
    """`value` if it lies in `name`'s range (NaN is the caller's business), else RangeError."""
    rule = RANGES[name]
    if math.isnan(value) or rule.holds(value):
        return value
    shown = value if raw is None else raw
    raise RangeError(f"{name} must be {rule.describe()}, got {shown!r}")


FLAGS = ("dp_attention", "disagg")
_TRUTH = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def setting(key: str, value: Any) -> Any:
    """A metadata value from --set or a sidecar, type-checked: ValueError names key and value.

    Numbers with a range must lie in it (`num_gpus = 1.5` is an error, not 1.5 GPUs shown as 2);
    a list or a table is never a value.
    """
    if isinstance(value, list | dict | tuple):
        raise ValueError(f"{key} must be a single value, got a {type(value).__name__}")
    if key in FLAGS:
        flag = value if isinstance(value, bool) else _TRUTH.get(str(value).strip().lower())
        if flag is None:
            raise ValueError(f"{key} must be true or false, got {value!r}")
        return flag
    if key in RANGES:
        return _number_setting(key, value)
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise ValueError(f"{key} must be text, got {type(value).__name__} {value!r}")
    return str(value)


def _number_setting(key: str, value: Any) -> float | int:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"{key} must be a number, got {type(value).__name__} {value!r}")
    try:
        number = float(value)
    except (ValueError, OverflowError):
        raise ValueError(f"{key} must be a number, got {value!r}") from None
    rule = RANGES[key]
    if not rule.holds(number):
        raise ValueError(f"{key} must be {rule.describe()}, got {value!r}")
    return int(number) if rule.integer else number
