"""The chart's plotext calls: squeezed to fewer points, the picture must not change."""

from __future__ import annotations

import random
from typing import Any

from textual_plotext.plot import Plot

from tui.app.flatten import flatten
from tui.app.sketch import Sketch, squeeze


def build(sketch: Sketch, size: tuple[int, int], squeezed: bool) -> str:
    plt: Any = Plot()
    plt.plotsize(*size)
    plt._set_size(*size)  # as the widget does: its size, not the terminal's
    calls = squeeze(sketch.calls, *size) if squeezed else sketch.calls
    for name, args, kwargs in calls:
        getattr(plt, name)(*args, **kwargs)
    return str(plt.build())


def chart(seed: int, log_y: bool = False) -> Sketch:
    rng = random.Random(seed)
    sketch = Sketch()
    sketch.title("throughput (tok/s/GPU)")
    sketch.xlabel("interactivity (tok/s/user)")
    for series in range(12):
        low = rng.uniform(5, 80)
        xs = [low + i * rng.uniform(0.02, 0.5) for i in range(rng.randint(1, 80))]
        ys = sorted((rng.uniform(10, 3000) for _ in xs), reverse=True)
        sketch.scatter(xs, [y * rng.uniform(0.5, 1.0) for y in ys], marker="·", color=(9, 9, 9))
        sketch.plot(xs, ys, marker="+x•*"[series % 4], color=(series * 20, 50, 200))
    sketch.xlim(0.0, 210.0)
    sketch.xticks([0, 50, 100, 150, 200], ["0", "50", "100", "150", "200"])
    if log_y:
        sketch.yscale("log")
    else:
        sketch.ylim(0, 3000)
    sketch.yticks([0, 1000, 2000, 3000], ["0", "1000", "2000", "3000"])
    sketch.vline(60.0, (200, 200, 0))
    return sketch


def test_squeezed_calls_draw_the_same_picture() -> None:
    for seed, size in enumerate([(134, 17), (60, 10), (158, 30), (90, 25)]):
        sketch = chart(seed)
        points = [len(args[0]) for name, args, _ in sketch.calls if name == "plot"]
        left = [len(args[0]) for name, args, _ in squeeze(sketch.calls, *size) if name == "plot"]
        assert sum(left) < sum(points), (left, points)  # fewer points...
        assert build(sketch, size, True) == build(sketch, size, False)  # ...the same picture


def test_a_log_axis_is_left_alone() -> None:
    sketch = chart(7, log_y=True)
    assert squeeze(sketch.calls, 100, 20) == sketch.calls


def flat_build(sketch: Sketch, size: tuple[int, int], squeezed: bool = False) -> str:
    plt: Any = Plot()
    plt.plotsize(*size)
    plt._set_size(*size)
    calls = squeeze(sketch.calls, *size) if squeezed else sketch.calls
    for name, args, kwargs in flatten(calls, *size):
        getattr(plt, name)(*args, **kwargs)
    return str(plt.build())


def test_flattened_calls_draw_the_same_picture() -> None:
    for seed, size in enumerate([(134, 17), (60, 10), (158, 30), (90, 25), (40, 12)] * 3):
        sketch = chart(seed)
        if seed % 3 == 1:  # points past the axes' ends, which plotext leaves out
            sketch.plot(
                [-20.0, 100.0, 260.0], [-500.0, 1500.0, 4000.0], marker="o", color=(1, 2, 3)
            )
        flat = flatten(squeeze(sketch.calls, *size), *size)
        looks = {
            (k["marker"], k["color"]) for name, _, k in sketch.calls if name in ("plot", "scatter")
        }
        assert sum(name == "scatter" for name, _, _ in flat) <= len(looks)  # one per look
        picture = build(sketch, size, False)
        assert flat_build(sketch, size) == picture
        assert flat_build(sketch, size, squeezed=True) == picture


def test_what_cannot_be_flattened_is_left_alone() -> None:
    log = chart(3, log_y=True)
    assert flatten(log.calls, 100, 20) == log.calls
    wide = chart(4)
    wide.scatter([1.0], [2.0], marker="hd", color=(0, 0, 0))  # plotext's 2x2 cells
    assert flatten(wide.calls, 100, 20) == wide.calls
