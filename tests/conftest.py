"""Shared fixtures: where the real InferenceMAX rows and client files live (../shared)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PARETOP_SHARED", ROOT.parent / "shared"))
INFERENCEMAX = SHARED / "data" / "inferencemax"
FORMATS = SHARED / "data" / "formats"


def shared_dir(path: Path) -> Path:
    if not path.is_dir():
        pytest.skip(f"{path} is not here (CI always has ../shared)")
    return path


@pytest.fixture
def inferencemax_dir() -> Path:
    return shared_dir(INFERENCEMAX)


@pytest.fixture
def formats() -> Path:
    return shared_dir(FORMATS)


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets an empty XDG cache: never the real one, never pulled data by surprise."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    monkeypatch.delenv("PARETOP_API_URL", raising=False)
