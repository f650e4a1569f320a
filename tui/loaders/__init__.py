"""Read benchmark results into the canonical DataFrame. Never imports Textual.

Every loader returns the rows it could read plus a list of problems: a bad file or row is
reported and skipped, and never hides the good ones.

The readers (tui.loaders.scan and the formats) are imported with the first load of files:
opening the bundled data needs none of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tui.core.paths import data_file
from tui.loaders.common import LoadResult, Progress

__all__ = ["LoadResult", "Progress", "load_bundled", "load_paths"]


def load_paths(
    paths: Iterable[str | Path],
    progress: Progress | None = None,
    metadata: dict[str, str] | None = None,
    settle_s: float | None = None,
    cache: bool = False,
) -> LoadResult:
    """Load files and directories (recursively); see tui.loaders.scan.load_paths."""
    from tui.loaders import scan

    return scan.load_paths(paths, progress, metadata, settle_s, cache)


def load_bundled(progress: Progress | None = None) -> LoadResult:
    """The bundled InferenceMAX snapshot and the published summary rows: from the .npz made
    of them (milliseconds), or from the CSVs when it is missing or they have changed since."""
    from tui.loaders import bundled

    return bundled.read() or load_paths([data_file(name) for name in bundled.SOURCES], progress)
