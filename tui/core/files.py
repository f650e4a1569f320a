"""Reading a file the user pointed at without trusting it: regular files only, and bounded.

A FIFO would block the read forever, `/dev/zero` never ends, and `st_size` says 0 for both: so
the type is checked before opening, the open never blocks, and a read stops at the limit.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import TextIO

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
_CHUNK = 1 << 20


class ReadError(Exception):
    """A file that was found but not read; the message says why (for a problem line)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def describe(exc: OSError) -> str:
    """An OS error as a short reason a user can act on."""
    if exc.errno == errno.ELOOP:
        return "symlink loop (or too many levels of symlinks), skipped"
    if exc.errno == errno.ENAMETOOLONG:
        return "path too long for the system (beyond PATH_MAX or NAME_MAX), skipped"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    return f"cannot read: {exc.strerror or exc}"


def kind_of(mode: int) -> str:
    """'a FIFO (named pipe)' and the like for what is not a regular file."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def regular(path: Path) -> os.stat_result:
    """The stat of a regular file (symlinks followed), or ReadError saying what it is instead."""
    try:
        info = os.stat(path)
    except OSError as exc:
        broken = exc.errno == errno.ENOENT and os.path.islink(path)
        raise ReadError("broken symlink, skipped" if broken else describe(exc)) from None
    except ValueError as exc:  # an embedded NUL byte in the path
        raise ReadError(f"unusable path: {exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(f"{kind_of(info.st_mode)}, not a regular file: skipped, never opened")
    return info


def _open_regular(path: Path) -> int:
    """A descriptor of a regular file, opened without blocking; ReadError when it is not one
    (also when it was swapped for something else between the check and the open)."""
    regular(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ReadError(describe(exc)) from None
    try:
        kind = os.fstat(fd).st_mode
    except OSError as exc:
        os.close(fd)
        raise ReadError(describe(exc)) from None
    if not stat.S_ISREG(kind):
        os.close(fd)
        raise ReadError("not a regular file: skipped")
    return fd


def read_bytes(path: Path, limit: int) -> bytearray:
    """At most `limit` bytes of a regular file; ReadError when it is more, or not one."""
    fd = _open_regular(path)
    try:
        return _read_upto(fd, limit)
    except OSError as exc:
        raise ReadError(describe(exc)) from None
    finally:
        os.close(fd)


def _read_upto(fd: int, limit: int) -> bytearray:
    data = bytearray()  # grown in place: no list of chunks plus a joined copy
    while len(data) <= limit:  # one byte past the limit tells a file that is too big
        chunk = os.read(fd, min(_CHUNK, limit + 1 - len(data)))
        if not chunk:
            return data
        data += chunk
    raise ReadError(f"larger than {_size(limit)}: not a result file, skipped")


def _size(limit: int) -> str:
    return f"{limit >> 20} MiB" if limit >= 1 << 20 else f"{limit} bytes"


def open_text(path: Path) -> TextIO:
    """A regular file opened for reading as UTF-8 text (never blocking; a BOM is dropped)."""
    return open(_open_regular(path), encoding="utf-8-sig", newline="")


def read_text(path: Path, limit: int) -> str:
    """A bounded regular file as UTF-8 text; a leading byte-order mark is dropped."""
    data = read_bytes(path, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReadError("not a text file (not UTF-8), skipped") from None
