"""Small builders for canonical rows in tests."""

from __future__ import annotations

from typing import Any

import pandas as pd

from tui.core.schema import finish_frame


def row(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "model": "M",
        "model_prefix": "m",
        "hardware": "h200",
        "framework": "sglang",
        "precision": "fp8",
        "spec_decoding": "none",
        "isl": 1024,
        "osl": 1024,
        "concurrency": 8.0,
        "num_gpus": 8,
        "tput_per_gpu": 100.0,
        "interactivity": 50.0,
        "tp": 8.0,
        "source": "test",
        "kind": "run",
        "recency": 1.0,
    }
    base.update(kw)
    return base


def frame(*rows: dict[str, Any]) -> pd.DataFrame:
    return finish_frame(list(rows))
