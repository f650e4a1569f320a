"""Watching a headless Textual app paint: when each frame reached the (null) terminal.

Shared by the benchmark's driver scripts. A frame counts when the compositor produced an
update; the headless driver then writes nothing, so only the terminal's own I/O is left out.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from textual.app import App

SIZE = (160, 48)
QUIET_S = 0.15  # no frame for this long: the screen has settled


class Paints:
    """Wall-clock times (time.time) of every frame `app` paints from now on."""

    def __init__(self, app: App[Any]) -> None:
        self.times: list[float] = []
        display = app._display

        def record(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None:
                self.times.append(time.time())

        app._display = record  # type: ignore[method-assign]

    async def settled(self, since: float, timeout: float = 3600.0) -> float:
        """Wait until no frame came for QUIET_S; the time of the last frame after `since`."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            seen = len(self.times)
            await asyncio.sleep(QUIET_S)
            if len(self.times) == seen:
                break
        later = [t for t in self.times if t >= since]
        return later[-1] if later else since


async def until(ready: Callable[[], bool], timeout: float = 3600.0) -> None:
    deadline = time.time() + timeout
    while not ready():
        if time.time() > deadline:
            raise TimeoutError("the app never showed data")
        await asyncio.sleep(0.002)
