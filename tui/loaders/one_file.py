"""One file read without trusting it: decoded once, its format detected from the content, and
its records converted (or handed to a batch) with every problem named."""

from __future__ import annotations

import csv
import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core.files import ReadError, describe, read_text
from tui.core.schema import Problem, RowError, check_row
from tui.loaders import clients
from tui.loaders.base import Aggregated, Converted, Document, FormatError, InputFormat
from tui.loaders.batch import Part
from tui.loaders.common import normalise_gpu, recency
from tui.loaders.meta import Context
from tui.loaders.offline import text_report_reason
from tui.loaders.reading import JsonLimitError, decode
from tui.loaders.records import (
    STREAM_BYTES,
    Records,
    big_array,
    csv_too_big,
    json_lines,
    json_too_big,
)
from tui.loaders.registry import detect
from tui.loaders.stream_csv import Slices, file_size, streamed

EMPTY_RUN = "agg_bmk.json"  # InferenceMAX writes `[]` here for a run that aggregated nothing
CACHE_MANIFEST = "manifest.json"  # a pulled InferenceX cache: `[]` is a model with no rows yet
MAX_BYTES = 256 * 1024 * 1024  # result files are small; a bigger file is someone's model or data


@dataclass
class FileResult:
    fmt: str
    problems: list[Problem] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    pending: bool = False  # still being written (watch mode): read again later
    batch: list[dict[str, Any]] | None = None  # records to convert with others (batch.py)
    converter: InputFormat | None = None
    stream: Slices | None = None  # a big canonical CSV, read a slice at a time


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
    if fmt.columns is not None and _batchable(units, doc):
        return FileResult(name, batch=units, converter=fmt)
    rows: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for i in range(len(units)):
        got = one_by_one(Part(doc.path, ctx, units, fmt, 0), i, doc)
        if isinstance(got, Problem):
            problems.append(got)
        else:
            rows.append(got)
    return FileResult(name, problems, rows)


def _batchable(units: list[Any], doc: Document) -> bool:
    """Records the column code reads as `convert` does: objects, and no NaN/Infinity tokens
    (JSON has no NaN, so a missing number and an absent key are one case to it)."""
    if not all(type(u) is dict for u in units):
        return False
    if doc.records is None:  # CSV: text cells, under names the column code finds as they are
        return bool(units) and all(k is None or k == k.strip() for k in units[0])
    return doc.strict or ("NaN" not in doc.text and "Infinity" not in doc.text)


def one_by_one(part: Part, i: int, doc: Document | None = None) -> dict[str, Any] | Problem:
    """Record `i` of a file as a canonical row, or the problem that names why it is not."""
    doc = doc or Document(part.path, "", part.records)
    many = len(part.records) > 1
    try:
        item = part.fmt.convert(part.records[i], doc)
        return _row(item, doc, part.ctx, i if many else None)
    except RowError as exc:
        return Problem(str(part.path), str(exc), row=part.offset + i)
    except (KeyError, TypeError, AttributeError, ValueError, ArithmeticError) as exc:
        why = f"unreadable record ({exc!r})"
        return Problem(str(part.path), why, row=part.offset + i)


def _json_lines(text: str, path: Path, ctx: Context, fresh: bool) -> FileResult:
    """One JSON document per line; the first record names the format before the rest are read."""
    return _gathered(json_lines(text, path, fresh), text, ctx, " (JSON lines)")


def _gathered(got: Records, text: str, ctx: Context, kind: str = "") -> FileResult:
    if got.fmt is None or not got.records:
        return FileResult("json" + kind, got.problems, pending=got.pending)
    result = read_document(Document(got.path, text, got.records), ctx)
    result.fmt += kind
    result.problems = got.problems + result.problems
    result.pending = got.pending
    return result


def _json(text: str, path: Path, ctx: Context, fresh: bool) -> FileResult:
    too_big = json_too_big(text)
    if too_big:
        return FileResult("json", [Problem(str(path), too_big)])
    try:
        if len(text) > STREAM_BYTES and _first(text) == "[":
            return _gathered(big_array(text, path), text, ctx)
        doc, strict = decode(text)
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
    except JsonLimitError as exc:
        return FileResult("json", [Problem(str(path), str(exc))])
    records = doc if isinstance(doc, list) else [doc]
    if not records and _empty_expected(path):
        return FileResult("json (empty: nothing recorded)")
    if not records:
        return FileResult("json", [Problem(str(path), "no rows: an empty JSON array")])
    return read_document(Document(path, text, records, strict), ctx)


def _empty_expected(path: Path) -> bool:
    """Whether `[]` is a normal answer here (an empty run or pulled list), not a broken file."""
    if path.name.endswith(EMPTY_RUN) or path.name in (CACHE_MANIFEST, "availability.json"):
        return True
    return any(os.path.isfile(p / CACHE_MANIFEST) for p in (path.parent, path.parent.parent))


def _some(result: FileResult, path: Path) -> FileResult:
    """A table that gave neither rows nor problems (only a header) says so. (A JSON format may
    rightly give none: a companion file beside the run is listed, not read.)"""
    if not (result.rows or result.problems or result.pending or result.batch):
        result.problems.append(Problem(str(path), "no rows: the file holds no records"))
    return result


def read_file(path: Path, ctx: Context, settle_s: float | None = None) -> FileResult:
    """One file's rows and problems; never raises, whatever the file holds.

    With `settle_s` (watch mode), a file changed in the last `settle_s` seconds that looks
    half-written is marked pending instead of broken.
    """
    big = streamed(path, file_size(path))
    if isinstance(big, str):
        return FileResult("csv", [Problem(str(path), big)])
    if big is not None:
        return FileResult("csv (streamed)", stream=big)
    try:
        text = read_text(path, MAX_BYTES)
        fresh = settle_s is not None and time.time() - os.stat(path).st_mtime < settle_s
    except ReadError as exc:
        return FileResult("not read", [Problem(str(path), exc.reason)])
    except OSError as exc:  # removed between the read and the stat
        return FileResult("not read", [Problem(str(path), describe(exc))])
    try:
        result = _decoded(text, path, ctx, fresh)
    except Exception as exc:  # one file, whatever it holds, must never end the run
        return FileResult("unreadable", [Problem(str(path), f"cannot be read: {_why(exc)}")])
    return result


def _why(exc: BaseException) -> str:
    """An unexpected failure as a short reason (the kind of error names the cause)."""
    if isinstance(exc, RecursionError):
        return "too deeply nested"
    if isinstance(exc, csv.Error):
        return f"bad CSV: {exc}"
    if isinstance(exc, RowError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"[:300]


_LEAD = re.compile("[\ufeff \t\r\n]*")


def _first(text: str) -> str:
    """The first character that is not blank ("" for none), without copying a big text."""
    at = _LEAD.match(text)
    return text[at.end() : at.end() + 1] if at else text[:1]


def _decoded(text: str, path: Path, ctx: Context, fresh: bool) -> FileResult:
    head = _first(text)
    if not head:
        return FileResult(
            "empty", pending=fresh, problems=[] if fresh else [Problem(str(path), "empty file")]
        )
    if head in "[{":
        return _json(text, path, ctx, fresh)
    too_big = csv_too_big(text)
    if too_big:
        return FileResult("csv", [Problem(str(path), too_big)])
    return _some(read_document(Document(path, text), ctx), path)
