"""NVIDIA GenAI-Perf and AIPerf `profile_export*.json` (metric -> {unit, avg, p50, ...}) and the
GenAI-Perf CSV (two tables separated by a blank line)."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from tui.core.schema import RowError, to_number
from tui.loaders.base import Document, InputFormat
from tui.loaders.clients import RawRun, whole

NAME = "genai-perf"


def looks_like(doc: Any) -> bool:
    return (
        isinstance(doc, dict)
        and isinstance(doc.get("output_token_throughput"), dict)
        and isinstance(doc.get("request_throughput"), dict)
    )


def flavour(doc: dict[str, Any]) -> str:
    aiperf = "benchmark_duration" in doc or isinstance(
        doc.get("input_config", {}).get("loadgen"), dict
    )
    return "aiperf" if aiperf else NAME


def _stat(doc: dict[str, Any], name: str, stat: str = "avg") -> float:
    metric = doc.get(name)
    return to_number(metric.get(stat)) if isinstance(metric, dict) else to_number(None)


def _config(doc: dict[str, Any]) -> dict[str, Any]:
    """Model and concurrency from the two input_config layouts (flat older, nested newer)."""
    cfg: dict[str, Any] = doc.get("input_config") or {}
    endpoint: dict[str, Any] = cfg["endpoint"] if isinstance(cfg.get("endpoint"), dict) else {}
    models = cfg.get("model") or cfg.get("model_names") or endpoint.get("model_names") or []
    stimulus = (cfg.get("perf_analyzer") or {}).get("stimulus") or {}
    concurrency = cfg.get("concurrency") or stimulus.get("concurrency")
    concurrency = concurrency or (cfg.get("loadgen") or {}).get("concurrency")
    return {
        "model_id": models[0] if isinstance(models, list) and models else models or None,
        "concurrency": concurrency,
    }


def to_run(doc: dict[str, Any]) -> RawRun:
    """Total throughput = output tokens/s + requests/s x mean input length (no total given)."""
    out_tput = _stat(doc, "output_token_throughput")
    total = out_tput + _stat(doc, "request_throughput") * _stat(doc, "input_sequence_length")
    per_user = _stat(doc, "output_token_throughput_per_user", "p50")
    formula = "median output_token_throughput_per_user"
    if not per_user > 0:
        itl = _stat(doc, "inter_token_latency", "p50")
        if not itl > 0:
            raise RowError("no per-user output rate or inter-token latency (not a streaming run?)")
        per_user, formula = 1000 / itl, "1000 / median inter-token latency (ms)"
    fields = _config(doc)
    means = {
        "isl": whole(_stat(doc, "input_sequence_length")),
        "osl": whole(_stat(doc, "output_sequence_length")),
    }
    return RawRun(
        total_tput=total,
        output_tput=out_tput,
        interactivity=per_user,
        interactivity_formula=formula,
        tput_formula="(output_token_throughput + request_throughput x mean ISL) / num_gpus",
        fields=fields,
        derived=means,
        ttft_s=_stat(doc, "time_to_first_token", "p50") / 1000,
        tpot_s=_stat(doc, "inter_token_latency", "p50") / 1000,
        e2el_s=_stat(doc, "request_latency", "p50") / 1000,
        timestamp=doc.get("start_time"),
    )


_UNIT = re.compile(r"\s*\(.*\)\s*$")


def looks_like_csv(text: str) -> bool:
    head = text.lstrip("\ufeff").split("\n", 1)[0]
    return head.startswith("Metric,") and "Throughput" in text


def csv_to_doc(text: str) -> dict[str, Any]:
    """Both CSV tables into the JSON shape: {"output_token_throughput": {"avg": ...}, ...}."""
    doc: dict[str, Any] = {}
    for block in re.split(r"\r?\n\s*\r?\n", text.strip()):
        rows = list(csv.reader(io.StringIO(block)))
        if not rows:
            continue
        header = [h.strip() for h in rows[0]]
        for row in rows[1:]:
            if not row or not row[0].strip():
                continue
            key = _UNIT.sub("", row[0]).strip().lower().replace(" ", "_")
            key = {"output_token_throughput_per_user": key}.get(key, key)
            stats = {
                h: to_number(v.replace(",", "")) for h, v in zip(header[1:], row[1:], strict=False)
            }
            if "Value" in stats:
                stats = {"avg": stats["Value"]}
            doc[key] = stats
    return doc


def _single(doc: Document) -> dict[str, Any]:
    return doc.single or {}


FORMAT = InputFormat(
    NAME,
    detect=lambda doc: doc.single is not None and looks_like(doc.single),
    convert=lambda rec, _doc: to_run(rec),
    label=lambda doc: flavour(_single(doc)),
)
CSV_FORMAT = InputFormat(
    "genai-perf CSV",
    detect=lambda doc: looks_like_csv(doc.text),
    units=lambda doc: [csv_to_doc(doc.text)],
    convert=lambda rec, _doc: to_run(rec),
    json=False,
)
