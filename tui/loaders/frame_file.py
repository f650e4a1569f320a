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
        out[col] = values.to_numpy()
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
        cats: Any = texts[f"{col}.cats"]  # a list (the stubs ask for an Index)
        return pd.Categorical.from_codes(arrays[f"{col}.codes"], categories=cats)
    if kind == "Int64":
        return pd.arrays.IntegerArray(arrays[f"{col}.values"], arrays[f"{col}.mask"])
    if kind == "number":
        return arrays[col]
    if kind in ("keys", "flags", "text"):
        table: list[Any]
        if kind == "keys":
            table = [tuple(k for k in v.split(SEP) if k) for v in texts[f"{col}.table"]]
        elif kind == "flags":
            table = [bool(v) for v in arrays[f"{col}.table"].tolist()]
        else:
            table = list(texts[f"{col}.table"])
        distinct = _objects([*table, None, np.nan])  # -1 (missing): None or NaN, below
        codes = arrays[f"{col}.codes"]
        if len(table) and (codes.max(initial=-1) >= len(table) or codes.min(initial=0) < -1):
            raise ValueError(f"{col}: codes outside the table")
        nan_at = (codes < 0) & (arrays[f"{col}.none"] == 0)
        return distinct[np.where(nan_at, len(table) + 1, np.where(codes < 0, len(table), codes))]
    raise Unsaved(f"{col}: unknown kind {kind!r}")


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


def _unpack(packs: list[np.ndarray], where: dict[str, list[Any]]) -> dict[str, np.ndarray]:
    out = {}
    for name, (group, offset, length) in where.items():
        pack = packs[int(group)]
        if not (int(offset) >= 0 and int(offset) + int(length) <= len(pack)):
            raise ValueError(f"{name}: outside its array")
        out[name] = pack[int(offset) : int(offset) + int(length)]
    return out


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
    """The frame and meta `save` wrote; ValueError/OSError for a file that is not one."""
    try:
        with np.load(path, allow_pickle=False) as members:
            head = json.loads(str(members["__head__"]))
            if head.get("format") != FORMAT:
                raise ValueError("not a saved frame: another format")
            packs = [members[f"pack{i}"] for i in range(int(head["packs"]))]
        arrays = _unpack(packs, head["arrays"])
        texts = head["texts"]
        cols = {c: _decode(c, k, arrays, texts) for c, k in head["columns"].items()}
    except (KeyError, TypeError, zipfile.BadZipFile, EOFError) as exc:
        raise ValueError(f"not a saved frame: {exc}") from None
    frame = pd.DataFrame(cols, copy=False)
    if len(frame) != head["rows"]:
        raise ValueError("not a saved frame: wrong row count")
    return frame, head["meta"]
