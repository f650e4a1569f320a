"""guidellm `benchmarks.json`: one row per benchmark (concurrent streams = concurrency)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tui.core.schema import RowError, to_number
from tui.loaders.base import Document, InputFormat
from tui.loaders.clients import NO_PER_USER, RawRun


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


def _load(bench: dict[str, Any]) -> dict[str, Any]:
    """Concurrency (streams; 1 for the synchronous strategy; the measured mean for the
    unbounded throughput strategy) and the offered request rate."""
    strategy = (
        (bench.get("config") or {}).get("strategy") or bench.get("args", {}).get("strategy") or {}
    )
    concurrency = strategy.get("streams") or strategy.get("max_concurrency")
    if strategy.get("type_") == "synchronous":
        concurrency = concurrency or 1  # one request at a time
    if strategy.get("type_") == "throughput" and not concurrency:
        concurrency = _ok(bench.get("metrics") or {}, "request_concurrency", "mean")
    rate = strategy.get("rate") if strategy.get("type_") in ("constant", "poisson") else None
    return {"concurrency": concurrency, "request_rate": rate}


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


def _tokens(metrics: dict[str, Any]) -> tuple[float, float, str]:
    """(total tokens, output tokens, formula): 0.2/0.3 files have no total_token_count, so
    the total is their prompt plus output token counts."""
    out_tokens = _ok(metrics, "output_token_count", "total_sum")
    total = _ok(metrics, "total_token_count", "total_sum")
    if total > 0:
        return total, out_tokens, "successful total_token_count / duration / num_gpus"
    prompt = _ok(metrics, "prompt_token_count", "total_sum")
    return (
        prompt + out_tokens,
        out_tokens,
        "successful (prompt_token_count + output_token_count) / duration / num_gpus",
    )


_SPEC = re.compile(r"(prompt_tokens|output_tokens)\s*=\s*(\d+)")


def data_spec(bench: dict[str, Any], doc: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """Configured lengths from synthetic data args ("prompt_tokens=256,output_tokens=128"),
    or the dataset's name when the data is a dataset or file."""
    data = (bench.get("request_loader") or {}).get("data") or (doc.get("args") or {}).get("data")
    items = data if isinstance(data, list) else [data]
    for item in items:
        if isinstance(item, dict) and ("prompt_tokens" in item or "output_tokens" in item):
            return {"isl": item.get("prompt_tokens"), "osl": item.get("output_tokens")}, None
        if isinstance(item, str) and _SPEC.search(item):
            found = dict(_SPEC.findall(item))
            return {"isl": found.get("prompt_tokens"), "osl": found.get("output_tokens")}, None
        if isinstance(item, str) and item:
            return {}, Path(item).name
    return {}, None


def to_run(bench: dict[str, Any], doc: dict[str, Any]) -> RawRun:
    metrics = bench.get("metrics") or {}
    tpot = _ok(metrics, "time_per_output_token_ms")
    if not tpot > 0:
        raise RowError(f"no median time_per_output_token_ms: {NO_PER_USER}")
    duration = _duration(bench)
    tokens, out_tokens, how = _tokens(metrics)
    if not (duration > 0 and tokens > 0):
        raise RowError("no duration or token counts to compute throughput from")
    backend = (bench.get("config") or {}).get("backend") or {}
    worker = bench.get("worker") or {}
    model = (
        (doc.get("args") or {}).get("model") or backend.get("model") or worker.get("backend_model")
    )
    lengths, dataset = data_spec(bench, doc)
    return RawRun(
        total_tput=tokens / duration,
        output_tput=out_tokens / duration,
        interactivity=1000 / tpot,
        interactivity_formula="1000 / median time_per_output_token_ms",
        tput_formula=how,
        fields={"model_id": model, **_load(bench), **lengths},
        measured_isl=_ok(metrics, "prompt_token_count", "mean"),
        measured_osl=_ok(metrics, "output_token_count", "mean"),
        dataset=dataset,
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
