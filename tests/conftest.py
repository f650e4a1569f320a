"""Shared fixtures: where the real InferenceMAX rows and client files live (../shared)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PARETOP_SHARED", ROOT.parent / "shared"))
INFERENCEMAX = SHARED / "data" / "inferencemax"


@pytest.fixture
def inferencemax_dir() -> Path:
    if not INFERENCEMAX.is_dir():
        pytest.skip("../shared/data/inferencemax is not here (CI always has it)")
    return INFERENCEMAX
