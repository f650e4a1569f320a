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
from tui.loaders import canonical_csv, clients, genai_perf, guidellm, inferencemax, sglang, vllm
from tui.loaders.common import LoadResult, normalise_gpu, recency
from tui.loaders.meta import SIDECAR, Context, name_hints

BUNDLED = ("inferencemax.csv", "published.csv")
_SKIP_SUFFIXES = {".md", ".txt", ".toml", ".py", ".sh", ".log", ".png", ".gz", ".zip", ".svg"}
Progress = Callable[[int, int, str], None]  # (files done, files in all, current file)
MAX_BYTES = 256 * 1024 * 1024  # result files are small; a bigger file is someone's model or data


@dataclass
class FileResult:
    fmt: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
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


def _rows(
    records: list[Any], path: Path, convert: Callable[[Any, int], dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Convert each record (given with its index); a bad one becomes a problem, not a crash."""
    rows: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for i, rec in enumerate(records):
        try:
            rows.append(convert(rec, i))
        except RowError as exc:
            problems.append(Problem(str(path), str(exc), row=i))
        except (KeyError, TypeError, AttributeError, ValueError, ArithmeticError) as exc:
            problems.append(Problem(str(path), f"unreadable record ({exc!r})", row=i))
    return rows, problems


def _aggregated(rec: Any, path: Path, ctx: Context, module: Any) -> dict[str, Any]:
    row = apply_given(module.convert_row(rec, path), ctx.given(path))
    stamp = rec.get("timestamp") if isinstance(rec, dict) else None
    row["recency"] = recency(path, stamp, row.get("run_id"))
    return row


def _client(run: clients.RawRun, path: Path, ctx: Context, index: int) -> dict[str, Any]:
    row = clients.finish(run, path, ctx, index)
    row["recency"] = recency(path, run.timestamp, row.get("run_id"))
    return row


def _client_format(rec: Any) -> Any:
    for module in (vllm, sglang):
        if module.looks_like(rec):
            return module
    return None


def read_records(records: list[Any], path: Path, ctx: Context) -> FileResult:
    """Rows from parsed JSON records (an array, one object, or JSON lines)."""
    if not records:
        return FileResult("json")
    first = records[0]
    if inferencemax.looks_like(first):
        rows, problems = _rows(records, path, lambda r, _: _aggregated(r, path, ctx, inferencemax))
        return FileResult("inferencemax", rows, problems)
    if len(records) == 1 and guidellm.looks_like(first):
        benches = first["benchmarks"]
        many = len(benches) > 1
        rows, problems = _rows(
            benches, path, lambda b, i: _client(guidellm.to_run(b, first), path, ctx, i + many)
        )
        return FileResult(f"guidellm {guidellm.version(first)}", rows, problems)
    if len(records) == 1 and genai_perf.looks_like(first):
        rows, problems = _rows(
            records, path, lambda d, _: _client(genai_perf.to_run(d), path, ctx, 0)
        )
        return FileResult(genai_perf.flavour(first), rows, problems)
    module = _client_format(first)
    if module is None:
        return FileResult(
            "json", problems=[Problem(str(path), "unrecognised JSON: not a known benchmark format")]
        )
    many = len(records) > 1
    rows, problems = _rows(
        records, path, lambda r, i: _client(module.to_run(r), path, ctx, i + many)
    )
    fmt = module.NAME
    if module is vllm and {"tp", "concurrency"} <= set(name_hints(path)):
        fmt = "inferencemax-raw"
    return FileResult(fmt, rows, problems)


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
    result = read_records(records, path, ctx)
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
        reason = f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        if truncated:
            reason += "; the file looks truncated"
        return FileResult("json", problems=[Problem(str(path), reason)])
    return read_records(doc if isinstance(doc, list) else [doc], path, ctx)


def _csv(text: str, path: Path, ctx: Context) -> FileResult:
    if genai_perf.looks_like_csv(text):
        doc = genai_perf.csv_to_doc(text)
        rows, problems = _rows(
            [doc], path, lambda d, _: _client(genai_perf.to_run(d), path, ctx, 0)
        )
        return FileResult("genai-perf CSV", rows, problems)
    header, records = canonical_csv.read_records(path)
    if not canonical_csv.looks_like(header):
        return FileResult(
            "csv",
            problems=[
                Problem(str(path), "unrecognised CSV: no tput_per_gpu/interactivity columns")
            ],
        )
    missing = canonical_csv.missing_columns(header)
    if missing:
        return FileResult(
            "csv",
            problems=[Problem(str(path), f"CSV lacks required columns: {', '.join(missing)}")],
        )
    rows, problems = _rows(records, path, lambda r, _: _aggregated(r, path, ctx, canonical_csv))
    return FileResult("csv", rows, problems)


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
    return _csv(text, path, ctx)


def load_paths(
    paths: Iterable[str | Path],
    progress: Progress | None = None,
    overrides: dict[str, str] | None = None,
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
        ctx = Context(path, dict(overrides or {}))
        work += [(f, ctx) for f in iter_files(path) if f.name != SIDECAR]
    for done, (file, ctx) in enumerate(work):
        if progress:
            progress(done, len(work), str(file))
        got = read_file(file, ctx, settle_s)
        rows.extend(got.rows)
        result.problems.extend(got.problems)
        result.files.append((str(file), got.fmt, len(got.rows)))
        if got.pending:
            result.pending.append(str(file))
    for ctx in {id(c): c for _, c in work}.values():
        result.problems.extend(ctx.problems)
    result.frame = finish_frame(rows)
    return result


def load_bundled(progress: Progress | None = None) -> LoadResult:
    """The bundled InferenceMAX snapshot and the published summary rows."""
    return load_paths([data_file(name) for name in BUNDLED], progress)


def frame_to_csv(frame: pd.DataFrame) -> str:
    """The bundled file's text: canonical columns without recency (it is derived on load)."""
    cols = [c for c in frame.columns if c != "recency"]
    return str(frame[cols].to_csv(index=False, lineterminator="\n"))
