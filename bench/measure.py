"""Timing and memory of subprocesses, through paretop's public entry points only."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# paretop's parsed-results cache for this run only: cold unless a goal fills it on purpose,
# and never the user's own cache.
CACHE = tempfile.mkdtemp(prefix="paretop-bench-cache-")
atexit.register(shutil.rmtree, CACHE, ignore_errors=True)
ENV = {**os.environ, "XDG_CACHE_HOME": CACHE}
ROOT = HERE.parent
PYTHON = sys.executable
PARETOP = str(Path(PYTHON).parent / "paretop")

# Runs a command and reports, on its last line, the seconds it took and its peak RSS. A fresh
# wrapper per command, so RUSAGE_CHILDREN is that one command's peak and nothing else's.
WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
seconds = time.perf_counter() - start
sys.stdout.write(done.stdout)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"code": done.returncode, "seconds": seconds, "rss_mib": peak}))
"""
# The least any loader must do: decode every file once, in the order paretop walks them.
JSON_LOOP = """
import json, os, sys
rows = 0
for root, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        with open(os.path.join(root, name), encoding="utf-8") as handle:
            rows += len(json.load(handle))
print(rows)
"""
READ_CSV = "import pandas, sys; print(len(pandas.read_csv(sys.argv[1])))"


@dataclass(frozen=True)
class Run:
    code: int
    seconds: float
    rss_mib: float
    stdout: str


def measured(cmd: list[str], timeout: float = 7200) -> Run:
    """Run `cmd` from the temp folder (so nothing can land in the repository), measured."""
    done = subprocess.run(
        [PYTHON, "-c", WRAPPER, *cmd],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=tempfile.gettempdir(),
        env=ENV,
    )
    *out, last = done.stdout.rstrip("\n").split("\n")
    stats = json.loads(last)
    return Run(stats["code"], stats["seconds"], stats["rss_mib"], "\n".join(out))


def check(*paths: Path, cache: bool = False) -> Run:
    """`paretop check`; without `cache`, every file is read afresh (--no-cache)."""
    flags = [] if cache else ["--no-cache"]
    return measured([PARETOP, "check", "--format", "json", *flags, *map(str, paths)])


def rows_checked(run: Run) -> int:
    try:
        return int(json.loads(run.stdout)["rows"])
    except (ValueError, KeyError):
        return -1


def json_loop(folder: Path) -> Run:
    return measured([PYTHON, "-c", JSON_LOOP, str(folder)])


def read_csv(path: Path) -> Run:
    return measured([PYTHON, "-c", READ_CSV, str(path)])


def driver(script: str, *args: str) -> dict[str, Any]:
    """Run one of bench/'s driver scripts; its last stdout line is JSON."""
    done = subprocess.run(
        [PYTHON, str(HERE / script), *args],
        capture_output=True,
        text=True,
        timeout=7200,
        cwd=tempfile.gettempdir(),
        env=ENV,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{script} failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def first_paint(which: str) -> float:
    """Seconds from starting the process to its first full frame with data."""
    start = time.time()
    return float(driver("first_paint.py", which)["painted"]) - start


@dataclass(frozen=True)
class Paired:
    ours: float  # median
    floor: float  # median
    ratio: float  # median of the per-pair ratios


def paired(ours: list[float], floor: list[float]) -> Paired:
    ratios = [o / f for o, f in zip(ours, floor, strict=True)]
    return Paired(statistics.median(ours), statistics.median(floor), statistics.median(ratios))


def interleaved(repeats: int, floor: Any, ours: Any) -> Paired:
    """floor, ours, floor, ours, ...: drifts in machine load hit both alike."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeats):
        a.append(floor())
        b.append(ours())
    return paired(b, a)
