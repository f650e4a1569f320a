"""inference-perf (kubernetes-sigs/inference-perf, used by llm-d) lifecycle reports.

Each `stage_N_lifecycle_metrics.json` is one load stage: one point. The
`summary_lifecycle_metrics.json` pools every stage (several request rates) and the
`*_prometheus_metrics.json` files are the server's view; neither is a point of its own.
Latencies are in seconds.
"""

from __future__ import annotations

from typing import Any

from tui.core.schema import RowError, to_number
from tui.loaders.base import Document, InputFormat
from tui.loaders.clients import NO_PER_USER, RawRun


def looks_like(rec: Any) -> bool:
    return (
        isinstance(rec, dict)
        and isinstance(rec.get("load_summary"), dict)
        and isinstance(rec.get("successes"), dict)
    )


def kind(rec: dict[str, Any]) -> str:
    if not isinstance(rec["successes"].get("latency"), dict):
        return "server"
    return "stage" if "requested_rate" in rec["load_summary"] else "summary"


_LABELS = {
    "stage": "inference-perf stage",
    "summary": "inference-perf summary (pools every stage: not a load point, skipped)",
    "server": "inference-perf Prometheus metrics (the server's view: not read)",
}


def _median(block: Any, name: str) -> float:
    metric = block.get(name) if isinstance(block, dict) else None
    return to_number(metric.get("median")) if isinstance(metric, dict) else to_number(None)


def _mean(block: dict[str, Any], *names: str) -> float:
    for name in names:
        part = block.get(name)
        value = to_number(part.get("mean")) if isinstance(part, dict) else to_number(None)
        if value > 0:
            return value
    return to_number(None)


def to_run(rec: dict[str, Any], doc: Document) -> RawRun:
    ok = rec["successes"]
    if not to_number(ok.get("count")) > 0:
        raise RowError("no successful requests (every request failed)")
    latency = ok.get("latency") or {}
    tpot = _median(latency, "time_per_output_token")
    if not tpot > 0:
        raise RowError(NO_PER_USER)
    tput = ok.get("throughput") or {}
    load = rec["load_summary"]
    return RawRun(
        total_tput=to_number(tput.get("total_tokens_per_sec")),
        output_tput=to_number(tput.get("output_tokens_per_sec")),
        interactivity=1 / tpot,
        interactivity_formula="1 / median time_per_output_token (s)",
        tput_formula="total_tokens_per_sec / num_gpus",
        fields={
            "model": "unknown",  # the report does not name it (its file names are fixed)
            "request_rate": load.get("requested_rate"),
            "concurrency": load.get("concurrency"),
        },
        # prompt_len until 2025; newer reports say prompt_tokens (and output_tokens)
        measured_isl=_mean(ok, "prompt_len", "prompt_tokens"),
        measured_osl=_mean(ok, "output_len", "output_tokens"),
        group=f"inference-perf:{doc.path.parent}",  # the stages of one run share their data
        ttft_s=_median(latency, "time_to_first_token"),
        e2el_s=_median(latency, "request_latency"),
    )


def _units(doc: Document) -> list[Any]:
    return [doc.first] if doc.single and kind(doc.single) == "stage" else []


FORMAT = InputFormat(
    "inference-perf",
    detect=lambda doc: doc.single is not None and looks_like(doc.single),
    units=_units,
    convert=to_run,
    label=lambda doc: _LABELS[kind(doc.single or {})],
)
