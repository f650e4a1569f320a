"""Turning one run of a benchmark client (vLLM, SGLang, GenAI-Perf, guidellm) into a row.

Clients record whole-run throughput and latencies, not the hardware or GPU count, so per-GPU
numbers are computed only once the metadata layers (tui.loaders.meta) supply `num_gpus`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core.models import display_name
from tui.core.schema import (
    KIND_RUN,
    UNKNOWN_LENGTH,
    RowError,
    approx_length,
    check_row,
    to_bool,
    to_number,
)
from tui.loaders.common import normalise_gpu, run_number
from tui.loaders.meta import NEEDED, Context, name_hints
from tui.loaders.sweep import folder_params

UNKNOWN = "unknown"
# File names the clients choose themselves: they say nothing about the model.
_TOOL_NAMES = re.compile(
    r"^(profile_export\w*|summary\w*|run=\d+|stage_-?\d+\w*|benchmarks?|report|results?)$"
)


@dataclass
class RawRun:
    """One benchmark run as a client reports it (throughputs for the whole run).

    `fields` holds canonical metadata the file states, configured isl/osl among them; the
    measured mean lengths are kept apart and name the sequence only when nothing is configured.
    """

    total_tput: float  # input + output tokens/s; NaN when `total_missing` says why
    output_tput: float
    interactivity: float  # tokens/s/user
    interactivity_formula: str
    tput_formula: str
    fields: dict[str, Any] = field(default_factory=dict)
    measured_isl: float = math.nan
    measured_osl: float = math.nan
    dataset: str | None = None  # a dataset or trace workload: its runs form one sequence
    group: str | None = None  # runs sharing this key form one measured sequence
    replicate: str | None = None  # repeated run of one setting (run=N, trial N)
    server: str = ""  # server settings the record itself carries (folder names win)
    total_missing: str = ""
    ttft_s: float = math.nan
    tpot_s: float = math.nan
    e2el_s: float = math.nan
    timestamp: Any = None


def ratio(a: float, b: float) -> float:
    """a / b, or NaN when b is zero or missing (a failed or empty run)."""
    return a / b if b > 0 else math.nan


def serving_run(
    rec: dict[str, Any],
    total_key: str,
    e2el_key: str,
    fields: dict[str, Any],
    timestamp: Any = None,
) -> RawRun:
    """A vLLM/SGLang-style serving result (they differ in key names only) as a RawRun."""
    completed = to_number(rec.get("completed"))
    if completed == 0:
        raise RowError("no completed requests (every request failed)")
    interactivity, formula = per_user(rec.get("median_tpot_ms"), rec.get("median_itl_ms"))
    tokens_in = to_number(rec.get("total_input_tokens"))
    tokens_out = to_number(rec.get("total_output_tokens"))
    total, how = to_number(rec.get(total_key)), f"{total_key} / num_gpus"
    if not total > 0:
        total = ratio(tokens_in + tokens_out, to_number(rec.get("duration")))
        how = "(total_input_tokens + total_output_tokens) / duration / num_gpus"
    output = to_number(rec.get("output_throughput"))
    if not output > 0:
        output = ratio(tokens_out, to_number(rec.get("duration")))
    duration = to_number(rec.get("duration"))
    if not total > 0 and tokens_in + tokens_out > 0 and not duration > 0:
        raise RowError(
            f"no throughput: no {total_key}, and duration is {rec.get('duration')!r}, so the "
            "token totals cannot be turned into tokens/s; paretop needs a positive duration"
        )
    if not total > 0:
        raise RowError(
            f"no throughput: the file has neither {total_key} nor total_input_tokens, "
            "total_output_tokens and duration; paretop needs one of them"
        )
    return RawRun(
        total_tput=total,
        output_tput=output,
        interactivity=interactivity,
        interactivity_formula=formula,
        tput_formula=how,
        fields=fields,
        measured_isl=ratio(tokens_in, completed),
        measured_osl=ratio(tokens_out, completed),
        ttft_s=to_number(rec.get("median_ttft_ms")) / 1000,
        tpot_s=to_number(rec.get("median_tpot_ms")) / 1000,
        e2el_s=to_number(rec.get(e2el_key)) / 1000,
        timestamp=timestamp,
    )


NO_PER_USER = (
    "no per-user speed (no TPOT, ITL or per-user output rate): the run cannot be placed on "
    "the interactivity axis; paretop needs a streaming run that records time per output token"
)


def per_user(tpot_ms: Any, itl_ms: Any = None) -> tuple[float, str]:
    """Interactivity = 1000 / median TPOT (ms); median ITL only when TPOT is absent."""
    tpot = to_number(tpot_ms)
    if tpot > 0:
        return 1000 / tpot, "1000 / median TPOT (ms)"
    itl = to_number(itl_ms)
    if itl > 0:
        return 1000 / itl, "1000 / median ITL (ms); the file has no TPOT"
    raise RowError(NO_PER_USER)


def _gpu_count(meta: dict[str, Any]) -> float:
    """num_gpus as given; else prefill + decode; else tp (x pp), as InferenceMAX counts."""
    count = to_number(meta.get("num_gpus"))
    if count > 0:
        return count
    parts = to_number(meta.get("num_prefill_gpu")) + to_number(meta.get("num_decode_gpu"))
    if parts > 0:
        return parts
    tp = to_number(meta.get("tp"))
    return tp if tp > 0 else math.nan


def _label_model(meta: dict[str, Any], path: Path) -> tuple[str, Any]:
    model_id = meta.get("model_id")
    if meta.get("model"):
        return str(meta["model"]), model_id
    if meta.get("model_prefix") or model_id:
        return display_name(meta.get("model_prefix"), model_id), model_id
    stem = path.name.split(".")[-2] if path.name.count(".") >= 2 else path.stem
    for suffix in ("_output", "_results", "_result", "_benchmarks"):
        stem = stem.removesuffix(suffix)
    return (UNKNOWN if _TOOL_NAMES.match(stem) else stem), model_id


def _fixed_lengths(meta: dict[str, Any], run: RawRun) -> dict[str, float]:
    """Lengths that are not a sample's mean: configured ones, and measured means that are
    whole numbers (every request had that length: a fixed-length workload)."""
    out: dict[str, float] = {}
    sampled = bool(run.dataset or run.group)  # a dataset's mean can be whole by chance
    for name, measured in (("isl", run.measured_isl), ("osl", run.measured_osl)):
        configured = to_number(meta.get(name))
        if configured > 0:
            out[name] = configured
        elif measured > 0 and float(measured).is_integer() and not sampled:
            out[name] = measured
    return out


def _sequence(meta: dict[str, Any], run: RawRun) -> dict[str, Any]:
    """Fixed lengths when both are known; else the measured means, rounded (a later pass over
    all rows, tui.loaders.sequences, gives a group of similar runs one shared sequence)."""
    fixed = _fixed_lengths(meta, run)
    if not fixed.get("osl", run.measured_osl) > 0:
        raise RowError("no output length: the file states none and records no output tokens")

    def length(name: str, measured_mean: float) -> int:
        if name in fixed:
            return round(fixed[name])
        return approx_length(measured_mean) if measured_mean > 0 else UNKNOWN_LENGTH

    return {
        "isl": length("isl", run.measured_isl),
        "osl": length("osl", run.measured_osl),
        "measured_isl": run.measured_isl,
        "measured_osl": run.measured_osl,
        "sequence_measured": len(fixed) < 2,
        "dataset": run.dataset or "",
        "_fixed": tuple(fixed),  # lengths a measured group must not change
        "_group": run.group,  # read by tui.loaders.sequences, dropped with the frame
    }


def _throughput(run: RawRun, gpus: float) -> dict[str, Any]:
    if run.total_missing:
        return {
            "tput_per_gpu": math.nan,
            "output_tput_per_gpu": run.output_tput / gpus if gpus > 0 else math.nan,
            "tput_formula": f"total throughput unknown: {run.total_missing}",
        }
    if not math.isfinite(run.total_tput) or run.total_tput <= 0:
        raise RowError(f"total throughput must be a positive number, got {run.total_tput!r}")
    return {
        "tput_per_gpu": run.total_tput / gpus if gpus > 0 else math.nan,
        "output_tput_per_gpu": run.output_tput / gpus if gpus > 0 else math.nan,
        "tput_formula": run.tput_formula + ("" if gpus > 0 else "; per GPU unknown: no num_gpus"),
    }


def finish(run: RawRun, path: Path, ctx: Context, index: int | None = None) -> dict[str, Any]:
    """Layer the metadata, compute per-GPU numbers where the GPU count is known, validate.

    Precedence: --set and sidecars, then what the file states, then folder and file names.
    """
    stated = {k: v for k, v in run.fields.items() if v not in (None, "")}
    sweep = folder_params(path)
    meta = {**name_hints(path), **sweep.metadata, **stated}
    meta.update(ctx.given(path))
    gpus = _gpu_count(meta)
    model, model_id = _label_model(meta, path)
    missing = [k for k in NEEDED if not (gpus > 0 if k == "num_gpus" else meta.get(k))]
    fields = {
        "model": model,
        "model_id": model_id,
        "model_prefix": meta.get("model_prefix"),
        "hardware": normalise_gpu(meta["hardware"]) if meta.get("hardware") else UNKNOWN,
        "framework": meta.get("framework") or UNKNOWN,
        "precision": meta.get("precision") or UNKNOWN,
        "spec_decoding": meta.get("spec_decoding") or "none",
        **_sequence(meta, run),
        "concurrency": meta.get("concurrency"),
        "request_rate": to_number(meta.get("request_rate")),
        "num_gpus": gpus,
        **_throughput(run, gpus),
        "interactivity": run.interactivity,
        "ttft_s": run.ttft_s,
        "tpot_s": run.tpot_s,
        "e2el_s": run.e2el_s,
        "tp": to_number(meta.get("tp")),
        "ep": to_number(meta.get("ep")),
        "dp_attention": to_bool(meta.get("dp_attention")),
        "disagg": to_bool(meta.get("disagg")),
        "num_prefill_gpu": to_number(meta.get("num_prefill_gpu")),
        "num_decode_gpu": to_number(meta.get("num_decode_gpu")),
        "source": str(path),
        "record": index,
        "run_id": meta.get("run_id") or run_number(str(path)),
        "kind": KIND_RUN,
        "interactivity_formula": run.interactivity_formula,
        "missing": tuple(missing),
        "server_params": sweep.server or run.server,
        "replicate": run.replicate or sweep.replicate or "",
    }
    return check_row(fields, optional=frozenset({"tput_per_gpu", "concurrency", "isl"}))
