"""paretop's speed goals, each measured against its floor in the same run (issue: fast at every size).

    python bench/run.py                 # every goal at its own size (10k, 100k, 1M rows): long
    python bench/run.py --quick         # 1k and 10k rows, 3 pairs: a couple of minutes
    python bench/run.py --sizes 10k,100k --repeats 5 [--out DIR]

The sets are generated once (bench/synth.py) into DIR (default: the temp folder) and reused.
Floors and paretop alternate (floor, ours, floor, ours, ...); medians of the pairs. One line
per goal: the measured value, its floor, the ratio, the goal and PASS/FAIL. A goal stated at a
size that was not run is measured at the nearest size run, and the line says so.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import measure
import synth

SELECTION_CHANGES = ("hardware tick", "cost model", "targets", "metric")
GOAL_ROWS = {"ingest": 100_000, "memory": 1_000_000}
MIB = 600


def line(what: str, value: str, floor: str, ratio: str, goal: str, ok: bool) -> str:
    return f"{what:<44} {value:>12} {floor:>24} {ratio:>7}  {goal:<12} {'PASS' if ok else 'FAIL'}"


def at(rows: int, goal_rows: int) -> str:
    label = synth.size_label(rows)
    return f"{label}" if rows == goal_rows else f"{label}; goal at {synth.size_label(goal_rows)}"


def nearest(sizes: list[int], goal_rows: int) -> int:
    return min(sizes, key=lambda n: (abs(n - goal_rows), -n))


def first_paint(repeats: int) -> list[str]:
    got = measure.interleaved(
        repeats, lambda: measure.first_paint("floor"), lambda: measure.first_paint("explorer")
    )
    return [
        line(
            "first full paint (bundled data)",
            f"{got.ours:.2f} s",
            f"bare app {got.floor:.2f} s",
            f"{got.ratio:.2f}x",
            "<= 1.3x",
            got.ratio <= 1.3,
        )
    ]


def selection(rows: int, folder: Path, repeats: int) -> tuple[list[str], float]:
    """Lines for every change at one size, and the explorer's peak RSS there."""
    result = measure.driver("selection.py", str(repeats), str(folder / "inferencemax"))
    samples = result["samples"]
    limit = 50.0 if rows <= 10_000 else 250.0
    out = []
    for name in SELECTION_CHANGES:
        ours = statistics.median(samples[name]) * 1000
        floor = statistics.median(samples[f"floor/{name}"]) * 1000
        net = ours - floor
        out.append(
            line(
                f"selection change: {name} ({synth.size_label(rows)} rows)",
                f"{net:.0f} ms",
                f"repaint floor {floor:.0f} ms",
                f"{ours / floor:.1f}x",
                f"< {limit:.0f} ms",
                net < limit,
            )
        )
    return out, float(result["rss_mib"])


def ingest(rows: int, folder: Path, repeats: int) -> list[str]:
    files = folder / "inferencemax"
    count = sum(1 for _ in files.rglob("*.json"))
    cold = measure.interleaved(
        repeats,
        lambda: measure.json_loop(files).seconds,
        lambda: measure.check(files).seconds,
    )
    measure.check(files, cache=True)  # fills the cache; the pairs below find it
    bundled = [synth.ROOT / "data" / name for name in ("inferencemax.csv", "published.csv")]
    warm = measure.interleaved(
        repeats,
        lambda: measure.check(*bundled, cache=True).seconds,
        lambda: measure.check(files, cache=True).seconds,
    )
    return [
        line(
            f"ingest: check {count} files ({at(rows, GOAL_ROWS['ingest'])})",
            f"{cold.ours:.2f} s",
            f"json.load loop {cold.floor:.2f} s",
            f"{cold.ratio:.2f}x",
            "<= 1.5x",
            cold.ratio <= 1.5,
        ),
        line(
            "  the same again, parsed-results cache",
            f"{warm.ours:.2f} s",
            f"check bundled {warm.floor:.2f} s",
            f"{warm.ratio:.2f}x",
            "<= 1.5x",
            warm.ratio <= 1.5,
        ),
    ]


