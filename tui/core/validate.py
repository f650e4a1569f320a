"""Checking a canonical row: text is text, every number lies in its plausible range.

A row that fails is rejected with a reason naming the column, the value and what was expected.
"""

from __future__ import annotations

import math
from typing import Any

from tui.core.ranges import RANGES, RangeError, checked
from tui.core.schema import (
    KIND_PUBLISHED,
    KIND_RUN,
    PARALLEL_COLUMNS,
    REQUIRED_POSITIVE,
    REQUIRED_TEXT,
    UNKNOWN_LENGTH,
    RowError,
    as_keys,
    positive,
    to_number,
)


def validate_row(fields: dict[str, Any], optional: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Validate a row already mapped to canonical names; raise RowError with the reason.

    `optional` names required numbers that may be missing (NaN) for this input, e.g. per-GPU
    throughput of a raw client file whose GPU count nobody has given yet. Every number must lie
    in its plausible range (tui.core.ranges).
    """
    out = dict(fields)
    for name in REQUIRED_TEXT:
        out[name] = required_text(out.get(name), name)
    out["spec_decoding"] = spec_text(out.get("spec_decoding"))
    for name in TEXT_META:
        out[name] = text_of(out.get(name), name)
    if out.get("kind") not in (None, KIND_RUN, KIND_PUBLISHED):
        raise RowError(f"kind must be {KIND_RUN} or {KIND_PUBLISHED}, got {out['kind']!r}")
    for name in REQUIRED_POSITIVE:
        absent = name in optional and math.isnan(to_number(out.get(name)))
        out[name] = math.nan if absent else _in_range(out, name, positive(out, name))
    for name in ("isl", "osl"):
        unknown = name in optional and to_number(out.get(name)) == UNKNOWN_LENGTH
        out[name] = UNKNOWN_LENGTH if unknown else int(_in_range(out, name, positive(out, name)))
    gpus = to_number(out.get("num_gpus"))  # may be unknown; if given, it must make sense
    out["num_gpus"] = None if math.isnan(gpus) else int(_in_range(out, "num_gpus", gpus))
    for name in OPTIONAL_NUMBERS:
        out[name] = _in_range(out, name, to_number(out.get(name)))
    _check_output(out)
    out["missing"] = missing_keys(out.get("missing"))
    return out


MISSING_KEYS = ("hardware", "num_gpus", "precision", "framework")  # what a raw file may lack


def missing_keys(value: Any) -> tuple[str, ...]:
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


LOWERED = ("hardware", "framework", "precision")  # compared without regard to case


def text_of(value: Any, name: str) -> str | None:
    """A text field as a string; a list, table or huge string from a file is rejected."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise RowError(f"{name} must be text, got {type(value).__name__} {str(value)[:40]!r}")
    text = str(value)
    if len(text) > MAX_TEXT:
        raise RowError(f"{name} is {len(text)} characters long (at most {MAX_TEXT})")
    return text


def required_text(value: Any, name: str) -> str:
    """A text field that must be given (not blank, not "nan"), stripped; lower-cased where
    case does not matter."""
    text = text_of(value, name)
    if text is None or text.strip() == "" or text.lower() == "nan":
        raise RowError(f"missing {name}")
    return text.strip().lower() if name in LOWERED else text.strip()


def spec_text(value: Any) -> str:
    """Speculative decoding, lower-cased; "none" when not given."""
    spec = text_of(value, "spec_decoding")
    return "none" if spec is None or spec.strip() == "" else spec.lower()


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
