"""LLMPerf (ray-project/llmperf) `*_summary.json`: one run, flat `results_*` keys in seconds.

LLMPerf's inter-token latency is a request's whole latency over its output tokens, so it
includes the time to first token; interactivity is its reciprocal at the median.
"""

from __future__ import annotations

from typing import Any

from tui.core.schema import RowError, to_number
from tui.loaders.base import InputFormat
from tui.loaders.clients import NO_PER_USER, RawRun

ITL = "results_inter_token_latency_s_quantiles_p50"


def looks_like(rec: Any) -> bool:
    return isinstance(rec, dict) and (
        ITL in rec or "results_mean_output_throughput_token_per_s" in rec
    )


def _n(rec: dict[str, Any], key: str) -> float:
    return to_number(rec.get(key))


def to_run(rec: dict[str, Any]) -> RawRun:
    if _n(rec, "results_num_completed_requests") == 0:
        raise RowError("no completed requests (every request failed)")
    itl = _n(rec, ITL)
    if not itl > 0:
        raise RowError(NO_PER_USER)
    output = _n(rec, "results_mean_output_throughput_token_per_s")
    requests_s = _n(rec, "results_num_completed_requests_per_min") / 60
    isl = _n(rec, "results_number_input_tokens_mean")
    return RawRun(
        total_tput=output + requests_s * isl,
        output_tput=output,
        interactivity=1 / itl,
        interactivity_formula="1 / median inter_token_latency_s (LLMPerf's includes the TTFT)",
        tput_formula=(
            "(mean_output_throughput + completed_requests_per_min / 60 x mean input tokens)"
            " / num_gpus"
        ),
        fields={
            "model_id": rec.get("model"),
            "framework": rec.get("framework"),  # the leaderboard's files name the provider
            "concurrency": rec.get("num_concurrent_requests"),
            "isl": rec.get("mean_input_tokens"),  # configured means (with a stddev)
            "osl": rec.get("mean_output_tokens"),
        },
        measured_isl=isl,
        measured_osl=_n(rec, "results_number_output_tokens_mean"),
        ttft_s=_n(rec, "results_ttft_s_quantiles_p50"),
        e2el_s=_n(rec, "results_end_to_end_latency_s_quantiles_p50"),
        timestamp=rec.get("timestamp"),
    )


FORMAT = InputFormat("llmperf", lambda doc: looks_like(doc.first), lambda rec, _doc: to_run(rec))
