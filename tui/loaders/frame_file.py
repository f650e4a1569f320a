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
import zlib
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd
from numpy.lib import format as npformat

SEP = "\x1f"  # between the keys of one `missing` tuple (never in a key)


class Unsaved(ValueError):
    """A column this format cannot hold exactly; the frame is not saved."""


FORMAT = 2
"""The layout saved: numbers packed into one array per dtype, strings in the JSON head (the
first, one array per column part, read 80 zip members: ~5 ms of every start)."""

Texts = dict[str, list[str]]


def _encode(col: str, values: pd.Series, out: dict[str, np.ndarray], texts: Texts) -> str:
    """Arrays (and strings) for one column; the kind that says how to read them back."""
    dtype = values.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        cats = dtype.categories
        if not all(isinstance(c, str) for c in cats):
            raise Unsaved(col)
        out[f"{col}.codes"] = values.cat.codes.to_numpy()
        texts[f"{col}.cats"] = list(cats)
        return "category"
    if isinstance(dtype, pd.Int64Dtype):
        out[f"{col}.values"] = values.fillna(0).to_numpy(dtype=np.int64)
        out[f"{col}.mask"] = values.isna().to_numpy()
        return "Int64"
    if dtype.kind in "fiub":
        numbers = values.to_numpy()
        if numbers.dtype.kind not in "fiub":  # nullable booleans with NA: objects
            raise Unsaved(col)
        out[col] = numbers
        return "number"
    return _encode_objects(col, values, out, texts)


def _encode_objects(col: str, values: pd.Series, out: dict[str, np.ndarray], texts: Texts) -> str:
    """Object columns by their few distinct values (a million rows repeat a handful)."""
    missing = values.isna().to_numpy()
    codes, uniques = pd.factorize(values[~missing])
    distinct = uniques.tolist()
    none = _nones(values, missing)
    full = np.full(len(values), -1, dtype=np.int64)
    full[~missing] = codes
    out[f"{col}.codes"], out[f"{col}.none"] = full, none
    if all(isinstance(v, tuple) and all(isinstance(k, str) for k in v) for v in distinct):
        texts[f"{col}.table"] = [SEP.join(v) for v in distinct]
        return "keys"
    if all(v is True or v is False for v in distinct):
        out[f"{col}.table"] = np.array([int(v) for v in distinct], dtype=np.int64)
        return "flags"
    if all(isinstance(v, str) for v in distinct):
        texts[f"{col}.table"] = distinct
        return "text"
    raise Unsaved(col)


def _nones(values: pd.Series, missing: np.ndarray) -> np.ndarray:
    """For each missing value: 1 where it is None, 0 where NaN (pandas tells them apart only
    in object columns, and so must a round trip)."""
    flags = np.zeros(len(values), dtype=np.int8)
    if missing.any():
        flags[missing] = [v is None for v in values[missing].tolist()]
    return flags


def _decode(col: str, kind: str, arrays: dict[str, Any], texts: Texts) -> Any:
    if kind == "category":
        cats: Any = _strings(texts[f"{col}.cats"])  # a list (the stubs ask for an Index)
        codes: Any = _codes(arrays[f"{col}.codes"])
        return pd.Categorical.from_codes(codes, categories=cats)
    if kind == "Int64":
        values, mask = arrays[f"{col}.values"], arrays[f"{col}.mask"]
        if values.dtype != np.int64 or mask.dtype != bool:
            raise ValueError(f"{col}: not integers and a mask")
        return pd.arrays.IntegerArray(values, mask)
    if kind == "number":
        if arrays[col].dtype.kind not in "fiub":
            raise ValueError(f"{col}: not numbers")
        return arrays[col]
    if kind in ("keys", "flags", "text"):
        table: list[Any]
        if kind == "keys":
            table = [tuple(k for k in v.split(SEP) if k) for v in _strings(texts[f"{col}.table"])]
        elif kind == "flags":
            table = [bool(v) for v in _codes(arrays[f"{col}.table"]).tolist()]
        else:
            table = _strings(texts[f"{col}.table"])
        distinct = _objects([*table, None, np.nan])  # -1 (missing): None or NaN, below
        codes = _codes(arrays[f"{col}.codes"])
        if codes.max(initial=-1) >= len(table) or codes.min(initial=0) < -1:
            raise ValueError(f"{col}: codes outside the table")
        nan_at = (codes < 0) & (arrays[f"{col}.none"] == 0)
        return distinct[np.where(nan_at, len(table) + 1, np.where(codes < 0, len(table), codes))]
    raise Unsaved(f"{col}: unknown kind {kind!r}")


