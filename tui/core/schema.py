"""The canonical row (DESIGN.md §1) and the problems a loader reports."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from tui.core.text import inert

STR_COLUMNS = [
    "model",
    "model_id",
    "model_prefix",
    "hardware",
    "framework",
    "precision",
    "spec_decoding",
]
INT_COLUMNS = ["isl", "osl", "num_gpus"]
FLOAT_COLUMNS = [
    "concurrency",
    "tput_per_gpu",
    "output_tput_per_gpu",
    "interactivity",
    "ttft_s",
    "tpot_s",
    "e2el_s",
    "request_rate",  # requests/s the client offered (inf: all at once); NaN when not given
]
# Parallelism as given; a disaggregated run has a prefill and a decode side.
PARALLEL_COLUMNS = [
    "tp",
    "ep",
    "dp_attention",
    "disagg",
    "prefill_tp",
    "prefill_ep",
    "prefill_dp_attention",
    "prefill_workers",
    "decode_tp",
    "decode_ep",
    "decode_dp_attention",
    "decode_workers",
    "num_prefill_gpu",
    "num_decode_gpu",
]
META_COLUMNS = [
    "source",
    "record",  # the unit's index within a file that holds several runs; empty for one
    "run_id",
    "recency",
    "kind",
    "interactivity_formula",
    "tput_formula",
    "missing",  # metadata keys the input did not give, a tuple: ("hardware", "num_gpus")
]
COLUMNS = STR_COLUMNS + INT_COLUMNS + FLOAT_COLUMNS + PARALLEL_COLUMNS + META_COLUMNS

# Rows marked with this kind are a source's already-interpolated summary, not raw runs.
KIND_RUN = "run"
KIND_PUBLISHED = "published"

REQUIRED_POSITIVE = ["tput_per_gpu", "interactivity", "concurrency"]
REQUIRED_TEXT = ["model", "hardware", "framework", "precision"]


@dataclass(frozen=True)
class Problem:
    """Something a loader could not read: the file, the row (0-based, if any) and why."""

    path: str
    reason: str
    row: int | None = None

    def __str__(self) -> str:
        where = self.path if self.row is None else f"{self.path} (row {self.row})"
        return inert(f"{where}: {self.reason}")


class RowError(ValueError):
    """A row that cannot become a canonical row; the message says why."""


def to_number(value: Any) -> float:
    """Parse numbers that may arrive as strings ("64", "inf"); NaN for missing."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return math.nan
    if isinstance(value, bool):
        raise RowError(f"expected a number, got {value!r}")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise RowError(f"not a number: {value!r}") from None


def positive(row: dict[str, Any], name: str) -> float:
    """A field that must be a finite number > 0."""
    value = to_number(row.get(name))
    if math.isnan(value):
        raw = row.get(name)
        absent = raw is None or (isinstance(raw, str) and raw.strip() == "")
        raise RowError(f"missing {name}" if absent else f"{name} is NaN")
    if math.isinf(value) or value <= 0:
        raise RowError(f"{name} must be a positive finite number, got {row.get(name)!r}")
    return value


def to_bool(value: Any) -> bool | None:
    """InferenceMAX writes some booleans as the strings "true"/"false"."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, float) and math.isnan(value):
        return None
    text = str(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    if text in ("", "nan", "none"):
        return None
    raise RowError(f"not a boolean: {value!r}")


def sequence_label(isl: int, osl: int) -> str:
    """1024/8192 -> "1k/8k"; lengths that are not whole kibi-tokens stay as numbers."""

    def one(n: int) -> str:
        return f"{n // 1024}k" if n >= 1024 and n % 1024 == 0 else str(n)

    return f"{one(int(isl))}/{one(int(osl))}"


def parse_sequence(text: str) -> tuple[int, int]:
    """ "1k/1k", "8K/1k" or "1024/1024" -> (isl, osl)."""

    def one(part: str) -> int:
        part = part.strip().lower()
        if part.endswith("k") and part[:-1].isdigit():
            return int(part[:-1]) * 1024
        if part.isdigit():
            return int(part)
        raise ValueError(f"bad sequence {text!r}: expected e.g. 1k/1k or 1024/8192")

    pieces = text.split("/")
    if len(pieces) != 2:
        raise ValueError(f"bad sequence {text!r}: expected e.g. 1k/1k or 1024/8192")
    return one(pieces[0]), one(pieces[1])


def as_keys(value: Any) -> tuple[str, ...]:
    """Missing-metadata keys as a tuple, from a tuple or a CSV cell ("hardware,num_gpus")."""
    if isinstance(value, tuple | list):
        return tuple(str(v) for v in value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ()
    return tuple(k for k in str(value).split(",") if k.strip())


def empty_frame() -> pd.DataFrame:
    return finish_frame([])


def finish_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Build a DataFrame with every canonical column, in order, with stable dtypes."""
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for col in [*FLOAT_COLUMNS, "recency"]:
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    for col in [*INT_COLUMNS, "record"]:
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64")
    frame["missing"] = [as_keys(v) for v in frame["missing"]]
    for col in [
        *STR_COLUMNS,
        "source",
        "run_id",
        "kind",
        "interactivity_formula",
        "tput_formula",
    ]:
        frame[col] = frame[col].astype("object")
    return frame.reset_index(drop=True)


def check_row(fields: dict[str, Any], optional: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Validate a row already mapped to canonical names; raise RowError with the reason.

    `optional` names required numbers that may be missing (NaN) for this input, e.g. per-GPU
    throughput of a raw client file whose GPU count nobody has given yet.
    """
    from tui.core.validate import validate_row  # it builds on this module's helpers

    return validate_row(fields, optional)
