"""Records gathered one at a time, so memory follows what is kept rather than a file's size.

The first record names the format; later records of another shape are counted, not kept; a file
with more records, values or lines than any benchmark sweep writes is refused before parsing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core.schema import Problem
from tui.loaders.base import Document, InputFormat
from tui.loaders.reading import JsonLimitError, decoder, loads
from tui.loaders.registry import detect


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
    parse = decoder()
    at = _skip(text, text.index("[") + 1)
    if text.startswith("]", at):
        return
    while True:
        rec, at = parse.raw_decode(text, at)
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
    if len(text) <= MAX_JSON_VALUES:  # fewer characters than the bound: nothing to count
        return None
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
