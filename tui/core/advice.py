"""Telling the user exactly which metadata to set, and where, when raw client files lack it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

EXAMPLES = {
    "hardware": 'hardware = "h200"',
    "num_gpus": "num_gpus = 8",
    "precision": 'precision = "fp8"',
    "framework": 'framework = "vllm"',
}


def missing_notes(rows: pd.DataFrame) -> list[str]:
    """One note per folder: which keys its runs lack, what that hides, how to set them."""
    if "missing" not in rows or rows.empty:
        return []
    # map(bool) over the raw cells: a C loop, not one pandas call per row
    mask = np.fromiter(map(bool, rows["missing"].to_numpy()), bool, len(rows))
    if not mask.any():  # the usual case: no note, and no empty group-by to pay for
        return []
    lacking = rows[mask]
    notes: list[str] = []
    folders = lacking["source"].map(lambda s: str(Path(str(s)).parent))
    for folder, part in lacking.groupby(folders, sort=True, observed=True):
        keys = sorted({k for m in part["missing"] for k in m}, key=list(EXAMPLES).index)
        hidden = ("num_gpus" in keys and "per-GPU throughput, cost and power") or (
            "hardware" in keys and "cost and power"
        )
        unknown = f", so {hidden} are unknown" if hidden else ""
        flags = " ".join(
            f"--set {EXAMPLES[k].replace(' = ', '=').replace(chr(34), '')}" for k in keys
        )
        toml = "; ".join(EXAMPLES[k] for k in keys)
        notes.append(
            f"{len(part)} run{'s in' if len(part) > 1 else ' in'} {folder} {'do' if len(part) > 1 else 'does'} not say {', '.join(keys)}{unknown}: "
            f"add {flags} (your values) or write {toml} in {Path(folder) / 'paretop.toml'}."
        )
    return notes
