"""Files clients write beside their result file: per-request records and inputs. They are
recognised and listed with no rows (the result file beside them is the run), instead of being
reported as unreadable."""

from __future__ import annotations

from typing import Any

from tui.loaders.base import Document, InputFormat

_LLMPERF_REQUEST = {"inter_token_latency_s", "ttft_s", "number_output_tokens"}


def kind(doc: Document) -> str | None:
    first: Any = doc.first
    if not isinstance(first, dict):
        return None
    if set(first) >= _LLMPERF_REQUEST:
        return "llmperf per-request responses (the *_summary.json beside it is the run)"
    if _per_request(first):
        return "aiperf per-request records (profile_export_aiperf.json is the run)"
    if isinstance(first.get("experiments"), list) and "service_kind" in first:
        return "genai-perf per-request export (profile_export_genai_perf.json is the run)"
    data = first.get("data")
    entry = data[0] if doc.single and isinstance(data, list) and data else None
    if isinstance(entry, dict) and ("payloads" in entry or "session_id" in entry):
        return "aiperf/genai-perf inputs (the requests sent, not results)"
    return None


def _per_request(rec: dict[str, Any]) -> bool:
    metrics = rec.get("metrics")
    return (
        isinstance(rec.get("metadata"), dict)
        and isinstance(metrics, dict)
        and all(isinstance(m, dict) and "value" in m for m in metrics.values())
    )


FORMAT = InputFormat(
    "companion file",
    detect=lambda doc: kind(doc) is not None,
    units=lambda _doc: [],
    convert=lambda unit, _doc: unit,
    label=lambda doc: f"{kind(doc)}: not read",
)
