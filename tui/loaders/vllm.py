"""vLLM `vllm bench serve` results: --save-result JSON, --append-result JSON lines, and a
sweep's summary.json list. Also InferenceMAX's raw per-run files, which are this format."""

from __future__ import annotations

from typing import Any

from tui.core.schema import RowError, to_number
from tui.loaders.clients import RawRun, per_user, serving_totals

NAME = "vllm"


def looks_like(rec: Any) -> bool:
    return (
        isinstance(rec, dict)
        and "median_ttft_ms" in rec
        and ("total_token_throughput" in rec or "model_id" in rec)
        and "total_throughput" not in rec  # SGLang's spelling
    )


def _ms(rec: dict[str, Any], key: str) -> float:
    return to_number(rec.get(key)) / 1000


def to_run(rec: dict[str, Any]) -> RawRun:
    completed = to_number(rec.get("completed"))
    if not completed > 0:
        raise RowError("no completed requests (every request failed)")
    interactivity, formula = per_user(rec.get("median_tpot_ms"), rec.get("median_itl_ms"))
    total, how, means = serving_totals(rec, "total_token_throughput")
    fields = {
        "model": rec.get("model_name"),  # some forks add it
        "model_id": rec.get("model_id"),
        "hardware": rec.get("hardware"),  # non-standard, added by some forks
        "framework": "vllm" if rec.get("backend") in ("vllm", None) else None,
        "concurrency": rec.get("max_concurrency"),
        "request_rate": rec.get("request_rate"),
    }
    return RawRun(
        total_tput=total,
        output_tput=to_number(rec.get("output_throughput")),
        interactivity=interactivity,
        interactivity_formula=formula,
        tput_formula=how,
        fields=fields,
        derived=means,
        ttft_s=_ms(rec, "median_ttft_ms"),
        tpot_s=_ms(rec, "median_tpot_ms"),
        e2el_s=_ms(rec, "median_e2el_ms"),
        timestamp=rec.get("benchmark_start_time_unix") or _date(rec.get("date")),
    )


def _date(value: Any) -> Any:
    """vLLM writes "20260818-021333": make it ISO so recency can read it."""
    text = str(value or "")
    if len(text) == 15 and text[8] == "-" and text.replace("-", "").isdigit():
        return f"{text[:4]}-{text[4:6]}-{text[6:8]}T{text[9:11]}:{text[11:13]}:{text[13:15]}"
    return None
