"""Whole columns converted as the per-value functions convert one value, with a mask of the
rows those functions would reject.

Loading 100k rows one dict at a time costs seconds; these work per column (or per distinct
text value) instead. They never decide a row is good that the per-row code would reject: a value
they cannot treat exactly alike is marked, and the caller sends that row through the per-row
path, which gives the same result and the same message as ever.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from tui.core.ranges import Range
from tui.core.schema import to_bool, to_number

Column = tuple[np.ndarray, np.ndarray]  # (values, rows whose value the per-row code rejects)
Columns = dict[str, Any]  # name -> values (array or Series), all of one length


def column(cols: Columns, name: str, n: int) -> pd.Series:
    """A column by name as a Series (no copy); all None where absent."""
    values = cols.get(name)
    if values is None:
        return pd.Series(np.full(n, None, dtype=object))
    if isinstance(values, pd.Series):
        return values
    dtype = values.dtype if isinstance(values, np.ndarray) else None  # no guessing (datetimes)
    return pd.Series(values, dtype=dtype, copy=False)


def array(values: list[Any] | tuple[Any, ...]) -> np.ndarray:
    """Decoded JSON values as an array, without pandas' slower guessing. Floats (with None as
    NaN: the batch reads no NaN tokens, so NaN there always stands for None), integers and
    booleans get their own dtype; anything else stays as the objects it is."""
    kinds = set(map(type, values))
    if kinds in ({float}, {float, type(None)}):
        return np.array(values, dtype=np.float64)
    if kinds == {bool}:
        return np.array(values, dtype=bool)
    if kinds == {int}:
        try:
            return np.array(values, dtype=np.int64)
        except OverflowError:
            pass
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _kind(values: pd.Series) -> str:
    """What an object column holds: "string" (text and NA only), "empty" (NA only), or other."""
    return str(pd.api.types.infer_dtype(values, skipna=True))


def each(values: pd.Series, convert: Callable[[Any], Any]) -> Column:
    """`convert` on every value; a value it rejects is marked (the slow, exact way). NaN in a
    float column stands for None (see `array`)."""
    out = np.empty(len(values), dtype=object)
    bad = np.zeros(len(values), dtype=bool)
    items = values.tolist()
    if values.dtype.kind == "f":
        items = [None if v != v else v for v in items]
    for i, value in enumerate(items):
        try:
            out[i] = convert(value)
        except Exception:
            bad[i] = True
    return out, bad


def per_text(values: pd.Series, convert: Callable[[Any], Any]) -> Column:
    """`convert` once per distinct value of a column of text and NA (NA converts as None)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    done = np.empty(len(uniques) + 1, dtype=object)
    failed = np.zeros(len(uniques) + 1, dtype=bool)
    for i, value in enumerate([*uniques.tolist(), None]):
        try:
            done[i] = convert(value)
        except Exception:
            failed[i] = True
    return done[codes], failed[codes]


def texts(values: pd.Series, convert: Callable[[Any], Any]) -> Column:
    """A text column through `convert`, per distinct value where the column is plain text."""
    if values.dtype == object and _kind(values) in ("string", "empty"):
        return per_text(values, convert)
    if values.dtype.kind == "f" and values.isna().all():
        return per_text(pd.Series([None] * len(values), dtype=object), convert)
    return each(values, convert)


def numbers(values: pd.Series) -> Column:
    """A numeric column as float64, as `to_number` gives each value (a bool is rejected)."""
    kind = values.dtype.kind
    if kind in "iuf":
        return values.to_numpy(dtype=np.float64, na_value=np.nan), np.zeros(len(values), bool)
    if kind == "O":
        what = _kind(values)
        if what == "empty":
            return np.full(len(values), np.nan), np.zeros(len(values), bool)
        if what == "string":
            return _parsed(values)
        if what in ("integer", "floating", "mixed-integer-float"):  # and None: no bools
            return values.astype(np.float64).to_numpy(), np.zeros(len(values), bool)
    out, bad = each(values, to_number)
    out[bad] = np.nan
    return out.astype(np.float64), bad


def _parsed(values: pd.Series) -> Column:
    """Numbers written as text (CSV cells, "64" in JSON): float() as to_number does."""
    # Empty cells here; a cell of spaces fails the cast and goes the per-value way below.
    blank = values.isna().to_numpy() | (values == "").to_numpy()
    try:
        cells = values.to_numpy(dtype=object).copy()
        cells[blank] = None
        out = pd.Series(cells).astype(np.float64).to_numpy()
        return out, np.zeros(len(values), bool)
    except (ValueError, TypeError, OverflowError):
        out, bad = per_text(values, to_number)
        out[bad] = np.nan
        return out.astype(np.float64), bad


def flags(values: pd.Series) -> Column:
    """A yes/no column as `to_bool` gives each value: True, False or None."""
    if values.dtype == bool:
        return values.to_numpy(dtype=object), np.zeros(len(values), bool)
    if values.dtype == object and _kind(values) in ("string", "empty"):
        return per_text(values, to_bool)
    if values.dtype.kind == "f" and values.isna().all():
        return np.full(len(values), None, dtype=object), np.zeros(len(values), bool)
    return each(values, to_bool)


def outside(rule: Range, values: np.ndarray) -> np.ndarray:
    """Rows whose value lies outside `rule` (NaN is never outside: it is the caller's)."""
    with np.errstate(invalid="ignore"):
        above = values > rule.low if rule.low_open else values >= rule.low
        ok = above & (values <= rule.high)
        if rule.integer:
            ok &= np.isfinite(values) & (values == np.floor(values))
    return ~ok & ~np.isnan(values)
