"""Canonical CSV rows converted a whole frame at a time: `canonical_csv.convert_row` per column.

Cells arrive as text (or None for a short row). Rows this cannot treat exactly as
`convert_row` does are marked; the batch sends them through `convert_row`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from tui.core.columns import Columns, column, flags, numbers, texts
from tui.core.schema import (
    COLUMNS,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    KIND_RUN,
    PARALLEL_COLUMNS,
)
from tui.loaders.common import normalise_gpu, run_number
from tui.loaders.inferencemax_frame import PATH

FORMULA = "interactivity column as given"
BOOLS = {"dp_attention", "disagg", "prefill_dp_attention", "decode_dp_attention"}
NUMERIC = {*FLOAT_COLUMNS, *INT_COLUMNS, "measured_isl", "measured_osl", "record"}
READS = tuple(c for c in COLUMNS if c != "recency")


def _cell(value: Any) -> Any:
    """A blank cell is no value (convert_row: None if empty or only spaces)."""
    return None if value is None or str(value).strip() == "" else value


def frame_columns(raw: Columns, n: int) -> tuple[Columns, np.ndarray]:
    """Canonical columns (before validation) for `n` rows of a canonical CSV."""
    bad = np.zeros(n, dtype=bool)
    out: Columns = {}
    for name in READS:
        if name not in raw:
            continue
        values = column(raw, name, n)
        if name in PARALLEL_COLUMNS or name == "sequence_measured":
            got, wrong = (
                flags(values) if name in BOOLS or name == "sequence_measured" else numbers(values)
            )
        elif name in NUMERIC:
            out[name] = values  # validation reads the numbers (blank is none there too)
            continue
        else:
            got, wrong = texts(values, _cell)
        out[name], bad = got, bad | wrong
    for name in PARALLEL_COLUMNS:  # convert_row gives every parallelism key, missing or not
        if name not in out:
            out[name] = np.full(
                n, None if name in BOOLS else np.nan, dtype=object if name in BOOLS else np.float64
            )
    if "sequence_measured" not in out:
        out["sequence_measured"] = np.full(n, None, dtype=object)
    for name in ("measured_isl", "measured_osl"):
        got, wrong = numbers(column(raw, name, n))
        out[name], bad = got, bad | wrong
    if "hardware" in out:
        out["hardware"], wrong = texts(pd.Series(out["hardware"]), _gpu)
        bad |= wrong
    paths = column(raw, PATH, n)
    out["source"] = _or(out.get("source"), paths, n)
    named, _ = texts(paths, run_number)
    out["run_id"] = _or(out.get("run_id"), pd.Series(named), n)
    kind = _or(out.get("kind"), pd.Series(np.full(n, KIND_RUN, dtype=object)), n)
    out["kind"], wrong = texts(pd.Series(kind), lambda v: str(v).strip().lower())
    bad |= wrong
    formula = pd.Series(np.full(n, FORMULA, dtype=object))
    out["interactivity_formula"] = _or(out.get("interactivity_formula"), formula, n)
    return out, bad


def _gpu(value: Any) -> Any:
    return normalise_gpu(value) if value else value


def _or(values: Any, default: pd.Series, n: int) -> np.ndarray:
    """`values` where given (a truthy cell), else the default (convert_row's `x or default`)."""
    if values is None:
        return default.to_numpy(dtype=object)
    given = np.asarray(values, dtype=object)
    empty = pd.isna(given) | (given == "")
    return np.where(empty, default.to_numpy(dtype=object), given)
