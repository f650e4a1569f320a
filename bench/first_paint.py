"""Driver: start an app headless, print when its first full frame with data was painted.

    python bench/first_paint.py explorer|floor

Prints one JSON line: {"painted": wall-clock time of the last frame once data shows,
"rss_mib": peak RSS}. The caller notes the time it started the process, so the interval
covers interpreter start, imports, loading and painting. `floor` is the least any such app
pays: a bare Textual app with one PlotextPlot (data plotted) plus `import pandas`.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from paints import SIZE, Paints, until
from textual.app import App, ComposeResult


def floor_app() -> tuple[App[Any], Callable[[], bool]]:
    import pandas  # noqa: F401  # the floor pays for pandas as paretop does
    from textual_plotext import PlotextPlot

    class Floor(App[None]):
        def compose(self) -> ComposeResult:
            yield PlotextPlot()

        def on_mount(self) -> None:
            plt = self.query_one(PlotextPlot).plt
            plt.plot([1.0, 2.0, 3.0], [1.0, 4.0, 9.0])

    return Floor(), lambda: True


def explorer_app(paths: list[str]) -> tuple[App[Any], Callable[[], bool]]:
    from tui.app.main import make_app
    from tui.pipeline import build_request

    app = make_app(build_request(paths=[Path(p) for p in paths]))
    return app, lambda: app.table is not None


async def main(which: str, paths: list[str]) -> None:
    app, ready = floor_app() if which == "floor" else explorer_app(paths)
    paints = Paints(app)
    async with app.run_test(size=SIZE):
        await until(ready)
        painted = await paints.settled(time.time())
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"painted": painted, "rss_mib": rss}))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2:]))
