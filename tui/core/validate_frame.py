"""`validate_row` for a whole frame at once: the same values, and a mask of the rows it rejects.

A row this marks is not dropped here: the caller runs it through `validate_row`, which names
the reason (or, where this was only cautious, accepts it). Rows not marked get exactly the
values `validate_row` would give them.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd

from tui.core.columns import Columns, column, numbers, outside, texts
from tui.core.ranges import RANGES
from tui.core.schema import REQUIRED_POSITIVE, REQUIRED_TEXT, UNKNOWN_LENGTH
from tui.core.validate import (
    OPTIONAL_NUMBERS,
    TEXT_META,
    missing_keys,
    required_text,
    spec_text,
    text_of,
)


def validate_frame(
    frame: Columns, n: int, optional: frozenset[str] = frozenset()
) -> tuple[Columns, np.ndarray]:
    """The columns validated, and the rows `validate_row` would reject."""

    def _column(name: str) -> pd.Series:
        return column(frame, name, n)

    out = dict(frame)
    bad = np.zeros(n, dtype=bool)
    for name in REQUIRED_TEXT:
        values, wrong = texts(_column(name), partial(required_text, name=name))
        out[name], bad = values, bad | wrong
    values, wrong = texts(_column("spec_decoding"), spec_text)
    out["spec_decoding"], bad = values, bad | wrong
    for name in TEXT_META:
        values, wrong = texts(_column(name), partial(text_of, name=name))
        out[name], bad = values, bad | wrong
    bad |= ~pd.Series(out["kind"]).isin([None, "run", "published"]).to_numpy()
    for name in REQUIRED_POSITIVE:
        got, wrong = numbers(_column(name))
        absent = np.isnan(got) & (name in optional)
        with np.errstate(invalid="ignore"):
            wrong |= ~absent & (np.isnan(got) | np.isinf(got) | (got <= 0))
        out[name], bad = got, bad | wrong | outside(RANGES[name], got)
    for name in ("isl", "osl"):
        got, wrong = numbers(_column(name))
        unknown = (got == UNKNOWN_LENGTH) & (name in optional)
        with np.errstate(invalid="ignore"):
            wrong |= ~unknown & (np.isnan(got) | np.isinf(got) | (got <= 0))
        wrong |= ~unknown & outside(RANGES[name], got)
        out[name], bad = np.where(unknown, UNKNOWN_LENGTH, got), bad | wrong
    got, wrong = numbers(_column("num_gpus"))
    out["num_gpus"], bad = got, bad | wrong | outside(RANGES["num_gpus"], got)
    for name in OPTIONAL_NUMBERS:
        got, wrong = numbers(_column(name))
        out[name], bad = got, bad | wrong | outside(RANGES[name], got)
    bad |= _output_exceeds(out, n)
    keys, wrong = texts(_column("missing"), missing_keys)
    out["missing"], bad = keys, bad | wrong
    return out, bad


def _output_exceeds(out: Columns, n: int) -> np.ndarray:
    """Output throughput above the total, where the row is not disaggregated (validate_row)."""
    output = np.asarray(out["output_tput_per_gpu"], dtype=np.float64)
    total = np.asarray(out["tput_per_gpu"], dtype=np.float64)
    disagg = column(out, "disagg", n).to_numpy(dtype=object) == True  # noqa: E712  # True only
    with np.errstate(invalid="ignore"):
        return (output > total * (1 + 1e-9)) & ~disagg
