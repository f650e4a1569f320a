"""Driver: how long a selection change takes, from the state change to the last repaint.

    python bench/selection.py REPEATS PATH...

Opens the explorer headless on PATH, then for each change (a hardware tick, the cost model,
the targets, the metric) alternates with a floor: a one-line status update, the least
repaint there is. Each sample runs the change synchronously (as a key binding does) and waits
until no frame has come for a while; its time is the last frame's. Pressing keys through the
pilot is avoided: its idle waits would add ~40 ms to both. Prints one JSON line.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from itertools import chain, count, cycle
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from paints import SIZE, Paints, until
from rich.text import Text
from textual.widgets import Static

from tui.app.app import ParetopApp
from tui.app.main import make_app
from tui.pipeline import build_request


def changes(app: ParetopApp) -> dict[str, Callable[[], None]]:
    """Each change leads somewhere not seen lately: the explorer keeps recent selections, and
    a benchmark going back and forth between two would time only its look-ups."""
    assert app.state is not None and app.table is not None
    gpus = app.state.chosen("hardware")
    first = tuple(app.table.targets)
    # Off one GPU, then off the next and on the one before: {-a}, {-a,-b}, {-b}, {-b,-c}, ...
    # 2n selections in turn, more than the explorer keeps (n >= 5 at every benchmark size).
    pairs = [g for i in range(len(gpus)) for g in (gpus[(i + 1) % len(gpus)], gpus[i])]
    ticks = chain([gpus[0]], cycle(pairs))
    steps = count(1)

    def targets() -> None:
        assert app.state is not None
        # Targets moved by a new small step each time, so no series has values at them yet.
        wanted = tuple(t * (1 + 0.002 * next(steps)) for t in first)
        app.state = replace(app.state, targets=wanted)

    counter = iter(range(10**9))
    status = app.query_one("#status", Static)
    return {
        "floor": lambda: status.update(Text(f"benchmark {next(counter)}")),
        "hardware tick": lambda: app.toggle_value("hardware", next(ticks)),
        "cost model": app.action_next_cost_model,
        "targets": targets,
        "metric": app.action_next_metric,
    }


async def sample(paints: Paints, change: Callable[[], None]) -> float:
    start = time.time()
    change()
    return await paints.settled(start) - start


async def main(repeats: int, paths: list[str]) -> None:
    began = time.time()
    app = make_app(build_request(paths=[Path(p) for p in paths]))
    paints = Paints(app)
    out: dict[str, list[float]] = {}
    async with app.run_test(size=SIZE):
        await until(lambda: app.table is not None)
        await paints.settled(time.time())
        loaded = time.time() - began
        todo = changes(app)
        for name in [k for k in todo if k != "floor"]:
            for _ in range(repeats):  # interleaved pairs: floor, change, floor, change, ...
                out.setdefault(f"floor/{name}", []).append(await sample(paints, todo["floor"]))
                out.setdefault(name, []).append(await sample(paints, todo[name]))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"samples": out, "start_s": loaded, "rss_mib": rss}))


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2:]))
