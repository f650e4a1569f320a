"""Small builders for canonical rows in tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from tui.core.schema import finish_frame
from tui.pipeline import Request, build_request, load

APP_DATA = Path(__file__).resolve().parent / "fixtures" / "app"
"""Real rows for the explorer's tests (tests/fixtures/app/README.md), not the bundled data."""


def app_request(**kw: Any) -> Request:
    return build_request(paths=[APP_DATA], **kw)


def app_frame() -> pd.DataFrame:
    return load(app_request())[0]


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
