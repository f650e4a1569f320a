"""Choosing what to show: model, sequence, hardware, precision, framework, spec decoding."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tui.core.schema import parse_sequence, sequence_label

DIMENSIONS = ("hardware", "framework", "spec", "precision")
DEFAULT_GROUP_BY = ("hardware", "framework", "spec")  # precision joins when several are shown
DIM_COLUMN = {
    "hardware": "hardware",
    "framework": "framework",
    "spec": "spec_decoding",
    "precision": "precision",
}
_ALIASES = {"engine": "framework", "spec_decoding": "spec", "hw": "hardware", "gpu": "hardware"}
_SPEC_ALIASES = {"off": "none", "no": "none", "false": "none"}


class SelectionError(ValueError):
    """A selection that matches nothing, or more than one of something that must be one."""


@dataclass(frozen=True)
class Selection:
    """What the user asked for. Empty tuples mean "all"; None means "pick a default"."""

    model: str | None = None
    sequence: str | None = None
    hardware: tuple[str, ...] = ()
    precision: tuple[str, ...] = ()
    framework: tuple[str, ...] = ()
    spec: tuple[str, ...] = ()
    group_by: tuple[str, ...] | None = None
    strict: bool = True  # False: ignore chosen values absent here (the TUI's cross-filters)


def parse_group_by(text: str) -> tuple[str, ...]:
    names: list[str] = []
    for raw in text.split(","):
        name = _ALIASES.get(raw.strip().lower(), raw.strip().lower())
        if not name:
            continue
        if name not in DIMENSIONS:
            raise SelectionError(
                f"cannot group by {raw.strip()!r}: choose from {', '.join(DIMENSIONS)}"
            )
        if name not in names:
            names.append(name)
    if not names:
        raise SelectionError(f"--group-by needs at least one of {', '.join(DIMENSIONS)}")
    return tuple(names)


def _listing(values: pd.Series) -> str:
    counts = values.value_counts()
    return ", ".join(
        f"{v} ({n} runs)" for v, n in sorted(counts.items(), key=lambda kv: str(kv[0]))
    )


def model_names(frame: pd.DataFrame) -> list[str]:
    return sorted(frame["model"].dropna().unique(), key=str.lower)


def match_model(frame: pd.DataFrame, wanted: str) -> str:
    """Display name, InferenceMAX prefix or model id, case-insensitive; then a unique substring."""
    needle = wanted.strip().lower()
    exact: set[str] = set()
    for col in ("model", "model_prefix", "model_id"):
        hits = frame[frame[col].astype(str).str.lower() == needle]
        exact.update(hits["model"])
    found = exact or set(
        frame.loc[frame["model"].str.lower().str.contains(needle, regex=False), "model"]
    )
    if len(found) == 1:
        return found.pop()
    if not found:
        raise SelectionError(f"no model matches {wanted!r}; available: {_listing(frame['model'])}")
    raise SelectionError(f"model {wanted!r} is ambiguous: it matches {', '.join(sorted(found))}")


def default_model(frame: pd.DataFrame) -> str:
    """The model with the most runs (ties: alphabetical), so a bare command shows something."""
    counts = frame["model"].value_counts()
    return str(sorted(counts.index, key=lambda m: (-counts[m], str(m).lower()))[0])


def sequences(frame: pd.DataFrame) -> list[str]:
    pairs = sorted({(int(i), int(o)) for i, o in zip(frame["isl"], frame["osl"], strict=True)})
    return [sequence_label(i, o) for i, o in pairs]


def default_sequence(frame: pd.DataFrame) -> str:
    labels = sequences(frame)
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


def normalise_value(dim: str, value: str) -> str:
    value = value.strip().lower()
    return _SPEC_ALIASES.get(value, value) if dim == "spec" else value


def filter_values(
    frame: pd.DataFrame, dim: str, wanted: tuple[str, ...], strict: bool = True
) -> pd.DataFrame:
    if not wanted:
        return frame
    col = DIM_COLUMN[dim]
    values = {normalise_value(dim, w) for w in wanted}
    unknown = sorted(values - set(frame[col]))
    if not strict and len(unknown) < len(values):
        return frame[frame[col].isin(values)]
    if unknown:
        raise SelectionError(
            f"no {dim} {', '.join(unknown)} in this selection; available: {_listing(frame[col])}"
        )
    return frame[frame[col].isin(values)]


@dataclass(frozen=True)
class Resolved:
    """A selection with its defaults filled in, and the rows it keeps."""

    model: str
    sequence: str
    group_by: tuple[str, ...]
    rows: pd.DataFrame


def resolve(frame: pd.DataFrame, sel: Selection) -> Resolved:
    """Apply the selection; raise SelectionError naming what is available when it fails."""
    if frame.empty:
        raise SelectionError("no benchmark rows were loaded")
    model = match_model(frame, sel.model) if sel.model else default_model(frame)
    rows = frame[frame["model"] == model]
    sequence = sel.sequence or default_sequence(rows)
    rows = filter_sequence(rows, sequence)
    sequence = sequences(rows)[0]
    for dim in ("precision", "hardware", "framework", "spec"):
        rows = filter_values(rows, dim, getattr(sel, dim), sel.strict)
    group_by = sel.group_by
    if group_by is None:
        group_by = DEFAULT_GROUP_BY
        if rows["precision"].nunique() > 1:
            group_by += ("precision",)
    return Resolved(model=model, sequence=sequence, group_by=group_by, rows=rows)
