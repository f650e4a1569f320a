"""A loaded frame saved as plain arrays in a NumPy .npz file, and read back exactly.

No pickle anywhere (a cache file could be swapped for a hostile one; `allow_pickle=False`
refuses object arrays): numbers as they are, categories as codes plus their strings, the
nullable integers as values plus a mask, yes/no/unknown flags as small integers and the
missing-metadata tuples as joined text. A frame holding anything else is not saved.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

SEP = "\x1f"  # between the keys of one `missing` tuple (never in a key)


class Unsaved(ValueError):
    """A column this format cannot hold exactly; the frame is not saved."""


def _encode(col: str, values: pd.Series, out: dict[str, np.ndarray]) -> str:
    """Arrays for one column in `out`; the kind that says how to read them back."""
    dtype = values.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        cats = dtype.categories
        if not all(isinstance(c, str) for c in cats):
            raise Unsaved(col)
        out[f"{col}.codes"] = values.cat.codes.to_numpy()
        out[f"{col}.cats"] = np.array(list(cats), dtype=str)
        return "category"
    if isinstance(dtype, pd.Int64Dtype):
        out[f"{col}.values"] = values.fillna(0).to_numpy(dtype=np.int64)
        out[f"{col}.mask"] = values.isna().to_numpy()
        return "Int64"
    if dtype.kind in "fiub":
        out[col] = values.to_numpy()
        return "number"
    return _encode_objects(col, values, out)


def _encode_objects(col: str, values: pd.Series, out: dict[str, np.ndarray]) -> str:
    """Object columns by their few distinct values (a million rows repeat a handful)."""
    missing = values.isna().to_numpy()
    codes, uniques = pd.factorize(values[~missing])
    distinct = uniques.tolist()
    none = _nones(values, missing)
    if all(isinstance(v, tuple) and all(isinstance(k, str) for k in v) for v in distinct):
        kind, table = "keys", np.array([SEP.join(v) for v in distinct] or [""], dtype=str)
    elif all(v is True or v is False for v in distinct):
        kind, table = "flags", np.array([int(v) for v in distinct] or [0])
    elif all(isinstance(v, str) for v in distinct):
        kind, table = "text", np.array(distinct or [""], dtype=str)
    else:
        raise Unsaved(col)
    full = np.full(len(values), -1, dtype=np.int64)
    full[~missing] = codes
    out[f"{col}.codes"], out[f"{col}.table"], out[f"{col}.none"] = full, table, none
    return kind


def _nones(values: pd.Series, missing: np.ndarray) -> np.ndarray:
    """For each missing value: 1 where it is None, 0 where NaN (pandas tells them apart only
    in object columns, and so must a round trip)."""
    flags = np.zeros(len(values), dtype=np.int8)
    if missing.any():
        flags[missing] = [v is None for v in values[missing].tolist()]
    return flags


def _decode(col: str, kind: str, arrays: Any) -> Any:
    if kind == "category":
        cats = arrays[f"{col}.cats"].tolist()
        return pd.Categorical.from_codes(arrays[f"{col}.codes"], categories=cats)
    if kind == "Int64":
        return pd.arrays.IntegerArray(arrays[f"{col}.values"], arrays[f"{col}.mask"])
    if kind == "number":
        return arrays[col]
    if kind in ("keys", "flags", "text"):
        table = arrays[f"{col}.table"].tolist()
        if kind == "keys":
            table = [tuple(k for k in v.split(SEP) if k) for v in table]
        elif kind == "flags":
            table = [bool(v) for v in table]
        distinct = _objects([*table, None, np.nan])  # -1 (missing): None or NaN, below
        codes = arrays[f"{col}.codes"]
        nan_at = (codes < 0) & (arrays[f"{col}.none"] == 0)
        return distinct[np.where(nan_at, len(table) + 1, np.where(codes < 0, len(table), codes))]
    raise Unsaved(f"{col}: unknown kind {kind!r}")


def _objects(items: list[Any]) -> np.ndarray:
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def save(frame: pd.DataFrame, path: Path, meta: dict[str, Any]) -> None:
    """Write the frame and `meta` (JSON-able) atomically; Unsaved when a column cannot be."""
    arrays: dict[str, np.ndarray] = {}
    kinds = {col: _encode(col, frame[col], arrays) for col in frame.columns}
    head = json.dumps({"columns": kinds, "rows": len(frame), "meta": meta})
    arrays["__head__"] = np.array(head)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, **arrays)  # type: ignore[arg-type]  # stubs take a key for a flag
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load(path: Path) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The frame and meta `save` wrote; ValueError/OSError for a file that is not one."""
    try:
        with np.load(path, allow_pickle=False) as arrays:
            head = json.loads(str(arrays["__head__"]))
            cols = {c: _decode(c, k, arrays) for c, k in head["columns"].items()}
    except (KeyError, zipfile.BadZipFile, EOFError) as exc:
        raise ValueError(f"not a saved frame: {exc}") from None
    frame = pd.DataFrame(cols, copy=False)
    if len(frame) != head["rows"]:
        raise ValueError("not a saved frame: wrong row count")
    return frame, head["meta"]
