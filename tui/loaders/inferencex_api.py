"""Rows of the public InferenceX API (`/api/v1/benchmarks` and `.../history`), as `paretop pull`
caches them: the response bodies unchanged, one JSON array per file.

Latencies are in seconds; the model is the database key (dsr1), mapped to its display name.
Agentic rows (no fixed isl/osl) have no place on a frontier: each is reported and set aside.
The cache's manifest and availability files are recognised and give no rows.
"""

from __future__ import annotations

import re
from typing import Any

from tui.core.models import display_name
from tui.core.schema import KIND_RUN, RowError, check_row, to_bool, to_number
from tui.loaders.base import Aggregated, Document, InputFormat
from tui.loaders.common import normalise_gpu

FORMULA = "median_intvty as given by the InferenceX API"
MANIFEST_KEY = "paretop_inferencex_cache"  # the cache manifest's marker (remote.cache.MARKER)
_RUN = re.compile(r"/runs/(\d+)")
_AVAILABILITY = {"model", "isl", "osl", "hardware", "framework", "date"}


def is_row(rec: Any) -> bool:
    return (
        isinstance(rec, dict) and isinstance(rec.get("metrics"), dict) and "hardware" in rec
    ) and "conc" in rec


def is_metadata(rec: Any) -> bool:
    """The cache's manifest, or an availability row (models and their dates, no figures)."""
    if not isinstance(rec, dict):
        return False
    return MANIFEST_KEY in rec or (rec.keys() >= _AVAILABILITY and "metrics" not in rec)


def _num_gpus(row: dict[str, Any], disagg: bool | None) -> float:
    """Disaggregated: prefill + decode GPUs; one node: both sides are the same GPUs."""
    prefill = to_number(row.get("num_prefill_gpu"))
    decode = to_number(row.get("num_decode_gpu"))
    return prefill + decode if disagg else decode


def _interactivity(metrics: dict[str, Any]) -> Any:
    if metrics.get("median_intvty") not in (None, ""):
        return metrics["median_intvty"]
    tpot = to_number(metrics.get("median_tpot"))
    return 1 / tpot if tpot > 0 else None


def _parallel(row: dict[str, Any], disagg: bool | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for side in ("prefill", "decode"):
        for name in ("tp", "ep"):
            out[f"{side}_{name}"] = to_number(row.get(f"{side}_{name}"))
        out[f"{side}_dp_attention"] = to_bool(row.get(f"{side}_dp_attention"))
        out[f"{side}_workers"] = to_number(row.get(f"{side}_num_workers"))
        out[f"num_{side}_gpu"] = to_number(row.get(f"num_{side}_gpu"))
    if not disagg:  # one node: the decode side is the whole server
        out |= {"tp": out["decode_tp"], "ep": out["decode_ep"]}
        out["dp_attention"] = out["decode_dp_attention"]
    return out


def _power(metrics: dict[str, Any]) -> dict[str, float]:
    return {
        "avg_power_w": to_number(metrics.get("avg_power_w")),
        "power_valid": to_number(metrics.get("power_valid")),
    }


def _check_kind(row: dict[str, Any]) -> None:
    kind = row.get("benchmark_type")
    if row.get("isl") is None or row.get("osl") is None or kind == "agentic_traces":
        raise RowError(
            f"{kind or 'agentic'} row: no fixed isl/osl, so it has no place on a "
            "throughput-vs-interactivity frontier (set aside)"
        )


def convert_row(row: dict[str, Any], source: str) -> dict[str, Any]:
    """One API row -> a canonical row; RowError with the reason when it cannot."""
    if not is_row(row):
        raise RowError("expected an InferenceX API row (an object with metrics)")
    _check_kind(row)
    metrics = row["metrics"]
    disagg = to_bool(row.get("disagg"))
    key = str(row.get("model") or "")
    found = _RUN.search(str(row.get("run_url") or ""))
    fields = {
        "model": display_name(key, None),
        "model_id": key,
        "model_prefix": key,
        "hardware": normalise_gpu(row["hardware"]) if row.get("hardware") else None,
        "framework": row.get("framework"),
        "precision": row.get("precision"),
        "spec_decoding": row.get("spec_method"),
        "isl": row.get("isl"),
        "osl": row.get("osl"),
        "concurrency": row.get("conc"),
        "num_gpus": _num_gpus(row, disagg),
        "tput_per_gpu": metrics.get("tput_per_gpu"),
        "output_tput_per_gpu": metrics.get("output_tput_per_gpu"),
        "interactivity": _interactivity(metrics),
        "ttft_s": metrics.get("median_ttft"),
        "tpot_s": metrics.get("median_tpot"),
        "e2el_s": metrics.get("median_e2el"),
        "disagg": disagg,
        **_parallel(row, disagg),
        **_power(metrics),
        "source": source,
        "run_id": found.group(1) if found else None,
        "date": str(row["date"]) if row.get("date") else None,
        "kind": KIND_RUN,
        "interactivity_formula": FORMULA,
    }
    return check_row(fields)


def _units(doc: Document) -> list[Any]:
    return [r for r in doc.records or [] if not is_metadata(r)]


def _convert(rec: Any, doc: Document) -> Aggregated:
    stamp = rec.get("date") if isinstance(rec, dict) else None
    return Aggregated(convert_row(rec, str(doc.path)), stamp)


def _detect(doc: Document) -> bool:
    return is_row(doc.first) or is_metadata(doc.first)


def _label(doc: Document) -> str:
    if is_metadata(doc.first):
        return "inferencex-api (cache metadata, no rows)"
    return "inferencex-api"


FORMAT = InputFormat("inferencex-api", _detect, _convert, units=_units, label=_label)
