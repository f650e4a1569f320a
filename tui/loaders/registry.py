"""Every input format paretop reads, in the order their detectors are asked.

Adding a client: write its module with a `FORMAT = InputFormat(...)` and add one line here.
More specific detectors come first (a vLLM file also has keys SGLang files have).
"""

from __future__ import annotations

from tui.loaders import (
    aiperf_sweep,
    canonical_csv,
    companions,
    genai_perf,
    guidellm,
    inference_perf,
    inferencemax,
    inferencex_api,
    llmperf,
    offline,
    sglang,
    trtllm_bench,
    vllm,
)
from tui.loaders.base import Document, InputFormat

FORMATS: tuple[InputFormat, ...] = (
    inferencemax.FORMAT,
    inferencex_api.FORMAT,
    guidellm.FORMAT,
    genai_perf.FORMAT,
    aiperf_sweep.FORMAT,
    aiperf_sweep.CONFIDENCE_FORMAT,
    trtllm_bench.FORMAT,
    inference_perf.FORMAT,
    llmperf.FORMAT,
    vllm.FORMAT,
    sglang.FORMAT,
    offline.FORMAT,
    companions.FORMAT,
    genai_perf.CSV_FORMAT,
    vllm.CSV_FORMAT,
    canonical_csv.FORMAT,
)


def detect(doc: Document) -> InputFormat | None:
    """The first format that recognises the document's content."""
    wanted_json = doc.records is not None
    return next((f for f in FORMATS if f.json == wanted_json and f.detect(doc)), None)
