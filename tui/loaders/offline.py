"""Files that are benchmark output but cannot be a point: offline throughput-only and
latency-only runs, and console reports saved instead of result files. Each gets a reason
that says what is missing and what paretop would need."""

from __future__ import annotations

import re
from typing import Any

from tui.core.schema import RowError
from tui.loaders.base import InputFormat
from tui.loaders.clients import NO_PER_USER


def kind(rec: Any) -> str | None:
    if not isinstance(rec, dict):
        return None
    if {"elapsed_time", "tokens_per_second"} <= set(rec):
        return "throughput"
    if "avg_latency" in rec and "latencies" in rec:
        return "latency"
    if "error_type" in rec and "error" in rec and "serve_overrides" in rec:
        return "failure"
    return None


def reject(rec: dict[str, Any]) -> Any:
    if kind(rec) == "failure":
        raise RowError(
            f"a failed sweep run ({rec.get('error_type')}: {rec.get('error')}): no measurement"
        )
    if kind(rec) == "throughput":
        raise RowError(
            "an offline throughput-only run (vLLM benchmark_throughput / `vllm bench "
            f"throughput`): it has tokens per second for the whole batch but {NO_PER_USER}"
        )
    raise RowError(
        "a latency-only run (vLLM benchmark_latency / `vllm bench latency`): one batch's "
        "latency, no throughput under load and no per-user speed; paretop needs a serving "
        "benchmark (vllm bench serve --save-result)"
    )


FORMAT = InputFormat(
    "offline benchmark", lambda doc: kind(doc.first) is not None, lambda r, _d: reject(r)
)

_TEXT_REPORTS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"PERFORMANCE OVERVIEW|\[TRT-LLM\]|TensorRT-LLM", re.IGNORECASE),
        "a trtllm-bench text log, not its JSON report: rerun with `--report_json FILE` "
        "(and `--streaming` for per-user speed) and point paretop at that file",
    ),
    (
        re.compile(r"=+ Serving Benchmark Result =+"),
        "a vLLM/SGLang benchmark's console output, not its result file: rerun with "
        "--save-result (vLLM) or --output-file (SGLang) and point paretop at that file",
    ),
    (
        re.compile(r"NVIDIA (AIPerf|GenAI-Perf) \| LLM Metrics"),
        "an AIPerf/GenAI-Perf console table, not its export: point paretop at "
        "profile_export_aiperf.json (or profile_export_genai_perf.json) instead",
    ),
]


def text_report_reason(text: str) -> str | None:
    """Why a text file that is no result file cannot be read, when it is a known console log."""
    head = text[:200_000]
    return next((why for pattern, why in _TEXT_REPORTS if pattern.search(head)), None)
