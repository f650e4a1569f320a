"""The canonical row (DESIGN.md §1) and the problems a loader reports."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from tui.core.ranges import RANGES, RangeError, checked
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
    throughput of a raw client file whose GPU count nobody has given yet. Every number must lie
    in its plausible range (tui.core.ranges).
    """
    out = dict(fields)
    for name in REQUIRED_TEXT:
        value = _text(out, name)
        if value is None or value.strip() == "" or value.lower() == "nan":
            raise RowError(f"missing {name}")
        out[name] = value.strip()
    for name in ("hardware", "framework", "precision"):
        out[name] = out[name].lower()
    spec = _text(out, "spec_decoding")
    out["spec_decoding"] = "none" if spec is None or spec.strip() == "" else spec.lower()
    for name in TEXT_META:
        out[name] = _text(out, name)
    if out.get("kind") not in (None, KIND_RUN, KIND_PUBLISHED):
        raise RowError(f"kind must be {KIND_RUN} or {KIND_PUBLISHED}, got {out['kind']!r}")
    for name in REQUIRED_POSITIVE:
        absent = name in optional and math.isnan(to_number(out.get(name)))
        out[name] = math.nan if absent else _in_range(out, name, positive(out, name))
    for name in ("isl", "osl"):
        out[name] = int(_in_range(out, name, positive(out, name)))
    gpus = to_number(out.get("num_gpus"))  # may be unknown; if given, it must make sense
    out["num_gpus"] = None if math.isnan(gpus) else int(_in_range(out, "num_gpus", gpus))
    for name in OPTIONAL_NUMBERS:
        out[name] = _in_range(out, name, to_number(out.get(name)))
    _check_output(out)
    out["missing"] = _missing_keys(out.get("missing"))
    return out


MISSING_KEYS = ("hardware", "num_gpus", "precision", "framework")  # what a raw file may lack


def _missing_keys(value: Any) -> tuple[str, ...]:
    """The `missing` column: only metadata keys a raw client file can lack."""
    keys = tuple(k.strip() for k in as_keys(value))
    unknown = [k for k in keys if k not in MISSING_KEYS]
    if unknown:
        raise RowError(f"missing must list only {', '.join(MISSING_KEYS)}, got {unknown[0]!r}")
    return keys


OPTIONAL_NUMBERS = [
    "output_tput_per_gpu",
    "ttft_s",
    "tpot_s",
    "e2el_s",
    "request_rate",
    "record",
    *(c for c in PARALLEL_COLUMNS if c in RANGES),
]
TEXT_META = (
    "model_id",
    "model_prefix",
    "run_id",
    "kind",
    "interactivity_formula",
    "tput_formula",
)
MAX_TEXT = 500  # characters: a name longer than this is not a name


def _text(row: dict[str, Any], name: str) -> str | None:
    """A text field as a string; a list, table or huge string from a file is rejected."""
    value = row.get(name)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise RowError(f"{name} must be text, got {type(value).__name__} {str(value)[:40]!r}")
    text = str(value)
    if len(text) > MAX_TEXT:
        raise RowError(f"{name} is {len(text)} characters long (at most {MAX_TEXT})")
    return text


def _in_range(row: dict[str, Any], name: str, value: float) -> float:
    try:
        return checked(name, value, row.get(name))
    except RangeError as exc:
        raise RowError(str(exc)) from None


def _check_output(row: dict[str, Any]) -> None:
    """Output tokens are part of all tokens: output throughput <= total throughput.

    Not for disaggregated InferenceMAX rows: they divide output by decode GPUs only, so their
    per-GPU output figure can exceed the per-GPU total.
    """
    out, total = row["output_tput_per_gpu"], row["tput_per_gpu"]
    if row.get("disagg") is True or not (out > total * (1 + 1e-9)):
        return
    raise RowError(
        f"output_tput_per_gpu ({out:g}) exceeds tput_per_gpu ({total:g}): "
        "output throughput must be at most total throughput"
    )