def _codes(values: np.ndarray) -> np.ndarray:
    if values.dtype.kind not in "iu":
        raise ValueError("codes that are not integers")
    return values


def _strings(values: Any) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError("a table that is not a list of strings")
    return values


def _pack(arrays: dict[str, np.ndarray]) -> tuple[list[list[np.ndarray]], dict[str, list[Any]]]:
    """The arrays grouped by dtype (each group saved as one array), and where each named
    array lies in its group's."""
    packs: dict[str, list[np.ndarray]] = {}
    where: dict[str, list[Any]] = {}
    for name, values in arrays.items():
        flat = np.ascontiguousarray(values).reshape(-1)
        group = packs.setdefault(flat.dtype.str, [])
        offset = sum(len(a) for a in group)
        where[name] = [list(packs).index(flat.dtype.str), offset, len(flat)]
        group.append(flat)
    return list(packs.values()), where


def _write(handle: IO[bytes], groups: list[list[np.ndarray]], head: str) -> None:
    """An .npz (what np.savez writes) of one array per group and the head, each group
    written part after part: joined first, a 1M-row frame's numbers were copied whole."""
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        for i, parts in enumerate(groups):
            shape = (sum(len(part) for part in parts),)
            header = {"descr": npformat.dtype_to_descr(parts[0].dtype), "fortran_order": False}
            with archive.open(f"pack{i}.npy", "w", force_zip64=True) as out:
                npformat.write_array_header_1_0(out, {**header, "shape": shape})
                for part in parts:
                    out.write(part.view(np.uint8).data)  # contiguous: written, not copied
        with archive.open("__head__.npy", "w", force_zip64=True) as out:
            npformat.write_array(out, np.array(head), allow_pickle=False)


def _unpack(packs: list[Any], where: Any) -> dict[str, np.ndarray]:
    if not all(isinstance(p, np.ndarray) and p.ndim == 1 for p in packs):
        raise ValueError("a packed member that is not a flat array")
    out = {}
    for name, (group, offset, length) in _mapping(where).items():
        group, offset, length = int(group), int(offset), int(length)
        if not (0 <= group < len(packs) and offset >= 0 and offset + length <= len(packs[group])):
            raise ValueError(f"{name}: outside its array")
        out[name] = packs[group][offset : offset + length]
    return out


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("a head that is not a mapping")
    return value


def _objects(items: list[Any]) -> np.ndarray:
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def save(frame: pd.DataFrame, path: Path, meta: dict[str, Any]) -> None:
    """Write the frame and `meta` (JSON-able) atomically; Unsaved when a column cannot be."""
    arrays: dict[str, np.ndarray] = {}
    texts: Texts = {}
    kinds = {col: _encode(col, frame[col], arrays, texts) for col in frame.columns}
    groups, where = _pack(arrays)
    head = {"format": FORMAT, "columns": kinds, "rows": len(frame), "meta": meta}
    head |= {"arrays": where, "texts": texts, "packs": len(groups)}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            _write(handle, groups, json.dumps(head))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load(path: Path) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The frame and meta `save` wrote; ValueError/OSError for a file that is not one.

    A cache file can be swapped for anything: whatever it holds is checked as it is read,
    and any way it fails to be a saved frame is a ValueError naming it so.
    """
    try:
        with np.load(path, allow_pickle=False) as members:
            head = _mapping(json.loads(str(members["__head__"])))
            if head.get("format") != FORMAT:
                raise ValueError("another format")
            packs = [members[f"pack{i}"] for i in range(int(head["packs"]))]
        arrays = _unpack(packs, head["arrays"])
        texts = _mapping(head["texts"])
        columns = _mapping(head["columns"])
        cols = {c: _decode(c, k, arrays, texts) for c, k in columns.items()}
        frame = pd.DataFrame(cols, copy=False)
        if len(frame) != head["rows"]:
            raise ValueError("wrong row count")
        return frame, _mapping(head["meta"])
    except ValueError as exc:
        raise ValueError(f"not a saved frame: {exc}") from None
    # A tampered file fails in any of these ways; MemoryError: an array header claiming
    # more than the file could hold.
    except (
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        MemoryError,
    ) as exc:
        raise ValueError(f"not a saved frame: {type(exc).__name__}: {exc}") from None
