"""The bundled CSVs as one .npz of arrays (tui.loaders.frame_file), read in milliseconds.

data/bundled.npz is made from data/inferencemax.csv and data/published.csv by paretop's own
loader (`python -m tui.loaders.convert --bundle data/bundled.npz`) and names their SHA-256:
when a CSV changes, the .npz no longer matches and the CSVs are read instead.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from tui.core.paths import data_file
from tui.loaders import frame_file
from tui.loaders.common import FileRecord, LoadResult

SOURCES = ("inferencemax.csv", "published.csv")
NAME = "bundled.npz"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read() -> LoadResult | None:
    """The bundled rows, or None when the .npz is absent or does not match the CSVs."""
    try:
        frame, meta = frame_file.load(data_file(NAME))
        if meta.get("sources") != {name: _digest(data_file(name)) for name in SOURCES}:
            return None
        counts = [int(meta["rows"][name]) for name in SOURCES]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    # Rows that name no run date from their file's time, as reading the CSV does.
    recency = frame["recency"].to_numpy(copy=True)
    start = 0
    for name, count in zip(SOURCES, counts, strict=True):
        rows = slice(start, start + count)
        unset = frame["run_id"].iloc[rows].isna().to_numpy()
        if unset.any():
            recency[start : start + count][unset] = os.stat(data_file(name)).st_mtime
        start += count
    frame["recency"] = np.asarray(recency, dtype=np.float64)
    files = [FileRecord(str(data_file(n)), "csv", c) for n, c in zip(SOURCES, counts, strict=True)]
    return LoadResult(frame=frame, files=files)


def write(out: Path) -> int:
    """Make the .npz from the CSVs (read as the CSVs, never from an older .npz)."""
    from tui.loaders.scan import load_paths

    result = load_paths([data_file(name) for name in SOURCES])
    if result.problems:
        raise ValueError("; ".join(str(p) for p in result.problems))
    meta = {
        "sources": {name: _digest(data_file(name)) for name in SOURCES},
        "rows": {Path(f.path).name: f.rows for f in result.files},
    }
    frame_file.save(result.frame, out, meta)
    out.chmod(0o644)  # shipped in the package: readable by all, like the CSVs
    return len(result.frame)
