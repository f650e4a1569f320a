"""Sweep structure read from folder and file names, and summary files that repeat their runs.

`vllm bench sweep serve` writes one folder per setting, e.g.
`SERVE--max_num_seqs=4-BENCH--max_concurrency=2-num_prompts=8/run=0.json`, and a
`summary.json` beside the `run=N.json` files that repeats them. AIPerf sweeps write
`profile_export_aiperf_sweep.json` (means across trials) beside the per-run exports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_SECTION = re.compile(r"(SERVE|BENCH)--")
# Keys may be spelled with "-" (as on the command line) or "_"; pairs are joined with "-".
# vLLM's argument names are lowercase, which tells a key from a value such as "Qwen-7B".
_PARAM = re.compile(r"([a-z_][a-z0-9_.\-]*?)=(.*?)(?=-[a-z_][a-z0-9_.\-]*=|-?$)")
_RUN_FILE = re.compile(r"^run=(\d+)\.json$")
# Benchmark-side settings that are canonical metadata; the rest describe the run's size.
_BENCH_KEYS = {
    "max_concurrency": "concurrency",
    "request_rate": "request_rate",
    "random_input_len": "isl",
    "random_output_len": "osl",
    "input_len": "isl",
    "output_len": "osl",
}
_SERVER_KEYS = {"tensor_parallel_size": "tp", "tp": "tp", "pipeline_parallel_size": "pp"}
AIPERF_AGGREGATES = (
    "profile_export_aiperf_sweep.json",
    "profile_export_aiperf_sweep.csv",
    "profile_export_aiperf_aggregate.json",
    "profile_export_aiperf_aggregate.csv",
)


# What `vllm bench serve` itself writes, and the benchmark's own arguments: any other scalar
# key in a sweep's run record is a server setting the sweep merged in.
_RESULT_KEYS = {
    "date", "endpoint_type", "backend", "label", "model_id", "tokenizer_id", "version",
    "best_of", "use_beam_search", "duration", "completed", "failed", "total_input_tokens",
    "total_output_tokens", "request_throughput", "request_inthroughput", "request_goodput",
    "input_throughput", "output_throughput", "total_token_throughput", "rtfx",
    "max_output_tokens_per_s", "max_concurrent_requests", "run_number", "_benchmark_name",
}  # fmt: skip
_BENCH_ARGS = {
    "num_prompts", "max_concurrency", "request_rate", "burstiness", "seed", "dataset_name",
    "dataset_path", "random_input_len", "random_output_len", "random_range_ratio",
    "random_prefix_len", "input_len", "output_len", "ignore_eos", "temperature", "top_p",
    "top_k", "sharegpt_output_len", "sonnet_input_len", "sonnet_output_len",
}  # fmt: skip
_METRIC = re.compile(r"^(mean|median|std|p\d+(\.\d+)?)_\w+_ms$|^spec_decode")


def inline_server_params(rec: dict[str, Any]) -> str:
    """Server settings a sweep merged into its run record (newer `vllm bench sweep serve`
    writes them into run=N.json and summary.csv): every scalar key that is neither the
    benchmark's result nor one of its arguments. Only for records that carry a run_number."""
    if "run_number" not in rec:
        return ""
    found = {
        k: v
        for k, v in rec.items()
        if k
        and k not in _RESULT_KEYS
        and k not in _BENCH_ARGS
        and not _METRIC.match(k)
        and isinstance(v, str | int | float | bool)
        and v != ""
    }
    return ",".join(f"{k}={v}" for k, v in sorted(found.items()))


@dataclass(frozen=True)
class SweepParams:
    """What a run's folder names say: server settings (text) and canonical metadata."""

    server: str = ""  # "max_num_batched_tokens=8192,max_num_seqs=4"
    metadata: dict[str, Any] = field(default_factory=dict)
    replicate: str | None = None  # N of a run=N.json file


def _pairs(text: str) -> dict[str, str]:
    """ "max_num_seqs=4-max-num-batched-tokens=8192" -> {"max_num_seqs": "4", ...}; a named
    combination (`_benchmark_name`, no "=") -> {"name": "fast"}."""
    body = text.strip("-")
    found = {k.replace("-", "_"): v for k, v in _PARAM.findall(body) if v != ""}
    return found or ({"name": body} if body else {})


def _sections(name: str) -> dict[str, dict[str, str]]:
    """ "SERVE--a=1-BENCH--b=2" -> {"SERVE": {"a": "1"}, "BENCH": {"b": "2"}}."""
    pieces = _SECTION.split(name)
    return {kind: _pairs(body) for kind, body in zip(pieces[1::2], pieces[2::2], strict=True)}


def folder_params(path: Path) -> SweepParams:
    """Server and benchmark parameters from every SERVE--/BENCH-- folder above a file."""
    server: dict[str, str] = {}
    bench: dict[str, str] = {}
    for part in path.parent.parts:
        found = _sections(part)
        server.update(found.get("SERVE", {}))
        bench.update(found.get("BENCH", {}))
    metadata = {_BENCH_KEYS[k]: v for k, v in bench.items() if k in _BENCH_KEYS}
    metadata.update({_SERVER_KEYS[k]: v for k, v in server.items() if k in _SERVER_KEYS})
    if any("SERVE--" in part for part in path.parent.parts):
        metadata["framework"] = "vllm"  # only `vllm bench sweep serve` names folders so
    run = _RUN_FILE.match(path.name)
    return SweepParams(
        server=",".join(f"{k}={v}" for k, v in sorted(server.items())),
        metadata=metadata,
        replicate=run.group(1) if run else None,
    )


def repeats(path: Path, loading: set[Path]) -> str | None:
    """Why a file is skipped: a summary whose runs are read in this load too, or a warm-up."""
    if path.name == "summary.json" and any(
        p.parent == path.parent and _RUN_FILE.match(p.name) for p in loading
    ):
        return "sweep summary that repeats the run=N files beside it (each run counted once)"
    if path.name == "summary.csv" and any(
        path.parent in p.parents and _RUN_FILE.match(p.name) for p in loading
    ):
        return "sweep summary that repeats the run=N files below it (each run counted once)"
    if path.name == "warmup.json" and _SECTION.search(path.parent.name):
        return "a sweep's warm-up run, not a measurement"
    if path.name in AIPERF_AGGREGATES and any(
        p.name == "profile_export_aiperf.json" and path.parent.parent in p.parents for p in loading
    ):
        return "AIPerf aggregate that repeats the per-run profile exports of this sweep"
    return None
