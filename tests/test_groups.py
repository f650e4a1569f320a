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
from tui.core.series import _groups

Groups = list[tuple[tuple[Any, ...], np.ndarray]]


def _grouped(rows: pd.DataFrame, cols: list[str]) -> Groups:
    """pandas' own groups, in its sort order, with row positions."""
    grouped = rows.groupby(cols, sort=True, dropna=False, observed=True)
    order = grouped.ngroup().to_numpy()
    found = sorted(grouped.indices.items(), key=lambda kv: order[kv[1][0]])
    return [(k if isinstance(k, tuple) else (k,), np.asarray(pos)) for k, pos in found]


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


def test_keys_too_many_to_number_at_once_keep_their_order() -> None:
    """Eight columns of 400 values each are past 2**62 combined: the codes are renumbered on
    the way (reruns.configurations), in order, and the groups stay pandas'."""
    rng = np.random.default_rng(5)
    cols = [f"c{i}" for i in range(8)]
    frame = pd.DataFrame({c: rng.integers(0, 400, 300).astype(str) for c in cols})
    frame[cols[0]] = frame[cols[0]].where(rng.random(300) > 0.1)  # some missing
    frame[cols[1]] = pd.Categorical(frame[cols[1]], categories=[str(v) for v in range(400)][::-1])
    assert same(_groups(frame, cols), reference(frame, cols))
