"""Walk paths, detect each file's format from its content, and collect rows and problems."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from tui.core.paths import data_file
from tui.core.schema import Problem, RowError, finish_frame
from tui.loaders import canonical_csv, inferencemax
from tui.loaders.common import LoadResult, recency

BUNDLED = ("inferencemax.csv", "published.csv")
_SKIP_SUFFIXES = {".md", ".txt", ".toml", ".py", ".sh", ".log", ".png", ".gz", ".zip"}


def iter_files(path: Path) -> Iterable[Path]:
    """The file itself, or every file below a directory (sorted, hidden ones skipped)."""
    if path.is_file():
        yield path
        return
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() not in _SKIP_SUFFIXES:
                yield Path(root) / name


def _convert_all(
    records: list[Any], path: Path, convert: Callable[[Any, Path], dict[str, Any]], stamp_key: str
) -> tuple[list[dict[str, Any]], list[Problem]]:
    rows: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for i, rec in enumerate(records):
        try:
            row = convert(rec, path)
        except RowError as exc:
            problems.append(Problem(str(path), str(exc), row=i))
            continue
        except (KeyError, TypeError, AttributeError) as exc:
            problems.append(Problem(str(path), f"unreadable row ({exc!r})", row=i))
            continue
        stamp = rec.get(stamp_key) if isinstance(rec, dict) else None
        row["recency"] = recency(path, stamp, row.get("run_id"))
        rows.append(row)
    return rows, problems


def _read_json(path: Path, text: str) -> tuple[str, list[dict[str, Any]], list[Problem]]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        reason = f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        if exc.pos >= len(text.rstrip()) - 1 or exc.msg.startswith("Unterminated"):
            reason += "; the file looks truncated"
        return "json", [], [Problem(str(path), reason)]
    records = doc if isinstance(doc, list) else [doc]
    if not records:
        return "inferencemax", [], []
    if not any(inferencemax.looks_like(r) for r in records):
        return "json", [], [Problem(str(path), "unrecognised JSON: not InferenceMAX result rows")]
    rows, problems = _convert_all(records, path, inferencemax.convert_row, "timestamp")
    return "inferencemax", rows, problems


def _read_csv(path: Path) -> tuple[str, list[dict[str, Any]], list[Problem]]:
    header, records = canonical_csv.read_records(path)
    if not canonical_csv.looks_like(header):
        return (
            "csv",
            [],
            [Problem(str(path), "unrecognised CSV: no tput_per_gpu/interactivity columns")],
        )
    missing = canonical_csv.missing_columns(header)
    if missing:
        return "csv", [], [Problem(str(path), f"CSV lacks required columns: {', '.join(missing)}")]
    rows, problems = _convert_all(records, path, canonical_csv.convert_row, "timestamp")
    return "csv", rows, problems


def read_file(path: Path) -> tuple[str, list[dict[str, Any]], list[Problem]]:
    """(format, rows, problems) for one file; never raises for bad content."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return "?", [], [Problem(str(path), f"cannot read: {exc}")]
    head = text.lstrip()[:1]
    if not head:
        return "empty", [], [Problem(str(path), "empty file")]
    if head in "[{":
        return _read_json(path, text)
    return _read_csv(path)


Progress = Callable[[int, int, str], None]  # (files done, files in all, current file)


def load_paths(paths: Iterable[str | Path], progress: Progress | None = None) -> LoadResult:
    """Load files and directories (recursively); report problems, keep every good row."""
    result = LoadResult()
    rows: list[dict[str, Any]] = []
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            result.problems.append(Problem(str(path), "no such file or directory"))
            continue
        files.extend(iter_files(path))
    for done, file in enumerate(files):
        if progress:
            progress(done, len(files), str(file))
        fmt, got, problems = read_file(file)
        rows.extend(got)
        result.problems.extend(problems)
        result.files.append((str(file), fmt, len(got)))
    result.frame = finish_frame(rows)
    return result


def load_bundled(progress: Progress | None = None) -> LoadResult:
    """The bundled InferenceMAX snapshot and the published summary rows."""
    return load_paths([data_file(name) for name in BUNDLED], progress)


def frame_to_csv(frame: pd.DataFrame) -> str:
    """The bundled file's text: canonical columns without recency (it is derived on load)."""
    cols = [c for c in frame.columns if c != "recency"]
    return str(frame[cols].to_csv(index=False, lineterminator="\n"))
