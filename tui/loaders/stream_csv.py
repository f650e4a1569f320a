"""A canonical CSV too big to hold as text, read a slice of rows at a time.

paretop's own `rows --format csv` of a million runs is ~370 MB: it is read through a bounded
window of rows, so memory follows the rows kept, not the file's size. Only the canonical CSV
is streamed; other tables keep the size bounds of tui.loaders.records.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.files import ReadError, open_text
from tui.loaders.canonical_csv import looks_like, missing_columns

STREAM_AT = 16 << 20  # bytes: a canonical CSV larger than this is streamed
ROWS = 10_000  # rows per slice: ~40 MB of decoded cells at most


@dataclass
class Slices:
    """The file's rows in slices; `error` says why reading stopped early, if it did."""

    path: Path
    header: list[str]
    error: str | None = None

    def __iter__(self) -> Iterator[tuple[int, list[dict[str, Any]]]]:
        """(index of the slice's first row, its rows as csv.DictReader gives them)."""
        try:
            with open_text(self.path) as handle:
                reader = csv.DictReader(handle)
                start, rows = 0, []
                for row in reader:
                    rows.append(row)
                    if len(rows) == ROWS:
                        yield start, rows
                        start, rows = start + ROWS, []
                if rows:
                    yield start, rows
        except (csv.Error, UnicodeDecodeError) as exc:
            self.error = f"stopped reading: {exc}; the rows before it are kept"
        except ReadError as exc:
            self.error = exc.reason
        except OSError as exc:
            self.error = f"stopped reading: {exc.strerror or exc}"


def streamed(path: Path, size: int) -> Slices | str | None:
    """Slices of a big canonical CSV; a reason when its header lacks columns; None when the
    file is small or not a canonical CSV (read as a whole, as any other file)."""
    if size <= STREAM_AT:
        return None
    try:
        with open_text(path) as handle:
            head = handle.read(1 << 16)
    except (ReadError, OSError, UnicodeDecodeError):
        return None  # reading it whole reports what is wrong
    if head.lstrip()[:1] in ("[", "{", ""):
        return None
    header = next(csv.reader(io.StringIO(head)), [])
    if not looks_like(header):
        return None
    if any(name != name.strip() for name in header):
        return None  # the column code reads names as they are: whole, within the size bounds
    missing = missing_columns(header)
    if missing:
        return f"CSV lacks required columns: {', '.join(missing)}"
    return Slices(path, header)


def file_size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