def memory(rows: int, folder: Path, explorer_mib: float | None) -> list[str]:
    """Peak RSS at the largest size, pandas.read_csv of the same rows as the reference."""
    where = at(rows, GOAL_ROWS["memory"])
    if explorer_mib is None:
        explorer_mib = measure.driver("selection.py", "0", str(folder / "inferencemax"))["rss_mib"]
    reference = measure.read_csv(folder / "canonical.csv")
    checked = measure.check(folder / "inferencemax", cache=True)  # a first run: it saves too
    csv_run = measure.check(folder / "canonical.csv")
    counted = measure.rows_checked(csv_run)
    ref = f"read_csv {reference.rss_mib:.0f} MiB"
    return [
        line(
            f"peak RSS: check ({where})",
            f"{checked.rss_mib:.0f} MiB",
            ref,
            f"{checked.rss_mib / reference.rss_mib:.1f}x",
            f"<= {MIB} MiB",
            checked.rss_mib <= MIB,
        ),
        line(
            f"peak RSS: explorer ({where})",
            f"{explorer_mib:.0f} MiB",
            ref,
            f"{explorer_mib / reference.rss_mib:.1f}x",
            f"<= {MIB} MiB",
            explorer_mib <= MIB,
        ),
        line(
            f"canonical CSV loads ({where})",
            f"{max(counted, 0)} rows",
            f"exit {csv_run.code}, {csv_run.seconds:.1f} s",
            "-",
            "all rows",
            csv_run.code in (0, 2) and counted == rows,
        ),
    ]


def revision() -> str:
    done = subprocess.run(
        ["git", "-C", str(synth.ROOT), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
    )
    return done.stdout.strip() or "?"


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", help="e.g. 1k,10k,100k,1M (default: 10k,100k,1M)")
    parser.add_argument("--repeats", type=int, help="pairs per ratio (default: 5; quick: 3)")
    parser.add_argument("--quick", action="store_true", help="1k and 10k rows, 3 pairs")
    parser.add_argument("--out", type=Path, default=synth.default_out(), help="where sets go")
    args = parser.parse_args(argv)
    args.sizes = synth.parse_sizes(args.sizes or ("1k,10k" if args.quick else "10k,100k,1M"))
    args.repeats = args.repeats or (3 if args.quick else 5)
    if args.out.resolve().is_relative_to(synth.ROOT):
        parser.error("--out must be outside the repository")
    return args


def main(argv: list[str] | None = None) -> None:
    args = arguments(argv)
    real = synth.real_sweeps(synth.shared_inferencemax())
    sets = {rows: synth.write_set(rows, args.out, real) for rows in sorted(args.sizes)}
    print(
        f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, ", end=""
    )
    print(f"Python {platform.python_version()}, {args.repeats} pairs, sets in {args.out}, ", end="")
    print(f"code at {revision()}")
    print(line("goal", "measured", "floor (same run)", "ratio", "goal", True)[:-4] + "result")
    steps: list[Callable[[], list[str]]] = [lambda: first_paint(args.repeats)]
    largest = max(sets)
    explorer_mib: dict[int, float] = {}

    def changes(rows: int) -> list[str]:
        out, explorer_mib[rows] = selection(rows, sets[rows], args.repeats)
        return out

    steps += [lambda r=r: changes(r) for r in sorted(sets) if r in (10_000, 1_000_000)]  # type: ignore[misc]
    if not any(r in (10_000, 1_000_000) for r in sets):
        steps.append(lambda: changes(largest))
    near = nearest(list(sets), GOAL_ROWS["ingest"])
    steps.append(lambda: ingest(near, sets[near], args.repeats))
    steps.append(lambda: memory(largest, sets[largest], explorer_mib.get(largest)))
    for step in steps:
        for text in step():
            print(text, flush=True)


if __name__ == "__main__":
    main()
