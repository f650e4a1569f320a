"""CSV in the canonical columns (DESIGN.md §1), so a user can hand-make data."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from tui.core.schema import COLUMNS, KIND_RUN, PARALLEL_COLUMNS, check_row, to_bool, to_number
from tui.loaders.base import Aggregated, Document, FormatError, InputFormat
from tui.loaders.canonical_frame import FORMULA, READS, frame_columns
from tui.loaders.common import normalise_gpu, run_number

REQUIRED = (
    "model",
    "hardware",
    "framework",
    "precision",
    "isl",
    "osl",
    "concurrency",
    "tput_per_gpu",
    "interactivity",
)
_BOOLS = {"dp_attention", "disagg", "prefill_dp_attention", "decode_dp_attention"}


def looks_like(header: list[str]) -> bool:
    names = {h.strip() for h in header}
    return "tput_per_gpu" in names and "interactivity" in names


def missing_columns(header: list[str]) -> list[str]:
    names = {h.strip() for h in header}
    return [c for c in REQUIRED if c not in names]


def convert_row(rec: dict[str, Any], path: Path) -> dict[str, Any]:
    fields: dict[str, Any] = {k.strip(): v for k, v in rec.items() if k and k.strip() in COLUMNS}
    fields = {k: (None if v is None or str(v).strip() == "" else v) for k, v in fields.items()}
    for name in PARALLEL_COLUMNS:
        raw = fields.get(name)
        fields[name] = to_bool(raw) if name in _BOOLS else to_number(raw)
    fields["sequence_measured"] = to_bool(fields.get("sequence_measured"))
    for name in ("measured_isl", "measured_osl"):
        fields[name] = to_number(fields.get(name))
    if fields.get("hardware"):
        fields["hardware"] = normalise_gpu(fields["hardware"])
    fields["source"] = fields.get("source") or str(path)
    fields["run_id"] = fields.get("run_id") or run_number(str(path))
    fields["kind"] = (fields.get("kind") or KIND_RUN).strip().lower()
    fields["interactivity_formula"] = fields.get("interactivity_formula") or FORMULA
    fields.pop("recency", None)
    return check_row(fields)


def _header(text: str) -> list[str]:
    return next(csv.reader(io.StringIO(text.lstrip("\ufeff"))), [])


def _records(doc: Document) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(doc.text.lstrip("\ufeff"), newline=""))
    missing = missing_columns(list(reader.fieldnames or []))
    if missing:
        raise FormatError(f"CSV lacks required columns: {', '.join(missing)}")
    return list(reader)


FORMAT = InputFormat(
    "csv",
    detect=lambda doc: looks_like(_header(doc.text)),
    units=_records,
    convert=lambda rec, doc: Aggregated(convert_row(rec, doc.path)),
    json=False,
    columns=frame_columns,
    reads=READS,
)
