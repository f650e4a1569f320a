"""guidellm `benchmarks.json`: one row per benchmark (concurrent streams = concurrency)."""

from __future__ import annotations

from typing import Any

from tui.core.schema import RowError, to_number
from tui.loaders.base import Document, InputFormat
from tui.loaders.clients import RawRun, whole


def looks_like(doc: Any) -> bool:
    """Newer reports carry metadata.version; older (0.2/0.3) ones are just {"benchmarks": [...]}."""
    benches = doc.get("benchmarks") if isinstance(doc, dict) else None
    return isinstance(benches, list) and all(
        isinstance(b, dict) and "metrics" in b for b in benches
    )


def version(doc: dict[str, Any]) -> str:
    meta = doc.get("metadata") or {}
    return str(meta.get("guidellm_version") or meta.get("version") or "pre-0.4 (no metadata)")


def _ok(metrics: dict[str, Any], name: str, stat: str = "median") -> float:
    """The successful requests' statistic (older files have no successful/errored split)."""
    metric = metrics.get(name) or {}
    part = metric.get("successful", metric) if isinstance(metric, dict) else {}
    return to_number(part.get(stat)) if isinstance(part, dict) else to_number(None)


def _concurrency(bench: dict[str, Any]) -> Any:
    strategy = (
        (bench.get("config") or {}).get("strategy") or bench.get("args", {}).get("strategy") or {}
    )
    return strategy.get("streams") or strategy.get("max_concurrency")


def _duration(bench: dict[str, Any]) -> float:
    """`duration` (newer), else end - start of the benchmark or of its run_stats (older)."""
    duration = to_number(bench.get("duration"))
    if duration > 0:
        return duration
    for holder in (bench, bench.get("run_stats") or {}):
        span = to_number(holder.get("end_time")) - to_number(holder.get("start_time"))
        if span > 0:
            return span
    return duration


def to_run(bench: dict[str, Any], doc: dict[str, Any]) -> RawRun:
    metrics = bench.get("metrics") or {}
    tpot = _ok(metrics, "time_per_output_token_ms")
    if not tpot > 0:
        raise RowError("no median time_per_output_token_ms")
    duration = _duration(bench)
    tokens = _ok(metrics, "total_token_count", "total_sum")
    out_tokens = _ok(metrics, "output_token_count", "total_sum")
    if not (duration > 0 and tokens > 0):
        raise RowError("no duration or token counts to compute throughput from")
    backend = (bench.get("config") or {}).get("backend") or {}
    worker = bench.get("worker") or {}
    model = (
        (doc.get("args") or {}).get("model") or backend.get("model") or worker.get("backend_model")
    )
    fields = {
        "model_id": model,
        "concurrency": _concurrency(bench),
    }
    means = {
        "isl": whole(_ok(metrics, "prompt_token_count", "mean")),
        "osl": whole(_ok(metrics, "output_token_count", "mean")),
    }
    return RawRun(
        total_tput=tokens / duration,
        output_tput=out_tokens / duration,
        interactivity=1000 / tpot,
        interactivity_formula="1000 / median time_per_output_token_ms",
        tput_formula="successful total_token_count / duration / num_gpus",
        fields=fields,
        derived=means,
        ttft_s=_ok(metrics, "time_to_first_token_ms") / 1000,
        tpot_s=tpot / 1000,
        e2el_s=_ok(metrics, "request_latency"),
        timestamp=bench.get("start_time") or (bench.get("run_stats") or {}).get("start_time"),
    )


def _doc(doc: Document) -> dict[str, Any]:
    return doc.single or {}


FORMAT = InputFormat(
    "guidellm",
    detect=lambda doc: doc.single is not None and looks_like(doc.single),
    units=lambda doc: list(_doc(doc)["benchmarks"]),
    convert=lambda bench, doc: to_run(bench, _doc(doc)),
    label=lambda doc: f"guidellm {version(_doc(doc))}",
)
