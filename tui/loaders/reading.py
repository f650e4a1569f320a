"""Finding and decoding input files without trusting them.

Every file found but not read and every folder that cannot be listed becomes a problem; symlinked
folders are followed once (a loop is reported, not walked forever); JSON is parsed with bounded
nesting and number size, so no file can end the run with a traceback. Bounds on how much of a
file is kept are in tui.loaders.records.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from tui.core.files import describe
from tui.core.schema import Problem

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


def decoder() -> json.JSONDecoder:
    """A JSON decoder with the same number bounds as `loads` (for element-by-element reads)."""
    return json.JSONDecoder(parse_int=_int, parse_float=_float)


def decode(text: str) -> tuple[Any, bool]:
    """`loads`, and whether the text was strict JSON (no NaN or Infinity tokens)."""
    try:
        return orjson.loads(text), True
    except orjson.JSONDecodeError:
        return loads(text), False


def loads(text: str) -> Any:
    """json.loads with bounded numbers and nesting (JsonLimitError saying which).

    orjson decodes a well-formed file several times faster; whatever it refuses (NaN and
    Infinity tokens, which SGLang writes and are wanted; 64-bit overflow; deep nesting; JSON
    lines; broken text) goes to Python's json, whose error or bound names the problem.
    """
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        pass
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


Skipped = list[tuple[str, str]]
"""(path, why) of what a folder walk found but does not read: never passed over silently."""


def skip_reason(name: str) -> str | None:
    """Why a file in a folder is not read, or None when it is a candidate result file."""
    if name == "paretop.toml":
        return "metadata sidecar for the runs beside it"
    if name.startswith("."):
        return "hidden file"
    suffix = Path(name).suffix.lower()
    return f"not a result file ({suffix})" if suffix in SKIP_SUFFIXES else None


def iter_files(
    path: Path, problems: list[Problem] | None = None, skipped: Skipped | None = None
) -> Iterator[Path]:
    """The path itself, or every file below a folder (sorted; hidden and non-result names
    skipped, and named in `skipped`). What cannot be listed or is a symlink loop is added to
    `problems`."""
    found = [] if problems is None else problems
    kind = _is_dir(path, found)
    if kind is False:
        yield path
    elif kind:
        yield from _walk(path, found, [] if skipped is None else skipped)


def _walk(top: Path, problems: list[Problem], skipped: Skipped) -> Iterator[Path]:
    top_id = _identity(top)
    seen: set[tuple[int, int]] = {top_id} if top_id else set()

    def unlisted(exc: OSError) -> None:
        problems.append(Problem(str(exc.filename or top), f"folder not listed: {describe(exc)}"))

    for root, dirs, files in os.walk(top, onerror=unlisted, followlinks=True):
        for d in sorted(dirs):
            if d.startswith("."):
                skipped.append((str(Path(root) / d), "hidden folder, not read"))
        dirs[:] = [d for d in sorted(dirs) if _enter(Path(root) / d, seen, problems)]
        for name in sorted(files):
            why = skip_reason(name)
            if why is None:
                yield Path(root) / name
            else:
                skipped.append((str(Path(root) / name), why))


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
