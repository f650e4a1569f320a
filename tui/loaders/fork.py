"""Half of a big load read by a forked copy of this process, on a second core.

Reading a folder of result files is CPU work (decode, convert, check), and a benchmark box
has several cores. When nothing else runs in the process (no threads: forking one that has
them is unsafe), the files are split in two: a child reads the second half with the same code
and hands back what it gathered, while this process reads the first. Anything amiss with the
child (it died, or handed back nothing) and its half is read here instead: the result is the
same either way, only slower.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import Any

FROM_FILES = 64  # fewer files than this: forking costs more than it saves
MIN_BYTES = 8 << 20  # less to read than this: the same
MAX_BYTES = 512 << 20  # more than this: two halves held at once cost memory the load needs


def worth_it(files: int, size: int) -> bool:
    """Whether to read in two processes: Linux with two cores, no threads here. (macOS has
    fork too, but its system libraries are not safe to use in a forked child.)"""
    if not sys.platform.startswith("linux"):
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        (cores or 1) >= 2
        and threading.active_count() == 1
        and files >= FROM_FILES
        and MIN_BYTES <= size <= MAX_BYTES
    )


class Child:
    """A forked process computing one value; `result()` is that value, or None if it failed."""

    def __init__(self, work: Callable[[], Any]) -> None:
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: compute, hand back, and leave without cleanup
            code = 1
            try:
                os.close(read_end)
                data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                view = memoryview(data)
                while view:
                    view = view[os.write(write_end, view) :]
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        self.read_end = read_end

    def result(self) -> Any:
        chunks = []
        try:
            while chunk := os.read(self.read_end, 1 << 20):
                chunks.append(chunk)
        finally:
            os.close(self.read_end)
            _, status = os.waitpid(self.pid, 0)
        if status != 0 or not chunks:
            return None
        # Our own child's output, through a pipe only it and we hold: not data from a file.
        return pickle.loads(b"".join(chunks))
