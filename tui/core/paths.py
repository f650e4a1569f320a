"""Where the bundled data lives: inside the installed package, or at the repository's top."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The data/ folder: tui/_data in a wheel install, ../data in a source checkout."""
    for candidate in (_PACKAGE / "_data", _PACKAGE.parent / "data"):
        if (candidate / "hardware.csv").is_file():
            return candidate
    raise FileNotFoundError(f"paretop's bundled data is missing (looked in {_PACKAGE})")


def data_file(name: str) -> Path:
    return data_dir() / name
