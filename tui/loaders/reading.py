"""Finding and decoding input files without trusting them.

Every file found but not read and every folder that cannot be listed becomes a problem; symlinked
folders are followed once (a loop is reported, not walked forever); JSON is parsed with bounded
nesting and number size, so no file can end the run with a traceback.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core.files import describe
from tui.core.schema import Problem
from tui.loaders.base import Document, InputFormat
from tui.loaders.registry import detect

SKIP_SUFFIXES = {".md", ".txt", ".toml", ".py", ".sh", ".log", ".png", ".gz", ".zip", ".svg"}
MAX_DIGITS = 100  # an integer longer than this is no benchmark figure (and slow to convert)


class JsonLimitError(ValueError):
    """JSON that parses but is beyond what a result file holds: the message says what."""


def _int(text: str) -> int:
    if len(text) > MAX_DIGITS:
        raise JsonLimitError(f"number too large ({len(text)} digits)")
    return int(text)


def _float(text: str) -> float:
    if len(text) > 4 * MAX_DIGITS:
        raise JsonLimitError(f"number too long ({len(text)} characters)")
    return float(text)


def loads(text: str) -> Any:
    """json.loads with bounded numbers and nesting (JsonLimitError saying which).

    Python's json reads SGLang's bare Infinity/NaN tokens, which is wanted.
    """
    try:
        return json.loads(text, parse_int=_int, parse_float=_float)
    except RecursionError:
        raise JsonLimitError("too deeply nested") from None


def _is_dir(path: Path, problems: list[Problem]) -> bool | None:
    """True for a folder, False for anything else, None (reported) when it cannot be stat'ed."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except OSError as exc:
        if os.path.islink(path):
            return False  # a broken link or a loop: reading it says which
        problems.append(Problem(str(path), describe(exc)))
    except ValueError as exc:
        problems.append(Problem(str(path), f"unusable path: {exc}"))
    return None


def iter_files(path: Path, problems: list[Problem] | None = None) -> Iterator[Path]:
    """The path itself, or every file below a folder (sorted; hidden and non-result names
    skipped). What cannot be listed or is a symlink loop is added to `problems`."""
    found = [] if problems is None else problems
    kind = _is_dir(path, found)
    if kind is False:
        yield path
    elif kind:
        yield from _walk(path, found)


def _walk(top: Path, problems: list[Problem]) -> Iterator[Path]:
    top_id = _identity(top)
    seen: set[tuple[int, int]] = {top_id} if top_id else set()

    def unlisted(exc: OSError) -> None:
        problems.append(Problem(str(exc.filename or top), f"folder not listed: {describe(exc)}"))

    for root, dirs, files in os.walk(top, onerror=unlisted, followlinks=True):
        dirs[:] = [d for d in sorted(dirs) if _enter(Path(root) / d, seen, problems)]
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() not in SKIP_SUFFIXES:
                yield Path(root) / name


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _enter(path: Path, seen: set[tuple[int, int]], problems: list[Problem]) -> bool:
    """Whether to walk into a subfolder: not hidden, and not one already walked (a loop)."""
    if path.name.startswith("."):
        return False
    ident = _identity(path)
    if ident is None:
        return True  # os.walk reports what it cannot list
    if ident in seen:
        reason = "the same folder as one already read (a symlink loop or a second link), skipped"
        problems.append(Problem(str(path), reason))
        return False
    seen.add(ident)
    return True


def nonblank_lines(text: str) -> Iterator[tuple[int, str, bool]]:
    """(0-based line number, line, is it the last non-blank line) without a list of all lines."""
    pending: tuple[int, str] | None = None
    start, number = 0, 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if line.strip():
            if pending is not None:
                yield pending[0], pending[1], False
            pending = (number, line)
        number += 1
        start = end + 1
    if pending is not None:
        yield pending[0], pending[1], True


MAX_BAD_LINES = 100  # a JSON-lines file with more broken lines than this is not one
MAX_RECORDS = 50_000  # records in one file: a sweep has hundreds; more is not a results file
MAX_CSV_CHARS = 32 << 20  # 50k rows of ~600 characters; csv reads through a 4-byte-a-char copy
MAX_JSON_VALUES = 5_000_000  # ~500 MB once parsed; result files hold thousands
STREAM_BYTES = 8 << 20  # a JSON array bigger than this is read element by element


