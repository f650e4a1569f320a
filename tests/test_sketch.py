"""The chart's plotext calls: squeezed to fewer points, the picture must not change."""

from __future__ import annotations

import random
from typing import Any

from textual_plotext.plot import Plot

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
