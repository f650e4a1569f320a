"""Run counts for each sidebar choice, so the user sees what a choice would leave to show."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from tui.core.compact import present
from tui.core.dimensions import DIMENSIONS
from tui.core.select import sequence_sizes


def counts(rows: pd.DataFrame, chosen: Mapping[str, tuple[str, ...]]) -> dict[str, dict[str, int]]:
    """For each dimension, runs per value with every *other* dimension's choice applied.

    `rows` is one model at one sequence. A value with 0 would show nothing if chosen.
    """
    out: dict[str, dict[str, int]] = {}
    for dim in DIMENSIONS:
        part = rows
        for other in DIMENSIONS:
            if other is not dim and other.name in chosen:  # absent: every value
                part = part[part[other.column].isin(chosen[other.name])]
        every = sorted(rows[dim.column].unique())
        have = present(part[dim.column].value_counts())
        out[dim.name] = {v: int(have.get(v, 0)) for v in every}
    return out


def all_values(rows: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Every value of each dimension in these rows, sorted."""
    return {d.name: tuple(sorted(rows[d.column].unique())) for d in DIMENSIONS}


def sequence_counts(model_rows: pd.DataFrame) -> dict[str, int]:
    return sequence_sizes(model_rows)


def model_counts(frame: pd.DataFrame) -> dict[str, int]:
    sizes = present(frame["model"].value_counts())
    return {str(k): int(sizes[k]) for k in sorted(sizes.index, key=lambda m: str(m).lower())}
