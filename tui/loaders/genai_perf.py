"""NVIDIA GenAI-Perf and AIPerf `profile_export*.json` (metric -> {unit, avg, p50, ...}; early
AIPerf keeps the metrics under `records`) and their CSVs (two tables split by a blank line)."""

from __future__ import annotations

import csv
import io
import math
import re
from typing import Any

from tui.core.schema import RowError, to_number
from tui.loaders import perf_config
from tui.loaders.base import Document, InputFormat
from tui.loaders.clients import NO_PER_USER, RawRun

NAME = "genai-perf"
_ALIASES = {"ttft": "time_to_first_token", "ttst": "time_to_second_token"}
NO_INPUT = (
    "the file has no input lengths (a custom dataset without input token counts), so only "
    "output-token numbers are shown; paretop would need input_sequence_length"
)


def metrics(doc: dict[str, Any]) -> dict[str, Any]:
    """Metric -> statistics, from the flat layout or early AIPerf's `records`/`metrics` block
    (a dict by tag, or a list of {tag, ...})."""
    flat = {k: v for k, v in doc.items() if isinstance(v, dict)}
    for block in (doc.get("records"), doc.get("metrics")):
        items = list(block.values()) if isinstance(block, dict) else block
        for item in items if isinstance(items, list) else []:
            tag = item.get("tag") if isinstance(item, dict) else None
            if isinstance(tag, str):
                flat[_ALIASES.get(tag, tag)] = item
    return flat


def looks_like(doc: Any) -> bool:
    if not isinstance(doc, dict):
        return False
    found = metrics(doc)
    return isinstance(found.get("output_token_throughput"), dict) and isinstance(
        found.get("request_throughput"), dict
    )


def flavour(doc: dict[str, Any]) -> str:
    cfg = doc.get("input_config") or {}
    aiperf = (
        "aiperf_version" in doc
        or "benchmark_duration" in doc
        or "records" in doc
        or isinstance(cfg.get("loadgen"), dict)
        or isinstance(cfg.get("phases"), list)
    )
    return "aiperf" if aiperf else NAME


def _stat(doc: dict[str, Any], name: str, stat: str = "avg") -> float:
    metric = doc.get(name)
    return to_number(metric.get(stat)) if isinstance(metric, dict) else to_number(None)


def _per_user(doc: dict[str, Any]) -> tuple[float, str]:
    per_user = _stat(doc, "output_token_throughput_per_user", "p50")
    if per_user > 0:
        return per_user, "median output_token_throughput_per_user"
    itl = _stat(doc, "inter_token_latency", "p50")
    if itl > 0:
        return 1000 / itl, "1000 / median inter-token latency (ms)"
    raise RowError(f"not a streaming run? {NO_PER_USER}")


def _total(doc: dict[str, Any], out_tput: float) -> tuple[float, str, str]:
    """(total tokens/s, formula, why unknown): the client's own figure when it gives one."""
    given = _stat(doc, "total_token_throughput")
    if given > 0:
        return given, "total_token_throughput as the client reports it / num_gpus", ""
    isl = _stat(doc, "input_sequence_length")
    if isl > 0:
        total = out_tput + _stat(doc, "request_throughput") * isl
        return total, "(output_token_throughput + request_throughput x mean ISL) / num_gpus", ""
    return math.nan, "", NO_INPUT


def to_run(raw: dict[str, Any]) -> RawRun:
    doc = metrics(raw)
    out_tput = _stat(doc, "output_token_throughput")
    per_user, formula = _per_user(doc)
    total, how, missing = _total(doc, out_tput)
    cfg: dict[str, Any] = raw.get("input_config") or {}
    isl, osl = perf_config.lengths(cfg)
    fields = {"model_id": perf_config.model(cfg), **perf_config.load(cfg), "isl": isl, "osl": osl}
    return RawRun(
        total_tput=total,
        output_tput=out_tput,
        interactivity=per_user,
        interactivity_formula=formula,
        tput_formula=how,
        fields=fields,
        measured_isl=_stat(doc, "input_sequence_length"),
        measured_osl=_stat(doc, "output_sequence_length"),
        dataset=perf_config.dataset(cfg),
        replicate=perf_config.trial(raw),
        total_missing=missing,
        ttft_s=_stat(doc, "time_to_first_token", "p50") / 1000,
        tpot_s=_stat(doc, "inter_token_latency", "p50") / 1000,
        e2el_s=_stat(doc, "request_latency", "p50") / 1000,
        timestamp=raw.get("start_time"),
    )


_UNIT = re.compile(r"\s*\(.*\)\s*$")


def looks_like_csv(text: str) -> bool:
    head = text.lstrip("\ufeff").split("\n", 1)[0]
    return head.startswith("Metric,") and "Throughput" in text


def csv_flavour(doc: Document) -> str:
    """AIPerf writes its statistics ascending (avg,min,max,p1,p5,...); GenAI-Perf descending."""
    head = doc.text.lstrip("\ufeff").split("\n", 1)[0].strip().split(",")
    aiperf = head[1:5] == ["avg", "min", "max", "p1"] or "aiperf" in doc.path.name.lower()
    return "aiperf CSV" if aiperf else "genai-perf CSV"


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
    label=csv_flavour,
    json=False,
)
