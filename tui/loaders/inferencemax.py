"""InferenceMAX aggregated results (agg_bmk.json): a JSON array of rows, or one row."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from tui.core.models import display_name
from tui.core.schema import KIND_RUN, RowError, check_row, to_bool, to_number
from tui.loaders.base import Aggregated, Document, InputFormat
from tui.loaders.common import normalise_gpu, run_number
from tui.loaders.inferencemax_frame import FORMULA, READS, SIDES, frame_columns


def looks_like(row: Any) -> bool:
    return isinstance(row, dict) and "tput_per_gpu" in row and ("hw" in row or "conc" in row)


def _num_gpus(row: dict[str, Any], disagg: bool | None) -> float:
    """Disaggregated: prefill + decode GPUs; single node: tp * pp * pcp."""
    if disagg:
        return to_number(row.get("num_prefill_gpu")) + to_number(row.get("num_decode_gpu"))
    count = to_number(row.get("tp"))
    for extra in ("pp", "pcp"):
        value = to_number(row.get(extra))
        count *= 1.0 if math.isnan(value) else value
    return count


def _interactivity(row: dict[str, Any]) -> Any:
    if row.get("median_intvty") not in (None, ""):
        return row["median_intvty"]
    tpot = to_number(row.get("median_tpot"))
    return 1 / tpot if tpot > 0 else None


def _parallel(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"tp": to_number(row.get("tp")), "ep": to_number(row.get("ep"))}
    out["dp_attention"] = to_bool(row.get("dp_attention"))
    for side in SIDES:
        for name in ("tp", "ep"):
            out[f"{side}_{name}"] = to_number(row.get(f"{side}_{name}"))
        out[f"{side}_dp_attention"] = to_bool(row.get(f"{side}_dp_attention"))
        out[f"{side}_workers"] = to_number(row.get(f"{side}_num_workers"))
        out[f"num_{side}_gpu"] = to_number(row.get(f"num_{side}_gpu"))
    return out


def convert_row(row: dict[str, Any], path: Path) -> dict[str, Any]:
    """One InferenceMAX row -> a canonical row; RowError with the reason when it cannot."""
    if not isinstance(row, dict):
        raise RowError(f"expected an object, got {type(row).__name__}")
    if row.get("scenario_type") and "isl" not in row:
        raise RowError(
            f"{row['scenario_type']} scenario: no fixed isl/osl or median latencies, "
            "so it has no place on a throughput-vs-interactivity frontier (not supported)"
        )
    disagg = to_bool(row.get("disagg"))
    prefix = row.get("infmax_model_prefix")
    fields = {
        "model": display_name(prefix, row.get("model")),
        "model_id": row.get("model"),
        "model_prefix": prefix,
        "hardware": normalise_gpu(row["hw"]) if row.get("hw") else None,
        "framework": row.get("framework"),
        "precision": row.get("precision"),
        "spec_decoding": row.get("spec_decoding"),
        "isl": row.get("isl"),
        "osl": row.get("osl"),
        "concurrency": row.get("conc"),
        "num_gpus": _num_gpus(row, disagg),
        "tput_per_gpu": row.get("tput_per_gpu"),
        "output_tput_per_gpu": row.get("output_tput_per_gpu"),
        "interactivity": _interactivity(row),
        "ttft_s": row.get("median_ttft"),
        "tpot_s": row.get("median_tpot"),
        "e2el_s": row.get("median_e2el"),
        "disagg": disagg,
        **_parallel(row),
        "source": str(path),
        "run_id": run_number(str(path)),
        "kind": KIND_RUN,
        "interactivity_formula": FORMULA,
    }
    return check_row(fields)


def _convert(rec: Any, doc: Document) -> Aggregated:
    stamp = rec.get("timestamp") if isinstance(rec, dict) else None
    return Aggregated(convert_row(rec, doc.path), stamp)


FORMAT = InputFormat(
    "inferencemax",
    lambda doc: looks_like(doc.first),
    _convert,
    columns=frame_columns,
    reads=READS,
)
