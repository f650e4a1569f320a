"""The canonical row (DESIGN.md §1) and the problems a loader reports."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
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
    "avg_power_w",  # measured average power per GPU, where the source gives it
    "power_valid",  # the source's check of that measurement: 1 valid, 0 failed, NaN unknown
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
    "date",  # the run's date (YYYY-MM-DD) where the source gives one
    "recency",
    "kind",
    "interactivity_formula",
    "tput_formula",
    "missing",  # metadata keys the input did not give, a tuple: ("hardware", "num_gpus")
]
# Where a run sits in a sweep: server settings from folder names ("max_num_seqs=4", sorted,
# comma-separated; empty when none) and the replicate id of repeated runs of one setting.
SWEEP_COLUMNS = ["server_params", "replicate"]
# isl/osl name the sequence (configured lengths, or a measured group's rounded means);
# the exact measured means stay here. `dataset` names a dataset- or trace-driven workload.
SEQUENCE_COLUMNS = ["measured_isl", "measured_osl", "sequence_measured", "dataset"]
COLUMNS = (
    STR_COLUMNS
    + INT_COLUMNS
    + FLOAT_COLUMNS
    + PARALLEL_COLUMNS
    + META_COLUMNS
    + SWEEP_COLUMNS
    + SEQUENCE_COLUMNS
)
UNKNOWN_LENGTH = 0  # isl of a run whose file has no input lengths (custom datasets)

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


def approx_length(n: float) -> int:
    """A measured mean length rounded as its label shows it: 581, 1900 (~1.9k), 88000 (~88k)."""
    if n < 1000:
        return round(n)
    return int(round(n, -2) if n < 10000 else round(n, -3))


def _approx_text(n: int) -> str:
    if n == UNKNOWN_LENGTH:
        return "?"
    return str(n) if n < 1000 else f"{n / 1000:g}k"


def sequence_label(isl: int, osl: int, measured: bool = False, dataset: str | None = None) -> str:
    """1024/8192 -> "1k/1k"-style for configured lengths; measured groups read "~581/~217
    (measured)", prefixed by the dataset when the workload is a dataset or trace."""

    def one(n: int) -> str:
        return f"{n // 1024}k" if n >= 1024 and n % 1024 == 0 else str(n)

    if not measured:
        return f"{one(int(isl))}/{one(int(osl))}"
    text = f"~{_approx_text(int(isl))}/~{_approx_text(int(osl))} (measured)"
    return f"{dataset} {text}" if dataset else text


def row_sequence_label(row: Any) -> str:
    """The sequence label of a canonical row (a dict or a pandas row)."""
    measured = row.get("sequence_measured") is True
    dataset = row.get("dataset") if measured and isinstance(row.get("dataset"), str) else None
    return sequence_label(int(row["isl"]), int(row["osl"]), measured, dataset or None)


_SEQ_PART = r"(~?)(\?|\d+(?:\.\d+)?k?)"
_SEQ = re.compile(rf"{_SEQ_PART}\s*/\s*{_SEQ_PART}", re.IGNORECASE)


def parse_sequence(text: str) -> tuple[int, int]:
    """ "1k/1k", "8K/1k" or "1024/1024" -> (isl, osl); a measured label such as
    "~88k/~400 (measured)" or "sharegpt ~581/~217 (measured)" -> (88000, 400), (581, 217)."""

    def one(approx: str, part: str) -> int:
        part = part.lower()
        if part == "?":
            return UNKNOWN_LENGTH
        kilo = 1000 if approx else 1024
        value = float(part[:-1]) * kilo if part.endswith("k") else float(part)
        if not approx and not value.is_integer():
            raise ValueError(f"bad sequence {text!r}: expected e.g. 1k/1k or 1024/8192")
        return round(value)

    found = _SEQ.search(text.strip())
    measured = "(measured)" in text or "~" in text
    if not found or (not measured and found.group(0) != text.strip()):
        raise ValueError(f"bad sequence {text!r}: expected e.g. 1k/1k or 1024/8192")
    return one(found.group(1), found.group(2)), one(found.group(3), found.group(4))


def as_keys(value: Any) -> tuple[str, ...]:
    """Missing-metadata keys as a tuple, from a tuple or a CSV cell ("hardware,num_gpus")."""
    if isinstance(value, tuple | list):
        return tuple(str(v) for v in value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ()
    return tuple(k for k in str(value).split(",") if k.strip())


def _text(value: Any) -> str:
    """Optional text cells: empty for missing, so keys that include them stay comparable."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def empty_frame() -> pd.DataFrame:
    return finish_frame([])


def finish_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Build a DataFrame with every canonical column, in order, with stable dtypes."""
    return typed_frame(pd.DataFrame(rows, columns=COLUMNS))


def _each_distinct(values: pd.Series, convert: Any) -> np.ndarray:
    """`convert` once per distinct value (these columns repeat a few values over many rows)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    done = np.empty(len(uniques) + 1, dtype=object)
    for i, value in enumerate([*uniques.tolist(), None]):
        done[i] = convert(value)  # one by one: a tuple must stay one element
    return done[codes]


def typed_frame(frame: pd.DataFrame | dict[str, Any]) -> pd.DataFrame:
    """Every canonical column, in order, with stable dtypes (extra columns are dropped).

    Built column by column into one new frame, so pandas lays out its memory once.
    """
    given = frame if isinstance(frame, dict) else {c: frame[c] for c in frame.columns}
    n = len(frame) if isinstance(frame, pd.DataFrame) else _length(given)
    cols: dict[str, Any] = {}
    for col in COLUMNS:
        values = given.get(col)
        values = np.full(n, np.nan, dtype=object) if values is None else values
        dtype = values.dtype if isinstance(values, np.ndarray) else None  # no guessing
        cols[col] = pd.Series(values, dtype=dtype, copy=False).reset_index(drop=True)
    for col in PARALLEL_COLUMNS:  # the dtype rows of Python values get, however they came
        cols[col] = cols[col].infer_objects()
    for col in [*FLOAT_COLUMNS, "recency", "measured_isl", "measured_osl"]:
        cols[col] = pd.to_numeric(cols[col], errors="coerce").astype("float64")
    for col in [*INT_COLUMNS, "record"]:
        cols[col] = pd.to_numeric(cols[col], errors="coerce").astype("Int64")
    cols["missing"] = _each_distinct(cols["missing"], as_keys)
    for col in ("server_params", "replicate", "dataset"):
        cols[col] = _each_distinct(cols[col], _text)
    cols["sequence_measured"] = _each_distinct(
        cols["sequence_measured"], lambda v: to_bool(v) is True
    ).astype(bool)
    for col in [
        *STR_COLUMNS,
        "source",
        "run_id",
        "date",
        "kind",
        "interactivity_formula",
        "tput_formula",
    ]:
        cols[col] = cols[col].astype("object")
    return pd.DataFrame(cols, columns=COLUMNS, copy=False)  # no copy into 2-D blocks


def _length(cols: dict[str, Any]) -> int:
    return len(next(iter(cols.values()))) if cols else 0


def check_row(fields: dict[str, Any], optional: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Validate a row already mapped to canonical names; raise RowError with the reason.

    `optional` names required numbers that may be missing (NaN) for this input, e.g. per-GPU
    throughput of a raw client file whose GPU count nobody has given yet.
    """
    from tui.core.validate import validate_row  # it builds on this module's helpers

    return validate_row(fields, optional)
