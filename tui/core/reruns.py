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


def drop_reruns(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Keep the most recent row of each configuration; return it and how many were set aside.

    Pooling reruns would let noise pick the best of N and inflate the frontier. Rows with
    equal recency keep the one read last.
    """
    if frame.empty:
        return frame, 0
    frame = frame.reset_index(drop=True)
    recency = frame["recency"].to_numpy(float)
    order = np.argsort(np.nan_to_num(recency, nan=-np.inf), kind="stable")
    ordered = frame.iloc[order]
    key = ordered[RERUN_KEY].astype(str)
    kept_index = ordered.index[~key.duplicated(keep="last").to_numpy()]
    kept = frame[frame.index.isin(kept_index)]  # back to reading order
    return kept, len(frame) - len(kept)
