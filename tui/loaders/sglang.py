"""SGLang `bench_serving` JSON lines: bare Infinity tokens, `total_throughput`, no model name."""

from __future__ import annotations

from typing import Any

from tui.loaders.base import InputFormat
from tui.loaders.clients import RawRun, serving_run


def looks_like(rec: Any) -> bool:
    return isinstance(rec, dict) and (
        rec.get("backend") == "sglang"
        or "total_throughput" in rec
        or ("median_e2e_latency_ms" in rec and "output_throughput" in rec)
    )


def _model(rec: dict[str, Any]) -> Any:
    info = rec.get("server_info")
    if isinstance(info, dict):
        return info.get("model_path") or info.get("served_model_name")
    return rec.get("model_id") or rec.get("model")


def to_run(rec: dict[str, Any]) -> RawRun:
    random = rec.get("dataset_name") == "random"
    fields = {
        "model_id": _model(rec),
        "framework": "sglang",
        "concurrency": rec.get("max_concurrency"),
        "request_rate": rec.get("request_rate"),
        # The configured (nominal) lengths name the sequence, as InferenceMAX's 1k/1k does.
        "isl": rec.get("random_input_len") if random else None,
        "osl": rec.get("random_output_len") if random else None,
    }
    return serving_run(rec, "total_throughput", "median_e2e_latency_ms", fields)


FORMAT = InputFormat("sglang", lambda doc: looks_like(doc.first), lambda rec, _doc: to_run(rec))
