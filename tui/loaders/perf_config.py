"""What GenAI-Perf and AIPerf `input_config` blocks say: model, load, dataset, lengths.

Four layouts: GenAI-Perf flat (model list, top-level concurrency, synthetic_input_tokens_mean)
and nested (model_names, perf_analyzer.stimulus, input.synthetic_tokens); AIPerf up to 0.9
(endpoint.model_names, loadgen, input.prompt.input_tokens) and 0.10 (models.items, phases,
datasets).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# AIPerf's and GenAI-Perf's default synthetic prompt length, used when the config omits it.
DEFAULT_SYNTHETIC_ISL = 550


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _mean(value: Any) -> Any:
    return value.get("mean") if isinstance(value, dict) else value


def model(cfg: dict[str, Any]) -> Any:
    endpoint = _dict(cfg.get("endpoint"))
    items = _dict(cfg.get("models")).get("items")
    if isinstance(items, list) and items and isinstance(items[0], dict):
        return items[0].get("name")
    models = cfg.get("model") or cfg.get("model_names") or endpoint.get("model_names") or []
    return models[0] if isinstance(models, list) and models else models or None


def _profiling_phase(cfg: dict[str, Any]) -> dict[str, Any]:
    phases = cfg.get("phases")
    if not isinstance(phases, list):
        return {}
    kept = [p for p in phases if isinstance(p, dict) and not p.get("exclude_from_results")]
    return kept[-1] if kept else {}


def load(cfg: dict[str, Any]) -> dict[str, Any]:
    """Concurrency and request rate, wherever the layout keeps them."""
    stimulus = _dict(_dict(cfg.get("perf_analyzer")).get("stimulus"))
    loadgen = _dict(cfg.get("loadgen"))
    phase = _profiling_phase(cfg)
    concurrency = (
        cfg.get("concurrency")
        or stimulus.get("concurrency")
        or loadgen.get("concurrency")
        or phase.get("concurrency")
    )
    rate = (
        cfg.get("request_rate")
        or stimulus.get("request_rate")
        or loadgen.get("request_rate")
        or phase.get("rate")
        or phase.get("request_rate")
    )
    return {"concurrency": concurrency, "request_rate": rate}


def _dataset_entry(cfg: dict[str, Any]) -> dict[str, Any]:
    datasets = cfg.get("datasets")
    if isinstance(datasets, list) and datasets and isinstance(datasets[0], dict):
        return datasets[0]
    return {}


def dataset(cfg: dict[str, Any]) -> str | None:
    """A named dataset, trace or input file; None for synthetic prompts."""
    entry = _dataset_entry(cfg)
    inp = _dict(cfg.get("input"))
    fmt = entry.get("format")
    trace = fmt if isinstance(fmt, str) and "trace" in fmt else None
    for name in (
        entry.get("dataset"),
        trace,
        inp.get("public_dataset"),
        inp.get("custom_dataset_type"),
        cfg.get("input_dataset"),
    ):
        if isinstance(name, str) and name and name != "synthetic":
            return name
    for path in (entry.get("path"), entry.get("file"), inp.get("file"), cfg.get("input_file")):
        if isinstance(path, str) and path:
            return Path(path).name
    return None


def lengths(cfg: dict[str, Any]) -> tuple[Any, Any]:
    """Configured (isl, osl) of synthetic prompts; (None, None) for datasets."""
    if dataset(cfg) is not None or not cfg:
        return None, None
    entry = _dataset_entry(cfg)
    if entry:  # AIPerf 0.10+: datasets[0].prompts.{isl, osl}, a number or {mean, stddev}
        prompts = _dict(entry.get("prompts"))
        isl = _mean(prompts.get("isl", entry.get("isl")))
        return isl, _positive(_mean(prompts.get("osl", entry.get("osl"))))
    inp = _dict(cfg.get("input"))
    prompt = _dict(inp.get("prompt"))
    isl = (
        _mean(prompt.get("input_tokens"))
        or _mean(inp.get("synthetic_tokens"))
        or cfg.get("synthetic_input_tokens_mean")
    )
    osl = (
        _mean(prompt.get("output_tokens"))
        or _mean(inp.get("output_tokens"))
        or _mean(_dict(cfg.get("output")).get("output_tokens"))
        or cfg.get("output_tokens_mean")
    )
    return isl or DEFAULT_SYNTHETIC_ISL, _positive(osl)


def _positive(value: Any) -> Any:
    """GenAI-Perf writes -1 for "no output limit"."""
    return value if isinstance(value, int | float) and value > 0 else None


def trial(doc: dict[str, Any]) -> str | None:
    value = _dict(doc.get("run_info")).get("trial")
    return None if value is None else str(value)
