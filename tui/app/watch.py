"""Following a sweep as it runs: notice new or changed result files, cheaply, without Textual."""

from __future__ import annotations

import os
import time
from pathlib import Path

from tui.loaders.meta import SIDECAR
from tui.loaders.reading import iter_files

SETTLE_S = 5.0
"""A half-written file younger than this is awaited, not reported as broken."""

Signature = tuple[tuple[str, int, int], ...]


def _files(root: Path) -> list[Path]:
    """Result files and the paretop.toml sidecars that change how they read."""
    files = list(iter_files(root))
    if os.path.isdir(root):  # os.walk, unlike rglob, passes over folders it cannot list
        files += sorted(Path(d) / SIDECAR for d, _, names in os.walk(root) if SIDECAR in names)
    return files


def signature(paths: tuple[Path, ...]) -> Signature:
    """(path, mtime, size) of every input file: any new, changed or removed file changes it."""
    out: list[tuple[str, int, int]] = []
    for root in paths:
        if not os.path.exists(root):  # never raises, even for a path beyond PATH_MAX
            continue
        for file in _files(root):
            try:
                stat = file.stat()
            except OSError:
                continue  # removed between listing and stat
            out.append((str(file), stat.st_mtime_ns, stat.st_size))
    return tuple(out)


class Watcher:
    """Says when to re-read: files changed, or a file awaited as half-written has settled."""

    def __init__(self, paths: tuple[Path, ...], settle_s: float = SETTLE_S) -> None:
        self.paths = paths
        self.settle_s = settle_s
        self.last: Signature | None = None
        self.awaiting_since: float | None = None

    def prime(self) -> None:
        self.last = signature(self.paths)

    def loaded(self, pending: list[str]) -> None:
        """Record what the last read left pending, so it is read again once it settles."""
        self.awaiting_since = time.monotonic() if pending else None

    def due(self) -> bool:
        current = signature(self.paths)
        if current != self.last:
            self.last = current
            return True
        settled = (
            self.awaiting_since is not None
            and time.monotonic() - self.awaiting_since > self.settle_s
        )
        if settled:
            self.awaiting_since = None
        return settled
