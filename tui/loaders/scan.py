"""Walk paths, detect each file's format from its content, and collect rows and problems."""

from __future__ import annotations

import csv
import gc
import json
import os
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from tui.core.compact import compact, joined
from tui.core.files import ReadError, describe, read_text
from tui.core.paths import data_file
from tui.core.schema import Problem, RowError, check_row, finish_frame
from tui.loaders import bundled, canonical_csv, clients, fork, parsed_cache
from tui.loaders.base import Aggregated, Converted, Document, FormatError, InputFormat
from tui.loaders.batch import BATCH_RECORDS, SLOT, Part, convert
from tui.loaders.common import FileRecord, LoadResult, normalise_gpu, recency
from tui.loaders.memory import give_back_large_blocks
from tui.loaders.meta import SIDECAR, Context
from tui.loaders.offline import text_report_reason
from tui.loaders.reading import JsonLimitError, Skipped, decode, iter_files
from tui.loaders.records import (
    STREAM_BYTES,
    Records,
    big_array,
    csv_too_big,
    json_lines,
    json_too_big,
)
from tui.loaders.registry import detect
from tui.loaders.sequences import group_measured
from tui.loaders.stream_csv import Slices, file_size, streamed
from tui.loaders.sweep import repeats

BUNDLED = bundled.SOURCES
Progress = Callable[[int, int, str], None]  # (files done, files in all, current file)
EMPTY_RUN = "agg_bmk.json"  # InferenceMAX writes `[]` here for a run that aggregated nothing
CACHE_MANIFEST = "manifest.json"  # a pulled InferenceX cache: `[]` is a model with no rows yet
LARGE_LOAD = 200_000  # rows: from here on, memory freed is given back (tui.loaders.memory)
LARGE_BYTES = 64 << 20  # files to read: the same from the start
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


def load_paths(
    paths: Iterable[str | Path],
    progress: Progress | None = None,
    metadata: dict[str, str] | None = None,
    settle_s: float | None = None,
    cache: bool = False,
) -> LoadResult:
    """Load files and directories (recursively); report problems, keep every good row.

    With `cache`, a load seen before with the same files (sizes and times alike) is read from
    the parsed-results cache (tui.loaders.parsed_cache) and a big new one is saved there.
    """
    collecting = gc.isenabled()
    gc.disable()  # decoded records are acyclic; collecting them again and again costs ~10%
    try:
        return _load(paths, progress, metadata, settle_s, cache and settle_s is None)
    finally:
        if collecting:
            gc.enable()


def _load(
    paths: Iterable[str | Path],
    progress: Progress | None,
    metadata: dict[str, str] | None,
    settle_s: float | None,
    cache: bool,
) -> LoadResult:
    result = LoadResult()
    work: list[tuple[Path, Context]] = []
    passed_over: Skipped = []  # found in a folder but not result files: listed, never silent
    for given in paths:
        path = Path(given)
        ctx = Context(path, dict(metadata or {}))
        work += [
            (f, ctx) for f in iter_files(path, result.problems, passed_over) if f.name != SIDECAR
        ]
    walked = len(result.problems)
    found = None
    if cache:
        others = [p for p, _ in passed_over] + _sidecars_above(paths)
        found = parsed_cache.key([f for f, _ in work], others, dict(metadata or {}))
        hit = parsed_cache.lookup(found)
        if hit is not None:
            result.problems += hit.problems
            result.files, result.frame = hit.files, hit.frame
            return result
    skipped = _repeats(work)
    gathered = _read_all(work, skipped, progress, settle_s)
    result.pending += gathered.pending
    result.files += gathered.files
    result.files += [FileRecord(p, f"skipped: {why}", 0) for p, why in passed_over]
    result.problems += [p for found in gathered.problems for p in found]
    for ctx in {id(c): c for _, c in work}.values():
        result.problems.extend(ctx.problems)
    result.problems += [p for p in gathered.found_elsewhere if p not in result.problems]
    result.frame = gathered.frame()
    if found is not None:
        parsed_cache.save(found, replace_problems(result, result.problems[walked:]))
    return result


def _read_all(
    work: list[tuple[Path, Context]],
    skipped: dict[Path, str],
    progress: Progress | None,
    settle_s: float | None,
) -> _Gathered:
    """Every file's rows, in two processes when the load is big enough (tui.loaders.fork)."""
    size = sum(file_size(f) for f, _ in work) if len(work) >= fork.FROM_FILES else 0
    if size >= LARGE_BYTES:
        give_back_large_blocks()  # from the first batch, not only once 200k rows are kept
    if progress is not None or settle_s is not None or not fork.worth_it(len(work), size):
        return _read_part(work, skipped, progress, settle_s, 0)
    half = len(work) // 2
    child = fork.Child(lambda: _read_part(work[half:], skipped, None, None, half).handed())
    mine = _read_part(work[:half], skipped, None, None, 0)
    theirs = child.result() or _read_part(work[half:], skipped, None, None, half).handed()
    mine.take(theirs)
    return mine


