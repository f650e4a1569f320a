"""Series grouping on integer codes gives pandas' groupby(sort=True, dropna=False) groups.

pandas drops a categorical's missing values whatever dropna says when observed=True, so the
reference groups a categorical by its codes (missing last), which is what sort=True means.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pandas as pd
from helpers import app_frame
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.dimensions import DIMENSIONS
from tui.core.series import _grouped, _groups

Groups = list[tuple[tuple[Any, ...], np.ndarray]]


def reference(frame: pd.DataFrame, cols: list[str]) -> Groups:
    plain = frame[cols].copy()
    for col in cols:
        if isinstance(plain[col].dtype, pd.CategoricalDtype):
            codes = plain[col].cat.codes.to_numpy()
            plain[col] = np.where(codes < 0, len(plain[col].cat.categories), codes)

    def named(col: str, key: Any) -> Any:
        if not isinstance(frame[col].dtype, pd.CategoricalDtype):
            return key
        categories = frame[col].cat.categories
        return categories[key] if key < len(categories) else np.nan

    return [
        (tuple(named(c, k) for c, k in zip(cols, key, strict=True)), pos)
        for key, pos in _grouped(plain, cols)
    ]


def same(a: Groups, b: Groups) -> bool:
    keys = [[str(v) for v in k] for k, _ in a] == [[str(v) for v in k] for k, _ in b]
    return keys and all(np.array_equal(p, q) for (_, p), (_, q) in zip(a, b, strict=True))


def test_real_rows_every_grouping() -> None:
    frame = app_frame()
    columns = [d.column for d in DIMENSIONS]
    for n in range(1, 4):
        for cols in itertools.permutations(columns, n):
            assert same(_groups(frame, list(cols)), reference(frame, list(cols))), cols
    part = frame[frame["hardware"] != "h200"].iloc[::3]  # a slice: codes with gaps
    pair = ["hardware", "framework"]
    assert same(_groups(part, pair), reference(part, pair))
    assert same(_groups(part, pair), _grouped(part, pair))  # no missing values: pandas' own


values = st.sampled_from(["b", "a", "c", "B", "", None])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(values, values, st.sampled_from([1.0, 2.0, np.nan])), max_size=30),
    st.permutations(["c", "b", "a", "B", "", "unused"]),
)
def test_made_up_rows(rows: list[tuple[Any, Any, float]], categories: list[str]) -> None:
    frame = pd.DataFrame(rows, columns=["cat", "text", "number"])
    frame["cat"] = pd.Categorical(frame["cat"], categories=categories)  # not sorted
    frame["text"] = frame["text"].astype(object)
    for cols in (["cat"], ["text"], ["number"], ["cat", "text"], ["text", "number", "cat"]):
        assert same(_groups(frame, cols), reference(frame, cols)), cols
