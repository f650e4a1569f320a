"""Every input format paretop reads, in the order their detectors are asked.

Adding a client: write its module with a `FORMAT = InputFormat(...)` and add one line here.
More specific detectors come first (a vLLM file also has keys SGLang files have).
"""

from __future__ import annotations

from tui.loaders import (
    canonical_csv,
    genai_perf,
    guidellm,
    inferencemax,
    inferencex_api,
    sglang,
    vllm,
)
from tui.loaders.base import Document, InputFormat

FORMATS: tuple[InputFormat, ...] = (
    inferencemax.FORMAT,
    inferencex_api.FORMAT,
    guidellm.FORMAT,
    genai_perf.FORMAT,
    vllm.FORMAT,
    sglang.FORMAT,
    genai_perf.CSV_FORMAT,
    canonical_csv.FORMAT,
)


def detect(doc: Document) -> InputFormat | None:
    """The first format that recognises the document's content."""
    wanted_json = doc.records is not None
    return next((f for f in FORMATS if f.json == wanted_json and f.detect(doc)), None)
