"""Where the time goes: cProfile of `paretop check PATH` or of selection changes on PATH.

    python bench/hotspots.py check PATH [--top 25]
    python bench/hotspots.py selection PATH [--change "hardware tick"] [--repeats 3]

Prints the top functions: paretop's own by cumulative time, then all by cumulative and by own
time. A selection change is profiled from
the state change to the last repaint, as bench/selection.py times it.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
import runpy
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import selection
from measure import PARETOP
from paints import SIZE, Paints, until
from run import SELECTION_CHANGES

from tui.app.main import make_app
from tui.pipeline import build_request


def report(profile: cProfile.Profile, top: int) -> str:
    """Top functions by cumulative time, then paretop's own by cumulative, then by own time."""
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("cumulative").print_stats(r"/tui/", top)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def check(path: str) -> cProfile.Profile:
    sys.argv = [PARETOP, "check", "--no-cache", path]  # the reading, not a cache hit
    profile = cProfile.Profile()
    stdout, sys.stdout = sys.stdout, io.StringIO()  # the report, not check's own output
    profile.enable()
    try:
        runpy.run_path(PARETOP, run_name="__main__")
    except SystemExit:
        pass
    finally:
        profile.disable()
        sys.stdout = stdout
    return profile


async def changes(path: str, change: str, repeats: int) -> cProfile.Profile:
    app = make_app(build_request(paths=[Path(path)]))
    paints = Paints(app)
    profile = cProfile.Profile()
    async with app.run_test(size=SIZE):
        await until(lambda: app.table is not None)
        await paints.settled(time.time())
        todo = selection.changes(app)
        for _ in range(repeats):
            profile.enable()
            await selection.sample(paints, todo[change])
            profile.disable()
    return profile


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=["check", "selection"])
    parser.add_argument("path")
    parser.add_argument("--change", default="hardware tick", choices=SELECTION_CHANGES)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    if args.what == "check":
        profile = check(args.path)
    else:
        profile = asyncio.run(changes(args.path, args.change, args.repeats))
    print(report(profile, args.top))


if __name__ == "__main__":
    main()
