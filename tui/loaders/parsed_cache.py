"""Parsed results kept in the user's cache folder, so reopening a big folder is quick.

A load is looked up by everything that decides its rows: each file's path, size and
modification time (sidecars too), the --set values, and paretop's own loader code and data.
Anything changed is a miss, and the load is read and saved again. The cache is a folder of
.npz files (tui.loaders.frame_file): safe to delete at any time; `--no-cache` skips it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.schema import Problem
from tui.loaders import frame_file
from tui.loaders.common import FileRecord, LoadResult

WORTH_ROWS = 10_000  # smaller loads read in well under a second: not worth a file
KEEP = 8  # newest cache files kept; older ones are removed when a new one is saved
KEEP_BYTES = 2 << 30  # and no more than this in all (a million rows take ~250 MB)
PACKAGE = Path(__file__).resolve().parents[1]


def folder() -> Path:
    """$XDG_CACHE_HOME/paretop/parsed (default ~/.cache/paretop/parsed)."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "paretop" / "parsed"


def _stamp(path: Path) -> list[Any]:
    try:
        info = os.stat(path)
    except OSError:
        return [str(path), None]
    return [str(path), info.st_size, info.st_mtime_ns]


def _code() -> list[Any]:
    """What paretop itself brings to a conversion: its loader and core code, and its data."""
    found: list[Any] = []
    for sub in ("loaders", "core", "_data"):
        top = PACKAGE / sub
        if top.is_dir():
            found += [_stamp(p) for p in sorted(top.rglob("*")) if p.suffix in (".py", ".csv")]
    data = PACKAGE.parent / "data"  # an editable install reads the repository's data/
    if data.is_dir():
        found += [_stamp(p) for p in sorted(data.glob("*.csv"))]
    return found


@dataclass(frozen=True)
class Key:
    digest: str

    @property
    def path(self) -> Path:
        return folder() / f"{self.digest}.npz"


def key(files: list[Path], others: list[str], metadata: dict[str, str]) -> Key:
    """The cache key of a load of `files` (with `others`: sidecars and files passed over)."""
    parts = {
        "files": [_stamp(f) for f in files],
        "others": [_stamp(Path(p)) for p in others],
        "set": sorted(metadata.items()),
        "code": _code(),
    }
    text = json.dumps(parts, sort_keys=True, default=str)
    return Key(hashlib.sha256(text.encode()).hexdigest()[:32])


def lookup(found: Key) -> LoadResult | None:
    """The saved load, or None (absent, unreadable or not paretop's: read afresh)."""
    try:
        frame, meta = frame_file.load(found.path)
        problems = [Problem(p, r, row) for p, r, row in meta["problems"]]
        files = [FileRecord(p, f, n) for p, f, n in meta["files"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return LoadResult(frame=frame, problems=problems, files=files)


def save(found: Key, result: LoadResult) -> None:
    """Keep a finished load (best effort: a cache that cannot be written is no error)."""
    if len(result.frame) < WORTH_ROWS or result.pending:
        return
    meta = {
        "problems": [[p.path, p.reason, p.row] for p in result.problems],
        "files": [[f.path, f.format, f.rows] for f in result.files],
    }
    try:
        frame_file.save(result.frame, found.path, meta)
        _prune()
    except (OSError, frame_file.Unsaved):
        pass


def _prune() -> None:
    """Keep the newest files, at most KEEP of them and KEEP_BYTES in all."""
    saved = sorted(folder().glob("*.npz"), key=lambda p: p.stat().st_mtime, reverse=True)
    total = 0
    for rank, path in enumerate(saved):
        total += path.stat().st_size
        if rank >= KEEP or (rank > 0 and total > KEEP_BYTES):
            path.unlink(missing_ok=True)
