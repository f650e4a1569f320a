"""AIPerf's sweep aggregate `profile_export_aiperf_sweep.json`: one entry per parameter
combination, each metric flattened to `<tag>_<stat>` and averaged over the trials.

Beside the per-run exports it repeats them, and tui.loaders.sweep skips it; alone, each
combination is one row built from the trial means.
"""

from __future__ import annotations

import re
from typing import Any

from tui.core.schema import to_number
from tui.loaders import genai_perf
from tui.loaders.base import Document, InputFormat
from tui.loaders.clients import RawRun

_STATS = ("avg", "min", "max", "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "std")


def looks_like(rec: Any) -> bool:
    return (
        isinstance(rec, dict)
        and rec.get("aggregation_type") == "sweep"
        and isinstance(rec.get("per_combination_metrics"), list)
    )


def unflatten(flat: dict[str, Any]) -> dict[str, Any]:
    """{"inter_token_latency_p50": {"mean": 9.1}} -> {"inter_token_latency": {"p50": 9.1}}."""
    doc: dict[str, dict[str, float]] = {}
    for key, value in flat.items():
        tag, _, stat = key.rpartition("_")
        if stat in _STATS and tag and isinstance(value, dict):
            doc.setdefault(tag, {})[stat] = to_number(value.get("mean"))
        elif isinstance(value, dict):  # nested: {"inter_token_latency": {"p50": {"mean": 9.1}}}
            nested = {k: v.get("mean") for k, v in value.items() if isinstance(v, dict)}
            doc.setdefault(key, {}).update({k: to_number(v) for k, v in nested.items()})
    return doc


def to_run(entry: dict[str, Any]) -> RawRun:
    params = entry.get("parameters") or {}
    run = genai_perf.to_run(unflatten(entry.get("metrics") or {}))
    run.fields.update(
        {"concurrency": params.get("concurrency"), "request_rate": params.get("request_rate")}
    )
    run.interactivity_formula += " (mean over the trials)"
    run.tput_formula += " (mean over the trials)"
    return run


def _units(doc: Document) -> list[Any]:
    return list((doc.single or {}).get("per_combination_metrics") or [])


def looks_like_confidence(rec: Any) -> bool:
    meta = rec.get("metadata") if isinstance(rec, dict) else None
    return (
        isinstance(meta, dict)
        and meta.get("aggregation_type") == "confidence"
        and isinstance(rec.get("metrics"), dict)
    )


_FOLDER_CONCURRENCY = re.compile(r"^concurrency_(\d+)$")


def confidence_run(rec: dict[str, Any], doc: Document) -> RawRun:
    """`profile_export_aiperf_aggregate.json`: one setting's trials, averaged; its folder
    (`concurrency_N`) or metadata names the concurrency."""
    meta = rec["metadata"]
    folder = _FOLDER_CONCURRENCY.match(doc.path.parent.name)
    entry = {
        "parameters": {
            "concurrency": meta.get("concurrency") or (folder.group(1) if folder else None),
            "request_rate": meta.get("request_rate"),
        },
        "metrics": rec["metrics"],
    }
    return to_run(entry)


CONFIDENCE_FORMAT = InputFormat(
    "aiperf trials aggregate",
    detect=lambda doc: doc.single is not None and looks_like_confidence(doc.single),
    convert=confidence_run,
)
FORMAT = InputFormat(
    "aiperf sweep aggregate",
    detect=lambda doc: doc.single is not None and looks_like(doc.single),
    units=_units,
    convert=lambda entry, _doc: to_run(entry),
)
