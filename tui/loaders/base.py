"""The one shape every input format has: detect from content, split into units, convert each.

A new client is one module that defines an `InputFormat` and one line in `registry.FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from tui.loaders.clients import RawRun


@dataclass(frozen=True)
class Document:
    """One file, decoded once: its text, and its JSON documents when it is JSON.

    `records` holds the elements of a top-level array, the one top-level object, or one
    document per JSON line; it is None for text that is not JSON (CSV).
    """

    path: Path
    text: str
    records: list[Any] | None = None
    strict: bool = False  # decoded as strict JSON: no NaN or Infinity tokens in it

    @property
    def first(self) -> Any:
        return self.records[0] if self.records else None

    @property
    def single(self) -> dict[str, Any] | None:
        """The one top-level object, when the file holds exactly one."""
        if self.records is not None and len(self.records) == 1 and isinstance(self.first, dict):
            return self.first
        return None


@dataclass(frozen=True)
class Aggregated:
    """A row already in canonical form (the source did the per-GPU arithmetic)."""

    fields: dict[str, Any]
    timestamp: Any = None


Converted = Aggregated | RawRun


class FormatError(ValueError):
    """The file is of this format but cannot be read as a whole; the message says why."""


def _whole(doc: Document) -> list[Any]:
    return list(doc.records or [])


@dataclass(frozen=True)
class InputFormat:
    """One client's files: how to recognise them and how to turn each unit into a row.

    `convert(unit, doc)` returns an `Aggregated` row or a client `RawRun` (which the loader
    completes with metadata and the GPU count); it raises RowError for a bad unit.
    """

    name: str
    detect: Callable[[Document], bool]
    convert: Callable[[Any, Document], Converted]
    units: Callable[[Document], list[Any]] = _whole
    label: Callable[[Document], str] | None = None  # a finer name (version, flavour)
    json: bool = True  # False: reads the text (CSV)
    notes: tuple[str, ...] = field(default=())
    # Optional, for formats of many rows: `convert` for a whole frame of units at once (the
    # keys in `reads`), giving canonical columns and the rows `convert` would refuse or treat
    # otherwise; those rows go through `convert` one by one (tui.loaders.batch).
    columns: Callable[[dict[str, Any], int], tuple[dict[str, Any], np.ndarray]] | None = None
    reads: tuple[str, ...] = ()

    def display(self, doc: Document) -> str:
        return self.label(doc) if self.label else self.name
