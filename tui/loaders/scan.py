"""Walk paths, detect each file's format from its content, and collect rows and problems."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from tui.loaders import fork, parsed_cache
from tui.loaders.common import FileRecord, LoadResult, Progress
from tui.loaders.memory import give_back_large_blocks
from tui.loaders.meta import SIDECAR, Context
from tui.loaders.reading import Skipped, iter_files
from tui.loaders.stream_csv import file_size
from tui.loaders.sweep import repeats

if TYPE_CHECKING:  # the readers load with the first load of files, not with the bundled data
    from tui.loaders.gather import Gathered
    from tui.loaders.one_file import FileResult

LARGE_BYTES = 64 << 20  # files to read: the same from the start


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
    result.problems += [p for in_file in gathered.problems for p in in_file]
    for ctx in {id(c): c for _, c in work}.values():
        result.problems.extend(ctx.problems)
    result.problems += [p for p in gathered.found_elsewhere if p not in result.problems]
    result.frame = gathered.frame()
    if found is not None:
        parsed_cache.save(found, replace(result, problems=result.problems[walked:]))
    return result


def _read_all(
    work: list[tuple[Path, Context]],
    skipped: dict[Path, str],
    progress: Progress | None,
    settle_s: float | None,
) -> Gathered:
    """Every file's rows, in two processes when the load is big enough (tui.loaders.fork)."""
    size = sum(file_size(f) for f, _ in work) if len(work) >= fork.FROM_FILES else 0
    if size >= LARGE_BYTES:
        give_back_large_blocks()  # from the first batch, not only once 200k rows are kept
    if progress is not None or settle_s is not None or not fork.worth_it(len(work), size):
        return _read_part(work, skipped, progress, settle_s, 0)
    half = len(work) // 2
    theirs_to_read = work[half:]
    contexts = [c for _, c in theirs_to_read]

    def read_theirs() -> Gathered:
        return _read_part(theirs_to_read, skipped, None, None, half).handed(contexts)

    child = fork.Child(read_theirs)
    mine = _read_part(work[:half], skipped, None, None, 0)
    theirs = child.result() or read_theirs()
    mine.take(theirs)
    return mine


def _read_part(
    work: list[tuple[Path, Context]],
    skipped: dict[Path, str],
    progress: Progress | None,
    settle_s: float | None,
    offset: int,
) -> Gathered:
    from tui.loaders.gather import Gathered
    from tui.loaders.one_file import FileResult, one_by_one

    gathered = Gathered(one_by_one, offset)
    for done, (file, ctx) in enumerate(work):
        if progress:
            progress(done, len(work), str(file))
        got = FileResult(f"skipped: {skipped[file]}") if file in skipped else None
        got = got or read_file(file, ctx, settle_s)
        gathered.add(file, ctx, got)
        if got.pending:
            gathered.pending.append(str(file))
    gathered.flush()
    return gathered


def read_file(path: Path, ctx: Context, settle_s: float | None = None) -> FileResult:
    """One file's rows and problems (tui.loaders.one_file), whatever the file holds."""
    from tui.loaders.one_file import read_file as read

    return read(path, ctx, settle_s)


def _sidecars_above(paths: Iterable[str | Path]) -> list[str]:
    """The sidecar beside each file named on its own (those inside folders are walked)."""
    return [str(Path(p).parent / SIDECAR) for p in paths if not Path(p).is_dir()]


def _repeats(work: list[tuple[Path, Context]]) -> dict[Path, str]:
    """Summary files whose runs are read in this load too (so each run counts once): why."""
    loading = {file for file, _ in work}
    found = {file: repeats(file, loading) for file in loading}
    return {file: why for file, why in found.items() if why}


def frame_to_csv(frame: pd.DataFrame) -> str:
    """The bundled file's text: canonical columns without recency (it is derived on load)."""
    cols = [c for c in frame.columns if c != "recency"]
    out = frame[cols].copy()
    out["missing"] = [",".join(keys) for keys in out["missing"]]
    return str(out.to_csv(index=False, lineterminator="\n"))
