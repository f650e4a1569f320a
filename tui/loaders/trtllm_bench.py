"""`trtllm-bench throughput --report_json FILE`: engine, world size, request and
performance blocks, and streaming metrics when the run streamed. It knows its GPU count
(world_size), so per-GPU numbers need no --set."""

from __future__ import annotations

from typing import Any

from tui.core.hardware import default_table
from tui.core.schema import RowError, to_number
from tui.loaders.base import Document, InputFormat
from tui.loaders.clients import NO_PER_USER, RawRun
from tui.loaders.meta import name_hints

_DTYPES = {"bfloat16": "bf16", "float16": "fp16", "float32": "fp32"}
_QUANT = {"nvfp4": "fp4", "w4a8_nvfp4_fp8": "fp4", "fp8_block_scales": "fp8"}


def looks_like(rec: Any) -> bool:
    perf = rec.get("performance") if isinstance(rec, dict) else None
    return isinstance(perf, dict) and isinstance(rec.get("request_info"), dict)


def _first(block: dict[str, Any], *keys: str) -> float:
    for key in keys:
        value = to_number(block.get(key))
        if value > 0:
            return value
    return to_number(None)


def _precision(engine: dict[str, Any]) -> str | None:
    quant = str(engine.get("quantization") or "").lower()
    if quant and quant != "none":
        return _QUANT.get(quant, quant)
    dtype = str(engine.get("dtype") or "").lower()
    return _DTYPES.get(dtype, dtype) or None


def _hardware(machine: Any) -> str | None:
    """ "NVIDIA H100 80GB HBM3" -> "h100", when exactly one known GPU key is in the name."""
    name = str((machine or {}).get("name") or "").lower().replace("-", " ")
    found = set(name.split()) & set(default_table().gpus)
    return found.pop() if len(found) == 1 else None


def _per_user(rec: dict[str, Any]) -> tuple[float, str]:
    streaming = rec.get("streaming_metrics") or {}
    tpot = to_number((streaming.get("tpot_percentiles") or {}).get("p50"))
    if tpot > 0:
        return 1000 / tpot, "1000 / median TPOT (ms)"
    mean_tpot = to_number(streaming.get("avg_tpot_ms"))
    if mean_tpot > 0:
        return 1000 / mean_tpot, "1000 / mean TPOT (ms); the report has no TPOT percentiles"
    perf = rec["performance"]
    rate = _first(perf, "output_throughput_per_user_tok_s", "per_user_output_throughput_tok_s")
    if rate > 0:
        return rate, "mean per-request output tokens / request latency (not streamed: with TTFT)"
    raise RowError(NO_PER_USER)


def _ttft_ms(streaming: dict[str, Any]) -> float:
    median = to_number((streaming.get("ttft_percentiles") or {}).get("p50"))
    return median if median > 0 else to_number(streaming.get("avg_ttft_ms"))


def to_run(rec: dict[str, Any], doc: Document) -> RawRun:
    perf, info = rec["performance"], rec["request_info"]
    engine, world = rec.get("engine") or {}, rec.get("world_info") or {}
    interactivity, formula = _per_user(rec)
    output = _first(perf, "system_output_throughput_tok_s", "output_throughput_tok_s")
    total = _first(perf, "system_total_throughput_tok_s", "total_token_throughput_tok_s")
    isl, osl = to_number(info.get("avg_input_length")), to_number(info.get("avg_output_length"))
    how = "system_total_throughput_tok_s / world_size"
    if not total > 0:
        total = _first(perf, "request_throughput_req_s") * (isl + osl)
        how = "request_throughput_req_s x (avg input + avg output length) / world_size"
    concurrency = name_hints(doc.path).get("concurrency") or info.get("avg_num_concurrent_requests")
    return RawRun(
        total_tput=total,
        output_tput=output,
        interactivity=interactivity,
        interactivity_formula=formula,
        tput_formula=how,
        fields={
            "model_id": engine.get("model"),
            "framework": "trt",
            "precision": _precision(engine),
            "hardware": _hardware(rec.get("machine")),
            "num_gpus": world.get("world_size"),
            "tp": world.get("tp_size"),
            "ep": world.get("ep_size"),
            "concurrency": concurrency,
        },
        measured_isl=isl,
        measured_osl=osl,
        ttft_s=_ttft_ms(rec.get("streaming_metrics") or {}) / 1000,
        e2el_s=to_number(perf.get("avg_request_latency_ms")) / 1000,
    )


FORMAT = InputFormat(
    "trtllm-bench",
    detect=lambda doc: doc.single is not None and looks_like(doc.single),
    convert=to_run,
)
