"""The loaded frame kept small: repeated text as categories, columns joined without copies.

A million rows name a few models, GPUs and files over and over; as categories each costs a
byte or two per row instead of a pointer and a string. A missing value reads back as NaN.
"""

from __future__ import annotations

import pandas as pd
from pandas.api.types import union_categoricals

from tui.core.schema import PARALLEL_COLUMNS, STR_COLUMNS

CATEGORIES = (
    *STR_COLUMNS,
    "source",
    "kind",
    "interactivity_formula",
    "tput_formula",
    "run_id",
    "date",
    "server_params",
    "replicate",
    "dataset",
)


# Parallelism degrees, workers and GPU counts: whole numbers below 1e5 (tui.core.ranges), which
# float32 holds exactly in half the bytes. Metrics the table prints stay float64.
SMALL_COUNTS = (
    "tp",
    "ep",
    "prefill_tp",
    "prefill_ep",
    "prefill_workers",
    "decode_tp",
    "decode_ep",
    "decode_workers",
    "num_prefill_gpu",
    "num_decode_gpu",
)


def compact(frame: pd.DataFrame) -> pd.DataFrame:
    """Repeated text columns as categories (lexically ordered, as sorting expects) and small
    counts as float32, in place."""
    for col in CATEGORIES:
        values = frame[col]
        if values.dtype == object and len(values):
            frame[col] = values.astype("category")
    for col in SMALL_COUNTS:
        values = frame[col]
        if values.dtype == "float64" or (values.dtype == object and values.isna().all()):
            frame[col] = values.astype("float32")  # all None: unknown counts, NaN
    return frame


def joined(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The frames as one, a column at a time, each part's column let go once copied.

    Categories are united; a column of only None and NaN reads as one frame of all rows makes
    it: pandas keeps all-None as None but None mixed with NaN becomes NaN (float for
    parallelism columns), which `concat` alone would not do alike.
    """
    if len(frames) == 1:
        return frames[0]
    names = list(frames[0].columns)
    parts = [{c: f[c] for c in names} for f in frames]
    frames.clear()
    out: dict[str, pd.Series] = {}
    for col in names:
        pieces = [p.pop(col) for p in parts]
        out[col] = _one(col, pieces)
        del pieces
    return pd.DataFrame(out, copy=False)


def _one(col: str, pieces: list[pd.Series]) -> pd.Series:
    if all(isinstance(p.dtype, pd.CategoricalDtype) for p in pieces):
        return pd.Series(union_categoricals(pieces, sort_categories=True))
    nan_in = any(_has_nan(p) for p in pieces)
    pieces = [p.astype(object) if isinstance(p.dtype, pd.CategoricalDtype) else p for p in pieces]
    values = pd.concat(pieces, ignore_index=True)
    if values.dtype == object and nan_in and values.isna().all():
        as_float = values.astype("float64")
        return as_float if col in PARALLEL_COLUMNS else as_float.astype(object)
    return values


def _has_nan(values: pd.Series) -> bool:
    """Whether an all-missing column holds NaN (not only None)."""
    if values.empty or not values.isna().all():
        return False
    return values.dtype != object or any(v is not None for v in values)


def present(counts: pd.Series) -> pd.Series:
    """Value counts without the zero rows a categorical column adds for unused categories."""
    return counts[counts > 0]
