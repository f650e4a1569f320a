"""Reruns: the same configuration measured in several runs counts once, the latest."""

from __future__ import annotations

import numpy as np
import pandas as pd

from tui.core.schema import PARALLEL_COLUMNS

RERUN_KEY = [
    "model",
    "hardware",
    "framework",
    "precision",
    "spec_decoding",
    "isl",
    "osl",
    *PARALLEL_COLUMNS,
    "concurrency",
    "request_rate",
    "server_params",  # two server settings are two configurations
    "replicate",  # run=0, run=1 of one setting in one sweep are replicates, all kept
]


def superseded(frame: pd.DataFrame) -> pd.Series:
    """True for rows whose configuration was measured again later (vectorised, one pass).

    Rows with equal recency keep the one read last. Pooling reruns would let noise pick the
    best of N and inflate the frontier, so only the latest run counts (DESIGN §5).
    """
    if frame.empty:
        return pd.Series(False, index=frame.index, dtype=bool)
    recency = np.nan_to_num(frame["recency"].to_numpy(float), nan=-np.inf)
    order = np.argsort(recency, kind="stable")
    ids = configurations(frame, RERUN_KEY)[order]
    mask = np.zeros(len(frame), dtype=bool)
    mask[order] = pd.Series(ids).duplicated(keep="last").to_numpy()
    return pd.Series(mask, index=frame.index)


def configurations(frame: pd.DataFrame, columns: list[str], ordered: bool = False) -> np.ndarray:
    """One integer per row, equal exactly when the rows agree on every column (NaN equal to
    NaN, as `duplicated` has it). Each column's codes are appended as a digit of a mixed-radix
    number, renumbered (sorting, no hash table) only before it could overflow: never a copy of
    the columns, and little memory beside the result.

    With `ordered`, the integers also sort as groupby(sort=True) sorts the rows: a categorical
    by its categories, other values sorted, missing values last (renumbering keeps the order).
    """
    ids = np.zeros(len(frame), dtype=np.int64)
    top = 1  # every id is below this
    for col in columns:
        codes, count = _digits(frame[col], ordered)
        if top * count >= 2**62:
            ids = np.unique(ids, return_inverse=True)[1].astype(np.int64).reshape(-1)
            top = int(ids.max()) + 1 if len(ids) else 1
        ids = ids * count + codes
        top *= count
    return ids


def _digits(values: pd.Series, ordered: bool) -> tuple[np.ndarray, int]:
    """A column as non-negative codes and how many there can be."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy(np.int64)  # -1: missing
        count = len(values.cat.categories) + 1
    elif ordered:
        found, uniques = pd.factorize(values, sort=True)
        codes, count = found.astype(np.int64), len(uniques) + 1
    else:
        found, uniques = pd.factorize(values, use_na_sentinel=False)
        return found.astype(np.int64), max(len(uniques), 1)
    return (np.where(codes < 0, count - 1, codes) if ordered else codes + 1), count


def drop_reruns(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Keep the most recent row of each configuration; return it and how many were set aside."""
    old = frame["superseded"] if "superseded" in frame else superseded(frame)
    kept = frame[~old.to_numpy(bool)]
    return kept, len(frame) - len(kept)
