"""Run counts for each sidebar choice, so the user sees what a choice would leave to show."""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

import pandas as pd

from tui.core.compact import present
from tui.core.dimensions import DIMENSIONS
from tui.core.select import sequence_sizes


def counts(rows: pd.DataFrame, chosen: Mapping[str, tuple[str, ...]]) -> dict[str, dict[str, int]]:
    """For each dimension, runs per value with every *other* dimension's choice applied.

    `rows` is one model at one sequence. A value with 0 would show nothing if chosen.
    """
    return Tally(rows).counts(chosen)


class Tally:
    """Runs per combination of dimension values, grouped once per model and sequence: each
    filter change then counts over the few combinations, not over the rows."""

    def __init__(self, rows: pd.DataFrame) -> None:
        self.every = {d.name: sorted(rows[d.column].unique()) for d in DIMENSIONS}
        sizes = rows.groupby(
            [d.column for d in DIMENSIONS], sort=False, dropna=False, observed=True
        ).size()
        self.combos = [(cast(tuple[str, ...], key), int(n)) for key, n in sizes.items()]

    def counts(self, chosen: Mapping[str, tuple[str, ...]]) -> dict[str, dict[str, int]]:
        """What `counts` gives for the rows this was built from."""
        out: dict[str, dict[str, int]] = {}
        for i, dim in enumerate(DIMENSIONS):
            others = [
                (j, set(chosen[o.name]))
                for j, o in enumerate(DIMENSIONS)
                if o is not dim and o.name in chosen  # absent: every value
            ]
            have: dict[str, int] = {}
            for key, n in self.combos:
                if all(key[j] in values for j, values in others):
                    have[key[i]] = have.get(key[i], 0) + n
            out[dim.name] = {v: have.get(v, 0) for v in self.every[dim.name]}
        return out


def all_values(rows: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Every value of each dimension in these rows, sorted."""
    return {d.name: tuple(sorted(rows[d.column].unique())) for d in DIMENSIONS}


def sequence_counts(model_rows: pd.DataFrame) -> dict[str, int]:
    return sequence_sizes(model_rows)


def model_counts(frame: pd.DataFrame) -> dict[str, int]:
    sizes = present(frame["model"].value_counts())
    return {str(k): int(sizes[k]) for k in sorted(sizes.index, key=lambda m: str(m).lower())}
