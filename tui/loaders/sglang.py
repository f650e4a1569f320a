"""SGLang `bench_serving` JSON lines: bare Infinity tokens, `total_throughput`, no model name."""

from __future__ import annotations

from typing import Any

from tui.loaders.base import InputFormat
from tui.loaders.clients import RawRun, serving_run

_MODEL_KEYS = ("model_path", "served_model_name")
# bench_serving's --backend names the server it measured; its default is SGLang itself.
_ENGINES = {"sglang": "sglang", "sglang-native": "sglang", "sglang-oai": "sglang"}
_ENGINES |= {"vllm": "vllm", "lmdeploy": "lmdeploy", "trt": "trt", "tensorrt-llm": "trt"}


def looks_like(rec: Any) -> bool:
    return isinstance(rec, dict) and (
        rec.get("backend") == "sglang"
        or "total_throughput" in rec
        or ("median_e2e_latency_ms" in rec and "output_throughput" in rec)
    )


def find_model(info: Any, depth: int = 0) -> Any:
    """The model path in server_info: at its top, or (prefill/decode-split and data-parallel
    runs) inside `internal_states` or the per-worker entries."""
    if depth > 3:
        return None
    if isinstance(info, dict):
        for key in _MODEL_KEYS:
            if isinstance(info.get(key), str) and info[key]:
                return info[key]
        children: list[Any] = list(info.values())
    elif isinstance(info, list):
        children = info
    else:
        return None
    for child in children:
        found = find_model(child, depth + 1)
        if found:
            return found
    return None


def _model(rec: dict[str, Any]) -> Any:
    return find_model(rec.get("server_info")) or rec.get("model_id") or rec.get("model")


def to_run(rec: dict[str, Any]) -> RawRun:
    dataset = rec.get("dataset_name")
    random = dataset == "random"
    fields = {
        "model_id": _model(rec),
        "framework": _ENGINES.get(str(rec.get("backend") or "sglang")),
        "concurrency": rec.get("max_concurrency"),
        "request_rate": rec.get("request_rate"),
        # The configured lengths name the sequence (as InferenceMAX's 1k/1k does); with a
        # random_range_ratio below 1 the real lengths differ and stay in measured_isl/osl.
        "isl": rec.get("random_input_len") if random else None,
        "osl": rec.get("random_output_len") if random else None,
    }
    run = serving_run(rec, "total_throughput", "median_e2e_latency_ms", fields)
    run.dataset = str(dataset) if dataset and not random else None
    return run


FORMAT = InputFormat("sglang", lambda doc: looks_like(doc.first), lambda rec, _doc: to_run(rec))
