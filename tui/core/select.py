"""Choosing what to show: model, sequence, hardware, precision, framework, spec decoding."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from tui.core.compact import present
from tui.core.dimensions import BY_NAME, DIMENSIONS, GROUP_ORDER, Filters, lookup
from tui.core.schema import parse_sequence, sequence_label


class SelectionError(ValueError):
    """A selection that matches nothing, or more than one of something that must be one."""


@dataclass(frozen=True)
class Selection:
    """What the user asked for. Empty tuples mean "all"; None means "pick a default"."""

    model: str | None = None
    sequence: str | None = None
    filters: Filters = field(default_factory=dict)  # dimension name -> chosen values
    group_by: tuple[str, ...] | None = None
    strict: bool = True  # False: ignore chosen values absent here (the TUI's cross-filters)

    def chosen(self, dim: str) -> tuple[str, ...]:
        return tuple(self.filters.get(dim, ()))


def parse_group_by(text: str) -> tuple[str, ...]:
    names: list[str] = []
    for raw in text.split(","):
        if not raw.strip():
            continue
        dim = lookup(raw)
        if dim is None:
            raise SelectionError(
                f"cannot group by {raw.strip()!r}: choose from {', '.join(GROUP_ORDER)}"
            )
        if dim.name not in names:
            names.append(dim.name)
    if not names:
        raise SelectionError(f"--group-by needs at least one of {', '.join(GROUP_ORDER)}")
    return tuple(names)


def default_group_by(rows: pd.DataFrame) -> tuple[str, ...]:
    """The dimensions that always split series, plus any other with several values shown."""
    return tuple(
        d
        for d in GROUP_ORDER
        if BY_NAME[d].groups_by_default or rows[BY_NAME[d].column].nunique() > 1
    )


def _listing(values: pd.Series) -> str:
    counts = present(values.value_counts())
    return ", ".join(
        f"{v} ({n} runs)" for v, n in sorted(counts.items(), key=lambda kv: str(kv[0]))
    )


def model_names(frame: pd.DataFrame) -> list[str]:
    return sorted(frame["model"].dropna().unique(), key=str.lower)


def match_model(frame: pd.DataFrame, wanted: str) -> str:
    """Display name, InferenceMAX prefix or model id, case-insensitive; then a unique substring."""
    needle = wanted.strip().lower()
    exact: set[str] = set()
    # Each distinct value compared once (not each row's): then the rows holding the hits.
    for col in ("model", "model_prefix", "model_id"):
        exact.update(_models_where(frame, col, lambda text: text.lower() == needle))
    found = exact or _models_where(frame, "model", lambda text: needle in text.lower())
    if len(found) == 1:
        return found.pop()
    if not found:
        raise SelectionError(f"no model matches {wanted!r}; available: {_listing(frame['model'])}")
    raise SelectionError(f"model {wanted!r} is ambiguous: it matches {', '.join(sorted(found))}")


def _models_where(frame: pd.DataFrame, col: str, hit: Callable[[str], bool]) -> set[str]:
    """Models of the rows whose `col`, as text, passes `hit` (missing values read "nan")."""
    column = frame[col]
    categorical = isinstance(column.dtype, pd.CategoricalDtype)
    distinct = column.cat.categories if categorical else column.unique()
    hits = [v for v in distinct if hit(str(v))]
    if column.isna().any() and hit("nan"):
        hits.append(None)  # astype(str) wrote a missing value as "nan"
    if not hits:
        return set()
    return set(frame.loc[column.isin(hits).to_numpy(), "model"].dropna().unique())


def default_model(frame: pd.DataFrame) -> str:
    """The model with the most runs (ties: alphabetical), so a bare command shows something."""
    counts = present(frame["model"].value_counts())
    return str(sorted(counts.index, key=lambda m: (-counts[m], str(m).lower()))[0])


SEQUENCE_KEY = ["isl", "osl", "sequence_measured", "dataset"]


def sequence_sizes(frame: pd.DataFrame) -> dict[str, int]:
    """Runs per sequence label (configured "1k/1k", or a measured group), shortest first."""
    if frame.empty:
        return {}
    groups = frame.groupby(SEQUENCE_KEY, dropna=False, sort=False, observed=True).size()
    out: dict[str, int] = {}
    for key, n in groups.items():
        parts: tuple[Any, ...] = key if isinstance(key, tuple) else (key,)
        isl, osl, measured, dataset = parts
        name = dataset if measured and isinstance(dataset, str) and dataset else None
        label = sequence_label(int(isl), int(osl), bool(measured), name)
        out[label] = out.get(label, 0) + int(n)
    return dict(sorted(out.items(), key=lambda kv: (*parse_sequence(kv[0]), kv[0])))


def sequences(frame: pd.DataFrame) -> list[str]:
    return list(sequence_sizes(frame))


def default_sequence(frame: pd.DataFrame) -> str:
    return _default_label(sequences(frame))


def _default_label(labels: list[str]) -> str:
    return "1k/1k" if "1k/1k" in labels else labels[0]


def filter_sequence(frame: pd.DataFrame, text: str) -> pd.DataFrame:
    try:
        isl, osl = parse_sequence(text)
    except ValueError as exc:
        raise SelectionError(str(exc)) from None
    out = frame[(frame["isl"] == isl) & (frame["osl"] == osl)]
    if out.empty:
        raise SelectionError(
            f"no runs at sequence {text} for this model; available: {', '.join(sequences(frame))}"
        )
    return out


def _matches(
    picked: Resolved, before: np.ndarray, dim: str, wanted: tuple[str, ...], strict: bool
) -> np.ndarray:
    """Picked rows holding a wanted value of `dim`; `before`: the rows earlier filters kept.

    Cross-filters (not strict) ignore values absent from those rows unless none is there.
    """
    codes, names = picked.codes[dim]
    values = {BY_NAME[dim].normalise(w) for w in wanted}
    hit = np.isin(codes, [i for i, name in enumerate(names) if name in values])
    if strict or not (hit & before).any():  # only then is a pass listing the values needed
        column = picked.rows[BY_NAME[dim].column]
        there = column if before.all() else column[before]
        unknown = sorted(values - set(there))
        if unknown:
            raise SelectionError(
                f"no {dim} {', '.join(unknown)} in this selection; available: {_listing(there)}"
            )
    return hit


@dataclass(frozen=True)
class Resolved:
    """A selection with its defaults filled in, and the rows it keeps."""

    model: str
    sequence: str
    group_by: tuple[str, ...]
    rows: pd.DataFrame
    elsewhere: dict[str, int] = field(default_factory=dict)  # runs at the model's other sequences
    other_models: dict[str, int] = field(default_factory=dict)  # runs of the other models loaded

    @cached_property
    def codes(self) -> dict[str, tuple[np.ndarray, list[Any]]]:
        """Each dimension's column as integer codes and the values they stand for: worked out
        once per model and sequence, so filtering and grouping compare integers."""
        out: dict[str, tuple[np.ndarray, list[Any]]] = {}
        for dim in DIMENSIONS:
            codes, names = pd.factorize(self.rows[dim.column])
            out[dim.name] = (codes, list(names))
        return out


def pick(frame: pd.DataFrame, sel: Selection) -> Resolved:
    """The selection's model and sequence with all their rows: filters come after (narrow)."""
    if frame.empty:
        raise SelectionError("no benchmark rows were loaded")
    model = match_model(frame, sel.model) if sel.model else default_model(frame)
    wanted = (frame["model"] == model).to_numpy()
    every = bool(wanted.all())  # the explorer passes one model's rows: no copy of them
    rows = frame if every else frame[wanted]
    sizes = sequence_sizes(rows)
    sequence = sel.sequence or _default_label(list(sizes))
    rows = filter_sequence(rows, sequence)
    sequence = sequences(rows)[0]
    elsewhere = {label: n for label, n in sizes.items() if label != sequence}
    others = {} if every else dict(present(frame.loc[~wanted, "model"].value_counts()))
    other_models = {str(m): int(n) for m, n in sorted(others.items(), key=lambda kv: str(kv[0]))}
    return Resolved(model, sequence, (), rows, elsewhere, other_models)


