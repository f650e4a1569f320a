"""Loading as a service: at most one load at a time, and never an older result after a newer.

No Textual imported here. The app asks `begin()` before starting a worker and `finish()` when
its result arrives; a change noticed while a load runs is remembered and loaded once that one
ends. `finished()` waits a while for a worker without cancelling it.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.worker import Worker


async def finished(worker: Worker[Any], timeout: float) -> None:
    """Wait until `worker` has finished or `timeout` seconds have passed, whichever is first.

    Never cancels the worker (asyncio.wait_for on worker.wait() would), and a failure stays
    the worker's to report: Textual shows it, this wait only stops waiting.
    """
    waiting = asyncio.ensure_future(worker.wait())
    waiting.add_done_callback(lambda done: done.cancelled() or done.exception())
    await asyncio.wait({waiting}, timeout=timeout)


@dataclass
class LoadService:
    started: int = 0  # generation of the newest load started
    shown: int = 0  # generation of the newest result shown
    running: bool = False
    again: bool = False  # something changed while a load ran: load once more after it

    def begin(self) -> int | None:
        """The generation to load now, or None when a load is already running."""
        if self.running:
            self.again = True
            return None
        self.running, self.again = True, False
        self.started += 1
        return self.started

    def finish(self, generation: int) -> bool:
        """Record a finished load; True when its result is the newest and should be shown."""
        if generation == self.started:
            self.running = False
        if generation <= self.shown:
            return False
        self.shown = generation
        return True

    def take_again(self) -> bool:
        """True (once) when a change arrived during the last load."""
        again, self.again = self.again, False
        return again
