"""`validate_row` for a whole frame at once: the same values, and a mask of the rows it rejects.

A row this marks is not dropped here: the caller runs it through `validate_row`, which names
the reason (or, where this was only cautious, accepts it). Rows not marked get exactly the
values `validate_row` would give them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from tui.core.columns import Columns, column, numbers, outside, texts
from tui.core.ranges import RANGES
from tui.core.schema import REQUIRED_POSITIVE, REQUIRED_TEXT, UNKNOWN_LENGTH, RowError
from tui.core.validate import OPTIONAL_NUMBERS, TEXT_META, _missing_keys, _text


def _required(value: Any) -> str:
    text = _text({"v": value}, "v")
    if text is None or text.strip() == "" or text.lower() == "nan":
        raise RowError("missing")
    return text.strip()


def _lowered(value: Any) -> str:
    return _required(value).lower()


def _spec(value: Any) -> str:
    text = _text({"v": value}, "v")
    return "none" if text is None or text.strip() == "" else text.lower()


def _meta(value: Any) -> str | None:
    return _text({"v": value}, "v")


def validate_frame(
    frame: Columns, n: int, optional: frozenset[str] = frozenset()
) -> tuple[Columns, np.ndarray]:
    """The columns validated, and the rows `validate_row` would reject."""

    def _column(_: Columns, name: str) -> pd.Series:
        return column(frame, name, n)

    out = dict(frame)
    bad = np.zeros(n, dtype=bool)
    for name in REQUIRED_TEXT:
        lowered = name in ("hardware", "framework", "precision")
        values, wrong = texts(_column(frame, name), _lowered if lowered else _required)
        out[name], bad = values, bad | wrong
    values, wrong = texts(_column(frame, "spec_decoding"), _spec)
    out["spec_decoding"], bad = values, bad | wrong
    for name in TEXT_META:
        values, wrong = texts(_column(frame, name), _meta)
        out[name], bad = values, bad | wrong
    bad |= ~pd.Series(out["kind"]).isin([None, "run", "published"]).to_numpy()
    for name in REQUIRED_POSITIVE:
        got, wrong = numbers(_column(frame, name))
        absent = np.isnan(got) & (name in optional)
        with np.errstate(invalid="ignore"):
            wrong |= ~absent & (np.isnan(got) | np.isinf(got) | (got <= 0))
        out[name], bad = got, bad | wrong | outside(RANGES[name], got)
    for name in ("isl", "osl"):
        got, wrong = numbers(_column(frame, name))
        unknown = (got == UNKNOWN_LENGTH) & (name in optional)
        with np.errstate(invalid="ignore"):
            wrong |= ~unknown & (np.isnan(got) | np.isinf(got) | (got <= 0))
        wrong |= ~unknown & outside(RANGES[name], got)
        out[name], bad = np.where(unknown, UNKNOWN_LENGTH, got), bad | wrong
    got, wrong = numbers(_column(frame, "num_gpus"))
    out["num_gpus"], bad = got, bad | wrong | outside(RANGES["num_gpus"], got)
    for name in OPTIONAL_NUMBERS:
        got, wrong = numbers(_column(frame, name))
        out[name], bad = got, bad | wrong | outside(RANGES[name], got)
    bad |= _output_exceeds(out, n)
    keys, wrong = texts(_column(frame, "missing"), _missing_keys)
    out["missing"], bad = keys, bad | wrong
    return out, bad


def _output_exceeds(out: Columns, n: int) -> np.ndarray:
    """Output throughput above the total, where the row is not disaggregated (validate_row)."""
    output = np.asarray(out["output_tput_per_gpu"], dtype=np.float64)
    total = np.asarray(out["tput_per_gpu"], dtype=np.float64)
    disagg = column(out, "disagg", n).to_numpy(dtype=object) == True  # noqa: E712  # True only
    with np.errstate(invalid="ignore"):
        return (output > total * (1 + 1e-9)) & ~disagg
