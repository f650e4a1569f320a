"""Run counts for each sidebar choice, so the user sees what a choice would leave to show."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from tui.core.schema import parse_sequence, sequence_label
from tui.core.select import DIM_COLUMN

FILTER_DIMS = ("precision", "hardware", "framework", "spec")


def counts(rows: pd.DataFrame, chosen: Mapping[str, tuple[str, ...]]) -> dict[str, dict[str, int]]:
    """For each dimension, runs per value with every *other* dimension's choice applied.

    `rows` is one model at one sequence. A value with 0 would show nothing if chosen.
    """
    out: dict[str, dict[str, int]] = {}
    for dim in FILTER_DIMS:
        part = rows
        for other in FILTER_DIMS:
            if other != dim:
                part = part[part[DIM_COLUMN[other]].isin(chosen.get(other, ()))]
        every = sorted(rows[DIM_COLUMN[dim]].unique())
        have = part[DIM_COLUMN[dim]].value_counts()
        out[dim] = {v: int(have.get(v, 0)) for v in every}
    return out


def sequence_counts(model_rows: pd.DataFrame) -> dict[str, int]:
    out: dict[str, int] = {}
    for isl, osl in zip(model_rows["isl"], model_rows["osl"], strict=True):
        label = sequence_label(int(isl), int(osl))
        out[label] = out.get(label, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: parse_sequence(kv[0])))


def model_counts(frame: pd.DataFrame) -> dict[str, int]:
    sizes = frame["model"].value_counts()
    return {str(k): int(sizes[k]) for k in sorted(sizes.index, key=lambda m: str(m).lower())}
