"""Walk paths, detect each file's format from its content, and collect rows and problems."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from tui.core.paths import data_file
from tui.core.schema import Problem, RowError, check_row, finish_frame
from tui.loaders import clients
from tui.loaders.base import Aggregated, Converted, Document, FormatError
from tui.loaders.common import FileRecord, LoadResult, normalise_gpu, recency
from tui.loaders.meta import SIDECAR, Context
from tui.loaders.offline import text_report_reason
from tui.loaders.registry import detect
from tui.loaders.sequences import group_measured
from tui.loaders.sweep import repeats

BUNDLED = ("inferencemax.csv", "published.csv")
_SKIP_SUFFIXES = {".md", ".txt", ".toml", ".py", ".sh", ".log", ".png", ".gz", ".zip", ".svg"}
Progress = Callable[[int, int, str], None]  # (files done, files in all, current file)
MAX_BYTES = 256 * 1024 * 1024  # result files are small; a bigger file is someone's model or data


@dataclass
class FileResult:
    fmt: str
    problems: list[Problem] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    pending: bool = False  # still being written (watch mode): read again later


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


def apply_given(row: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """--set and sidecar values over a row an aggregated loader already made."""
    if not given:
        return row
    out = {**row, **given}
    if "hardware" in given:
        out["hardware"] = normalise_gpu(given["hardware"])
    return check_row(out)


def _row(item: Converted, doc: Document, ctx: Context, index: int | None) -> dict[str, Any]:
    """A converted unit as a canonical row: metadata layered, recency worked out."""
    if isinstance(item, Aggregated):
        row = apply_given(item.fields, ctx.given(doc.path))
        stamp = item.timestamp
    else:
        row = clients.finish(item, doc.path, ctx, index)
        stamp = item.timestamp
    row["recency"] = recency(doc.path, stamp, row.get("run_id"))
    return row


def read_document(doc: Document, ctx: Context) -> FileResult:
    """Rows from one decoded file: the registry names its format, the format converts."""
    fmt = detect(doc)
    if fmt is None:
        what = "unrecognised JSON: not a known benchmark format"
        if doc.records is None:
            what = text_report_reason(doc.text) or (
                "unrecognised CSV: no tput_per_gpu/interactivity columns"
            )
        return FileResult(
            "json" if doc.records is not None else "csv", [Problem(str(doc.path), what)]
        )
    name = fmt.display(doc)
    try:
        units = fmt.units(doc)
    except FormatError as exc:
        return FileResult(name, [Problem(str(doc.path), str(exc))])
    many = len(units) > 1
    rows: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for i, unit in enumerate(units):
        try:
            rows.append(_row(fmt.convert(unit, doc), doc, ctx, i if many else None))
        except RowError as exc:
            problems.append(Problem(str(doc.path), str(exc), row=i))
        except (KeyError, TypeError, AttributeError, ValueError, ArithmeticError) as exc:
            problems.append(Problem(str(doc.path), f"unreadable record ({exc!r})", row=i))
    return FileResult(name, problems, rows)


def _json_lines(text: str, path: Path, ctx: Context, fresh: bool) -> FileResult:
    """One JSON document per line; a broken line is reported (or awaited, if still being written)."""
    records: list[Any] = []
    problems: list[Problem] = []
    pending = False
    lines = [(n, line) for n, line in enumerate(text.splitlines()) if line.strip()]
    for i, (n, line) in enumerate(lines):
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            if fresh and i == len(lines) - 1:
                pending = True  # the writer has not finished this line yet
            else:
                problems.append(
                    Problem(str(path), f"line {n + 1} is not valid JSON: {exc.msg}", row=n)
                )
    result = read_document(Document(path, text, records), ctx) if records else FileResult("json")
    result.fmt += " (JSON lines)"
    result.problems = problems + result.problems
    result.pending = pending
    return result


def _json(text: str, path: Path, ctx: Context, fresh: bool) -> FileResult:
    try:
        doc = json.loads(text)  # Python's json reads SGLang's bare Infinity/NaN tokens
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            return _json_lines(text, path, ctx, fresh)
        truncated = exc.pos >= len(text.rstrip()) - 1 or exc.msg.startswith("Unterminated")
        if truncated and fresh:
            return FileResult("json", pending=True)
        known = text_report_reason(text)  # a console log that starts with "[" or "{"
        if known:
            return FileResult("text", [Problem(str(path), known)])
        reason = f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        if truncated:
            reason += "; the file looks truncated"
        return FileResult("json", [Problem(str(path), reason)])
    records = doc if isinstance(doc, list) else [doc]
    if not records:
        return FileResult("json")
    return read_document(Document(path, text, records), ctx)


def read_file(path: Path, ctx: Context, settle_s: float | None = None) -> FileResult:
    """One file's rows and problems; never raises for bad content.

    With `settle_s` (watch mode), a file changed in the last `settle_s` seconds that looks
    half-written is marked pending instead of broken.
    """
    try:
        stat = path.stat()
        if stat.st_size > MAX_BYTES:
            return FileResult(
                "?",
                problems=[Problem(str(path), "larger than 256 MiB: not a result file, skipped")],
            )
        text = path.read_text(encoding="utf-8")
        fresh = settle_s is not None and time.time() - stat.st_mtime < settle_s
    except UnicodeDecodeError:
        return FileResult(
            "?", problems=[Problem(str(path), "not a text file (not UTF-8), skipped")]
        )
    except OSError as exc:
        return FileResult("?", problems=[Problem(str(path), f"cannot read: {exc.strerror or exc}")])
    head = text.lstrip("\ufeff \t\r\n")[:1]
    if not head:
        return FileResult(
            "empty", pending=fresh, problems=[] if fresh else [Problem(str(path), "empty file")]
        )
    if head in "[{":
        return _json(text, path, ctx, fresh)
    return read_document(Document(path, text), ctx)


def load_paths(
    paths: Iterable[str | Path],
    progress: Progress | None = None,
    metadata: dict[str, str] | None = None,
    settle_s: float | None = None,
) -> LoadResult:
    """Load files and directories (recursively); report problems, keep every good row."""
    result = LoadResult()
    rows: list[dict[str, Any]] = []
    work: list[tuple[Path, Context]] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            result.problems.append(Problem(str(path), "no such file or directory"))
            continue
        ctx = Context(path, dict(metadata or {}))
        work += [(f, ctx) for f in iter_files(path) if f.name != SIDECAR]
    skipped = _repeats(work)
    for done, (file, ctx) in enumerate(work):
        if progress:
            progress(done, len(work), str(file))
        got = FileResult(f"skipped: {skipped[file]}") if file in skipped else None
        got = got or read_file(file, ctx, settle_s)
        rows.extend(got.rows)
        result.problems.extend(got.problems)
        result.files.append(FileRecord(str(file), got.fmt, len(got.rows)))
        if got.pending:
            result.pending.append(str(file))
    for ctx in {id(c): c for _, c in work}.values():
        result.problems.extend(ctx.problems)
    group_measured(rows)
    result.frame = finish_frame(rows)
    return result


def _repeats(work: list[tuple[Path, Context]]) -> dict[Path, str]:
    """Summary files whose runs are read in this load too (so each run counts once): why."""
    loading = {file for file, _ in work}
    found = {file: repeats(file, loading) for file in loading}
    return {file: why for file, why in found.items() if why}


def load_bundled(progress: Progress | None = None) -> LoadResult:
    """The bundled InferenceMAX snapshot and the published summary rows."""
    return load_paths([data_file(name) for name in BUNDLED], progress)


def frame_to_csv(frame: pd.DataFrame) -> str:
    """The bundled file's text: canonical columns without recency (it is derived on load)."""
    cols = [c for c in frame.columns if c != "recency"]
    out = frame[cols].copy()
    out["missing"] = [",".join(keys) for keys in out["missing"]]
    return str(out.to_csv(index=False, lineterminator="\n"))
