"""Large loads give memory back to the system as they go (glibc only; elsewhere a no-op).

glibc serves a freed block's size from its heap next time, and a fragmented heap never
shrinks: a million rows converted in chunks then joined would hold the chunks and the joined
frame at once. Past a size, blocks of 64 KiB and more are mapped one by one instead, so
freeing a chunk returns it. Small loads keep the faster default.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

M_MMAP_THRESHOLD = -3
MAPPED_FROM = 64 << 10  # bytes
_done = False


def give_back_large_blocks() -> None:
    """From now on, blocks of 64 KiB or more are mapped alone and returned when freed."""
    global _done
    if _done or not sys.platform.startswith("linux"):
        return
    _done = True
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, MAPPED_FROM)
    except (OSError, AttributeError):  # not glibc (musl has no mallopt): nothing to tune
        pass
