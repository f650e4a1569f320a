"""The rows of one load in file order: per-record rows, and batches converted together."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from tui.core.compact import compact, joined
from tui.core.schema import Problem, finish_frame
from tui.loaders import canonical_csv
from tui.loaders.batch import BATCH_RECORDS, SLOT, OneByOne, Part, convert
from tui.loaders.common import FileRecord
from tui.loaders.memory import give_back_large_blocks
from tui.loaders.meta import Context
from tui.loaders.one_file import FileResult
from tui.loaders.sequences import group_measured
from tui.loaders.stream_csv import Slices

LARGE_LOAD = 200_000  # rows: from here on, memory freed is given back (tui.loaders.memory)


class Gathered:
    """Rows of one load in file order: per-record rows, and batches converted together."""

    def __init__(self, one_by_one: OneByOne, offset: int = 0) -> None:
        self.one_by_one = one_by_one
        self.offset = offset  # the slot of this part's first file within the whole load
        self.pending: list[str] = []
        self.found_elsewhere: list[Problem] = []  # sidecar problems met by the other process
        self.rows: list[dict[str, Any]] = []
        self.frames: list[pd.DataFrame] = []
        self.files: list[FileRecord] = []
        self.problems: list[list[Problem]] = []
        self.parts: list[Part] = []
        self.waiting = 0
        self.kept = 0

    def handed(self, contexts: list[Context]) -> Gathered:
        """What the other process needs: the Contexts' problems travel, the Contexts stay."""
        self.found_elsewhere = [
            p for c in {id(c): c for c in contexts}.values() for p in c.problems
        ]
        return self

    def take(self, other: Gathered) -> None:
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
        done = convert(self.parts, self.one_by_one)
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