def _read_part(
    work: list[tuple[Path, Context]],
    skipped: dict[Path, str],
    progress: Progress | None,
    settle_s: float | None,
    offset: int,
) -> _Gathered:
    gathered = _Gathered(offset)
    for done, (file, ctx) in enumerate(work):
        if progress:
            progress(done, len(work), str(file))
        got = FileResult(f"skipped: {skipped[file]}") if file in skipped else None
        got = got or read_file(file, ctx, settle_s)
        gathered.add(file, ctx, got)
        if got.pending:
            gathered.pending.append(str(file))
    gathered.flush()
    gathered.contexts = list({id(c): c for _, c in work}.values())
    return gathered


def _sidecars_above(paths: Iterable[str | Path]) -> list[str]:
    """The sidecar beside each file named on its own (those inside folders are walked)."""
    return [str(Path(p).parent / SIDECAR) for p in paths if not Path(p).is_dir()]


def replace_problems(result: LoadResult, problems: list[Problem]) -> LoadResult:
    return LoadResult(result.frame, problems, result.files, result.pending)


class _Gathered:
    """Rows of one load in file order: per-record rows, and batches converted together."""

    def __init__(self, offset: int = 0) -> None:
        self.offset = offset  # the slot of this part's first file within the whole load
        self.pending: list[str] = []
        self.contexts: list[Context] = []
        self.found_elsewhere: list[Problem] = []  # sidecar problems met by the other process
        self.rows: list[dict[str, Any]] = []
        self.frames: list[pd.DataFrame] = []
        self.files: list[FileRecord] = []
        self.problems: list[list[Problem]] = []
        self.parts: list[Part] = []
        self.waiting = 0
        self.kept = 0

    def handed(self) -> _Gathered:
        """What the other process needs (Contexts stay here: their problems travel alone)."""
        self.found_elsewhere = [p for c in self.contexts for p in c.problems]
        self.contexts = []
        return self

    def take(self, other: _Gathered) -> None:
        """The rest of the load, gathered by the other process (its slots follow ours)."""
        self.rows += other.rows
        self.frames += other.frames
        self.files += other.files
        self.problems += other.problems
        self.pending += other.pending
        self.kept += other.kept
        self.found_elsewhere += other.found_elsewhere

    def add(self, file: Path, ctx: Context, got: FileResult) -> None:
        slot = self.offset + len(self.files)
        self.files.append(FileRecord(str(file), got.fmt, len(got.rows)))
        self.problems.append(list(got.problems))
        for row in got.rows:
            row[SLOT] = slot
        self.rows.extend(got.rows)
        if got.stream is not None:
            self.stream(file, ctx, got.stream, slot)
            return
        if got.batch is None or got.converter is None:
            return
        if self.parts and self.parts[0].fmt is not got.converter:
            self.flush()
        self.parts.append(Part(file, ctx, got.batch, got.converter, slot))
        self.waiting += len(got.batch)
        if self.waiting >= BATCH_RECORDS:
            self.flush()

    def stream(self, file: Path, ctx: Context, slices: Slices, slot: int) -> None:
        """A big CSV's slices, each converted at once, so only one slice's cells are held."""
        self.flush()
        for start, rows in slices:
            self.parts.append(Part(file, ctx, rows, canonical_csv.FORMAT, slot, start))
            self.flush()
        if slices.error:
            self.problems[slot - self.offset].append(Problem(str(file), slices.error))

    def flush(self) -> None:
        if not self.parts:
            return
        done = convert(self.parts, one_by_one)
        for slot, count in done.counts.items():
            at = slot - self.offset
            self.files[at] = replace(self.files[at], rows=self.files[at].rows + count)
            self.problems[at] += done.problems[slot]
        if len(done.frame):  # as if its rows were never there, like a file of bad rows
            self.frames.append(compact(done.frame))
        self.kept += len(done.frame)
        if self.kept >= LARGE_LOAD:
            give_back_large_blocks()
        self.parts, self.waiting = [], 0

    def frame(self) -> pd.DataFrame:
        group_measured(self.rows)
        slots = [r.pop(SLOT) for r in self.rows]
        if not self.frames:
            return compact(finish_frame(self.rows))
        if self.rows:
            rows = finish_frame(self.rows)
            rows[SLOT] = slots
            self.frames.append(compact(rows))
        frame = joined(self.frames)
        if self.rows:  # both kinds: back into the order the files were read
            frame = frame.sort_values(SLOT, kind="stable")
            frame.index = pd.RangeIndex(len(frame))
        del frame[SLOT]
        return frame


def _repeats(work: list[tuple[Path, Context]]) -> dict[Path, str]:
    """Summary files whose runs are read in this load too (so each run counts once): why."""
    loading = {file for file, _ in work}
    found = {file: repeats(file, loading) for file in loading}
    return {file: why for file, why in found.items() if why}


def load_bundled(progress: Progress | None = None) -> LoadResult:
    """The bundled InferenceMAX snapshot and the published summary rows: from the .npz made
    of them (milliseconds), or from the CSVs when it is missing or they have changed since."""
    return bundled.read() or load_paths([data_file(name) for name in BUNDLED], progress)


def frame_to_csv(frame: pd.DataFrame) -> str:
    """The bundled file's text: canonical columns without recency (it is derived on load)."""
    cols = [c for c in frame.columns if c != "recency"]
    out = frame[cols].copy()
    out["missing"] = [",".join(keys) for keys in out["missing"]]
    return str(out.to_csv(index=False, lineterminator="\n"))
