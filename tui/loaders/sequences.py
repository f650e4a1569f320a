"""One sequence for runs whose lengths were measured, not configured.

On ShareGPT or trace data each run's mean input/output length differs a little, so naming
the sequence by each run's own means would split a sweep into one-run sequences. Runs that
share a dataset (or a client's grouping key) form one sequence; the rest are grouped when
their means lie within 10% of each other. The group's rounded mean names the sequence
(`~581/~217 (measured)`); each row keeps its exact means in measured_isl/measured_osl.
"""

from __future__ import annotations

import math
from typing import Any

from tui.core.schema import UNKNOWN_LENGTH, approx_length, to_bool, to_number

TOLERANCE = 0.10


def _close(a: float, b: float) -> bool:
    if math.isnan(a) and math.isnan(b):
        return True
    return max(a, b) > 0 and abs(a - b) / max(a, b) <= TOLERANCE


def _means(row: dict[str, Any]) -> tuple[float, float]:
    return to_number(row.get("measured_isl")), to_number(row.get("measured_osl"))


def _cluster(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Greedy groups: a row joins the first group whose first row is within 10% on both."""
    groups: list[list[dict[str, Any]]] = []
    for row in sorted(rows, key=lambda r: (_means(r)[0], _means(r)[1])):
        isl, osl = _means(row)
        home = next(
            (g for g in groups if _close(isl, _means(g[0])[0]) and _close(osl, _means(g[0])[1])),
            None,
        )
        if home is None:
            groups.append([row])
        else:
            home.append(row)
    return groups


def _label_lengths(group: list[dict[str, Any]]) -> None:
    """Every row of a group gets the group's rounded mean lengths as its isl/osl."""
    for name, col in (("isl", "measured_isl"), ("osl", "measured_osl")):
        values = [v for v in (to_number(r.get(col)) for r in group) if not math.isnan(v)]
        if not values:
            continue  # a configured length (or none): leave the row's own
        shared = approx_length(sum(values) / len(values))
        for row in group:
            if name not in row.get("_fixed", ()) and row[name] != UNKNOWN_LENGTH:
                row[name] = shared


def group_measured(rows: list[dict[str, Any]]) -> None:
    """Give the measured rows of one load their shared sequence (in place)."""
    keyed: dict[str, list[dict[str, Any]]] = {}
    loose: list[dict[str, Any]] = []
    for row in rows:
        key = row.pop("_group", None)
        if to_bool(row.get("sequence_measured")) is not True:
            row.pop("_fixed", None)
            continue
        key = key or (f"dataset:{row['dataset']}" if row.get("dataset") else None)
        if key:
            keyed.setdefault(key, []).append(row)
        else:
            loose.append(row)
    for group in [*keyed.values(), *_cluster(loose)]:
        _label_lengths(group)
        for row in group:
            row.pop("_fixed", None)
