"""Records of many files converted together, a column at a time (issue: speed at 100k rows).

The result equals converting each record alone: rows the column code marks go through the
per-record path, which converts them or names why not; row order and per-file counts stay
as a file-by-file read gives them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tui.core.columns import Columns, array, column, texts
from tui.core.schema import Problem, finish_frame, typed_frame
from tui.core.validate_frame import validate_frame
from tui.loaders.base import InputFormat
from tui.loaders.common import normalise_gpu, parse_timestamp, recency
from tui.loaders.inferencemax_frame import PATH
from tui.loaders.meta import Context

BATCH_RECORDS = 10_000  # converted together: enough to amortise, few enough to hold
STAMP = "timestamp"
SLOT = "_slot"  # the file's place in the load, so rows of mixed loads keep file order

# (part, index within it) -> the row `read_document` would make, or the problem it reports
OneByOne = Callable[["Part", int], "dict[str, Any] | Problem"]


@dataclass
class Part:
    """One file's records (objects, all of them) of a columnar format, awaiting their batch."""

    path: Path
    ctx: Context
    records: list[Any]
    fmt: InputFormat
    slot: int  # the file's place in the load (its count and problems go there)
    offset: int = 0  # the index of the first record within its file (a slice of a big CSV)


@dataclass
class Converted:
    frame: pd.DataFrame
    problems: dict[int, list[Problem]]  # by slot, in row order
    counts: dict[int, int]  # rows by slot


def _columns(records: list[dict[str, Any]], keys: tuple[str, ...]) -> dict[str, Any]:
    """Each key's values: the keys every record has are read with one getter per record."""
    found = set().union(*records)
    have = [k for k in keys if k in found]
    everywhere = set(have).intersection(*records)
    common = [k for k in have if k in everywhere]
    out: dict[str, Any] = {}
    if len(common) == 1:
        out[common[0]] = [r[common[0]] for r in records]
    elif common:
        out = dict(zip(common, zip(*map(itemgetter(*common), records), strict=True), strict=True))
    for k in have:
        if k not in out:
            out[k] = list(map(dict.get, records, repeat(k)))
    return out


def convert(parts: list[Part], one_by_one: OneByOne) -> Converted:
    """Every part's records as canonical rows (parts share one format)."""
    fmt = parts[0].fmt
    keys = fmt.reads
    problems: dict[int, list[Problem]] = {p.slot: [] for p in parts}
    counts = {p.slot: 0 for p in parts}
    per_part = [_columns(p.records, keys) for p in parts]
    sizes = [len(p.records) for p in parts]
    n = sum(sizes)
    raw: Columns = {
        k: array(_joined([cols.get(k) for cols in per_part], sizes))
        for k in keys
        if any(k in cols for cols in per_part)
    }
    raw[PATH] = array(
        [str(p.path) for p, size in zip(parts, sizes, strict=True) for _ in range(size)]
    )
    assert fmt.columns is not None
    cols, bad = fmt.columns(raw, n)
    cols, wrong = validate_frame(cols, n)
    bad |= wrong
    cols, wrong = _given(cols, n, parts, sizes)
    bad |= wrong
    cols["recency"] = _recency(raw.get(STAMP), cols, parts, sizes)
    owner = np.repeat(np.arange(len(parts)), sizes)
    index = np.concatenate([np.arange(size) for size in sizes])
    slots = np.array([p.slot for p in parts])
    keep = ~bad
    if bad.any():  # a marked row's values may not even fit its column's type
        cols = {k: _rows(v, keep) for k, v in cols.items()}
    good = typed_frame(cols)
    good[SLOT] = slots[owner[keep]]
    slow_rows: list[dict[str, Any]] = []
    slow_at: list[int] = []
    for at in np.flatnonzero(bad).tolist():
        part = parts[owner[at]]
        result = one_by_one(part, int(index[at]))
        if isinstance(result, Problem):
            problems[part.slot].append(result)
        else:
            slow_rows.append(result)
            slow_at.append(at)
            counts[part.slot] += 1
    kept = np.bincount(owner[keep], minlength=len(parts))
    for k, part in enumerate(parts):
        counts[part.slot] += int(kept[k])
    if slow_rows:  # rows the column code only doubted: back in their places
        extra = finish_frame(slow_rows)
        extra[SLOT] = slots[owner[slow_at]]
        order = np.argsort(np.concatenate([np.flatnonzero(keep), slow_at]), kind="stable")
        good = pd.concat([good, extra], ignore_index=True).iloc[order]
        good.index = pd.RangeIndex(len(good))
    for found in problems.values():
        found.sort(key=lambda p: -1 if p.row is None else p.row)
    return Converted(good, problems, counts)


def _rows(values: Any, keep: np.ndarray) -> Any:
    """The kept rows of one column (an array or a Series)."""
    if isinstance(values, pd.Series):
        return values.to_numpy()[keep]
    return np.asarray(values)[keep]


def _joined(columns: list[Any], sizes: list[int]) -> list[Any]:
    """One key's values over all parts (None where a part's records lack the key)."""
    return list(
        chain.from_iterable(
            c if c is not None else [None] * n for c, n in zip(columns, sizes, strict=True)
        )
    )


def _given(
    cols: Columns, n: int, parts: list[Part], sizes: list[int]
) -> tuple[Columns, np.ndarray]:
    """--set and sidecar values over each file's rows, validated again (as apply_given does)."""
    given = [p.ctx.given(p.path) for p in parts]
    if not any(given):
        return cols, np.zeros(n, dtype=bool)
    cols = dict(cols)
    start = 0
    for values, size in zip(given, sizes, strict=True):
        for key, value in values.items():
            if (
                key not in cols
                or not isinstance(cols[key], np.ndarray)
                or cols[key].dtype != object
            ):
                cols[key] = column(cols, key, n).to_numpy(dtype=object).copy()
            cols[key][start : start + size] = normalise_gpu(value) if key == "hardware" else value
        start += size
    return validate_frame(cols, n)


def _recency(
    stamps: np.ndarray | None, cols: Columns, parts: list[Part], sizes: list[int]
) -> np.ndarray:
    """The record's timestamp, else the run number, else the file's time (as `recency`)."""
    n = sum(sizes)
    if stamps is None:
        when = np.full(n, np.nan)
    elif stamps.dtype.kind in "iuf":
        when = stamps.astype(np.float64)
    else:
        parsed, _ = texts(pd.Series(stamps), parse_timestamp)
        when = parsed.astype(np.float64)
    run_ids = column(cols, "run_id", n)
    start = 0
    for part, size in zip(parts, sizes, strict=True):
        if size:  # once per distinct run id of the file (one, unless the file names them)
            codes, uniques = pd.factorize(run_ids[start : start + size], use_na_sentinel=True)
            known = [recency(part.path, None, r) for r in [*uniques.tolist(), None]]
            chunk = when[start : start + size]
            unset = np.isnan(chunk)
            chunk[unset] = np.asarray(known)[codes[unset]]
        start += size
    return when