def narrow(picked: Resolved, sel: Selection) -> Resolved:
    """Picked rows with the selection's filters applied and its grouping (or the default)."""
    rows = picked.rows
    kept = np.ones(len(rows), dtype=bool)
    for dim in DIMENSIONS:
        wanted = sel.chosen(dim.name)
        if wanted:
            kept &= _matches(picked, kept, dim.name, wanted, sel.strict)
    every = kept.all()
    rows = rows if every else rows[kept]  # one copy, none when every value is chosen
    group_by = sel.group_by
    if group_by is None:  # default_group_by(rows), on the codes
        shown = {d: codes if every else codes[kept] for d, (codes, _) in picked.codes.items()}
        group_by = tuple(
            d for d in GROUP_ORDER if BY_NAME[d].groups_by_default or _several(shown[d])
        )
    return replace(picked, rows=rows, group_by=group_by)


def _several(codes: np.ndarray) -> bool:
    """More than one value (-1, a missing value, is none), as nunique() > 1 says."""
    known = codes[codes >= 0]
    return bool(known.size) and bool(known.min() != known.max())


def resolve(frame: pd.DataFrame, sel: Selection) -> Resolved:
    """Apply the selection; raise SelectionError naming what is available when it fails."""
    return narrow(pick(frame, sel), sel)
