"""What every loader shares: the result type, recency and hardware-name normalisation."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from tui.core.schema import Problem, empty_frame

Progress = Callable[[int, int, str], None]  # (files done, files in all, current file)

_RUN_DIR = re.compile(r"(?:^|[/\\])run_(\d+)")
_GPU = re.compile(r"^[a-z]+\d+[a-z]*")


@dataclass(frozen=True)
class FileRecord:
    """What one file was read as, and how many rows it gave."""

    path: str
    format: str
    rows: int


@dataclass
class LoadResult:
    """Rows that could be read, what could not, and which files were read as what."""

    frame: pd.DataFrame = field(default_factory=empty_frame)
    problems: list[Problem] = field(default_factory=list)
    files: list[FileRecord] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)  # files still being written (watch mode)


def run_number(path: str) -> str | None:
    """The digits of a `run_<digits>` path component, if any."""
    found = _RUN_DIR.findall(path)
    return found[-1] if found else None


def parse_timestamp(value: Any) -> float:
    """Epoch seconds from a number or an ISO-8601 string; NaN when absent or unreadable."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return math.nan
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    if not text:
        return math.nan
    try:
        return float(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return math.nan


def recency(path: Path, timestamp: Any = None, run_id: str | None = None) -> float:
    """An explicit timestamp, else the run number, else the file's modification time."""
    stamp = parse_timestamp(timestamp)
    if not math.isnan(stamp):
        return stamp
    number = run_id if run_id and run_id.isdigit() else run_number(str(path))
    if number:
        return float(number)
    try:
        return path.stat().st_mtime
    except OSError:
        return math.nan


def normalise_gpu(hw: str) -> str:
    """Runner names to GPU keys: "b200-trt" -> "b200", "mi355x-amd_0" -> "mi355x"."""
    text = str(hw).strip().lower()
    match = _GPU.match(text)
    return match.group(0) if match else text
