"""The chart's line drawing on arrays must give plotext's own cells, markers and colours."""

from __future__ import annotations

import random
from typing import Any

from plotext import _utility
from test_sketch import build, chart

from tui.app.plotlines import _plotext_lines, get_lines


def test_lines_equal_plotexts_own() -> None:
    rng = random.Random(5)
    for _ in range(400):
        n = rng.randint(0, 30)
        span = rng.choice([3, 40, 400])
        x = [rng.randint(-span, span) for _ in range(n)]
        y = [rng.randint(-span, span) for _ in range(n)]
        if n > 2 and rng.random() < 0.3:
            x[1], y[1] = x[0], y[0]  # a repeated point
        other: list[list[Any]] = [[f"m{i}" for i in range(n)], [(i, 0, 0) for i in range(n)]]
        assert get_lines(x, y, *other) == _plotext_lines(x, y, *other)


def test_anything_but_integer_cells_goes_to_plotext() -> None:
    x: list[Any] = [0, None, 5]
    y: list[Any] = [1, 2, 3]
    assert get_lines(x, y, ["a", "b", "c"]) == _plotext_lines(x, y, ["a", "b", "c"])


def test_a_chart_built_with_them_is_the_same(monkeypatch: Any) -> None:
    for seed, size in enumerate([(134, 17), (60, 10), (158, 30)]):
        monkeypatch.setattr(_utility, "get_lines", _plotext_lines)
        before = build(chart(seed), size, False)
        monkeypatch.setattr(_utility, "get_lines", get_lines)
        assert build(chart(seed), size, False) == before
