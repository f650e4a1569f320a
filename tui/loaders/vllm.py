"""vLLM `vllm bench serve` results: --save-result JSON, --append-result JSON lines, and a
sweep's summary.json list; the 2024 `benchmarks/benchmark_serving.py` files (no
total_token_throughput, no max_concurrency). Also InferenceMAX's raw per-run files."""

from __future__ import annotations

import csv
import io
from typing import Any

from tui.loaders.base import Document, InputFormat
from tui.loaders.clients import RawRun, serving_run
from tui.loaders.meta import name_hints
from tui.loaders.sweep import inline_server_params

_VLLM_KEYS = ("total_token_throughput", "model_id", "request_inthroughput", "median_e2el_ms")


def looks_like(rec: Any) -> bool:
    return (
        isinstance(rec, dict)
        and "median_ttft_ms" in rec
        and any(key in rec for key in _VLLM_KEYS)
        and "total_throughput" not in rec  # SGLang's spellings
        and "median_e2e_latency_ms" not in rec
    )


def to_run(rec: dict[str, Any]) -> RawRun:
    fields = {
        "model": rec.get("model_name"),  # some forks add it
        "model_id": rec.get("model_id"),
        "hardware": rec.get("hardware"),  # non-standard, added by some forks
        "framework": "vllm" if rec.get("backend") in ("vllm", None) else None,
        "concurrency": rec.get("max_concurrency"),
        "request_rate": rec.get("request_rate"),
        # configured lengths, when a fork or --metadata records them
        "isl": rec.get("random_input_len") or rec.get("input_len"),
        "osl": rec.get("random_output_len") or rec.get("output_len"),
    }
    stamp = rec.get("benchmark_start_time_unix") or _date(rec.get("date"))
    run = serving_run(rec, "total_token_throughput", "median_e2el_ms", fields, stamp)
    if rec.get("run_number") not in (None, ""):  # a sweep's run=N (file, summary, CSV row)
        run.replicate = str(rec["run_number"])
        run.server = inline_server_params(rec)
    dataset = rec.get("dataset_name")
    run.dataset = str(dataset) if dataset and dataset != "random" else None
    return run


def _date(value: Any) -> Any:
    """vLLM writes "20260818-021333": make it ISO so recency can read it."""
    text = str(value or "")
    if len(text) == 15 and text[8] == "-" and text.replace("-", "").isdigit():
        return f"{text[:4]}-{text[4:6]}-{text[6:8]}T{text[9:11]}:{text[11:13]}:{text[13:15]}"
    return None


def _label(doc: Document) -> str:
    """InferenceMAX's raw per-run files are vLLM results named after their configuration."""
    return "inferencemax-raw" if {"tp", "concurrency"} <= set(name_hints(doc.path)) else "vllm"


FORMAT = InputFormat(
    "vllm", lambda doc: looks_like(doc.first), lambda rec, _doc: to_run(rec), label=_label
)


def _csv_rows(doc: Document) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(doc.text.lstrip("\ufeff"), newline=""))
    return [{k: v for k, v in row.items() if k} for row in reader]


def _header(doc: Document) -> list[str]:
    return next(csv.reader(io.StringIO(doc.text.lstrip("\ufeff"))), [])


# `vllm bench sweep serve` also writes every run into one summary.csv at the sweep's root;
# read alone it is this, beside its run files it is skipped (tui.loaders.sweep.repeats).
CSV_FORMAT = InputFormat(
    "vllm sweep summary CSV",
    detect=lambda doc: looks_like(dict.fromkeys(_header(doc))),
    units=_csv_rows,
    convert=lambda rec, _doc: to_run(rec),
    json=False,
)