@dataclass
class Records:
    """Records gathered one at a time (JSON lines, or the elements of a big array).

    The first record names the format; a later record that format does not recognise is
    counted, not kept, so memory follows what is read rather than the file's size.
    """

    path: Path
    records: list[Any] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    pending: bool = False  # the last line is still being written
    fmt: InputFormat | None = None
    foreign: int = 0  # records of another shape, skipped
    seen: int = 0

    def add(self, rec: Any) -> bool:
        """Keep one record if it is of the file's format; False when reading should stop."""
        self.seen += 1
        if self.seen > MAX_RECORDS:
            self.problem(f"more than {MAX_RECORDS} records: not a results file, stopped there")
            return False
        doc = Document(self.path, "", [rec])
        if self.fmt is None:
            self.fmt = detect(doc)
            if self.fmt is None:
                self.problem("unrecognised JSON: the first record is not a known benchmark format")
                return False
        elif not self.fmt.detect(doc):
            self.foreign += 1
            return True
        self.records.append(rec)
        return True

    def problem(self, reason: str, row: int | None = None) -> None:
        self.problems.append(Problem(str(self.path), reason, row=row))

    def finish(self) -> None:
        if self.foreign and self.fmt is not None:
            self.problem(f"{self.foreign} records are not {self.fmt.name} records, skipped")


def json_lines(text: str, path: Path, fresh: bool) -> Records:
    """The records of a JSON-lines file; broken lines reported, an unfinished last one awaited."""
    got = Records(path)
    for n, line, last in nonblank_lines(text):
        if len(got.problems) >= MAX_BAD_LINES:
            got.problem(f"stopped after {MAX_BAD_LINES} broken lines")
            break
        try:
            rec = loads(line)
        except json.JSONDecodeError as exc:
            if fresh and last:
                got.pending = True
            else:
                got.problem(f"line {n + 1} is not valid JSON: {exc.msg}", n)
            continue
        except JsonLimitError as exc:
            got.problem(f"line {n + 1}: {exc}", n)
            continue
        if not got.add(rec):
            break
    got.finish()
    return got


def big_array(text: str, path: Path) -> Records:
    """A big top-level JSON array, element by element (JSONDecodeError/JsonLimitError if bad)."""
    got = Records(path)
    try:
        for rec in _elements(text):
            if not got.add(rec):
                break
    except RecursionError:
        raise JsonLimitError("too deeply nested") from None
    got.finish()
    return got


def _elements(text: str) -> Iterator[Any]:
    decoder = json.JSONDecoder(parse_int=_int, parse_float=_float)
    at = _skip(text, text.index("[") + 1)
    if text.startswith("]", at):
        return
    while True:
        rec, at = decoder.raw_decode(text, at)
        yield rec
        at = _skip(text, at)
        if text.startswith(",", at):
            at = _skip(text, at + 1)
        elif text.startswith("]", at):
            if text[at + 1 :].strip():
                raise json.JSONDecodeError("Extra data", text, at + 1)
            return
        else:
            raise json.JSONDecodeError("Expecting ',' delimiter", text, at)


def json_too_big(text: str) -> str | None:
    """Why a JSON text holds too many values to parse into memory, or None.

    Each separator (`,` or `:`) is roughly one value, and a parsed value costs ~100 bytes: the
    count is taken in C, before a parse could need gigabytes.
    """
    values = text.count(",") + text.count(":")
    if values > MAX_JSON_VALUES:
        return f"holds about {values:,} values: too many for a results file, skipped"
    return None


def csv_too_big(text: str) -> str | None:
    """Why a text file is too big to be a results table, or None (cheap: no copy made)."""
    if text.count("\n") > MAX_RECORDS + 1:
        return f"more than {MAX_RECORDS} lines: not a results table, skipped"
    if len(text) > MAX_CSV_CHARS:
        size = (
            f"{MAX_CSV_CHARS >> 20} MiB" if MAX_CSV_CHARS >= 1 << 20 else f"{MAX_CSV_CHARS} bytes"
        )
        return f"larger than {size} of text: not a results table, skipped"
    return None


def _skip(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at
