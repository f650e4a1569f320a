"""The chart's curves and scatter: sampled and thinned to the chart's resolution, cached."""

from __future__ import annotations

from helpers import frame, row

from tui.core.curves import POINTS, curve, raw_points, samples, thin
from tui.core.hardware import default_table
from tui.core.measures import BY_KEY
from tui.core.series import build_series


def test_samples_follow_the_cells_a_curve_crosses() -> None:
    assert samples(10.0, 100.0, 100) == 31  # ten cells, three samples each (and one more)
    assert samples(100.0, 100.0, 120) == POINTS  # never more than a wide chart needs
    assert samples(0.0, 100.0, 100) == 2
    assert samples(5.0, 0.0, 100) == POINTS  # no axis yet: as many as ever


def test_thin_keeps_the_first_point_of_each_cell_in_order() -> None:
    xs = [0.1, 0.2, 5.5, 0.15, 9.9]
    ys = [1.0, 1.1, 5.0, 9.0, 9.9]
    got = thin(xs, ys, (0.0, 10.0, 0.0, 10.0), (10, 10))
    assert got == ([0.1, 5.5, 0.15, 9.9], [1.0, 5.0, 9.0, 9.9])  # 0.2 shares 0.1's cell
    assert thin([], [], (0.0, 1.0, 0.0, 1.0), (4, 4)) == ([], [])


def test_curves_are_cached_and_a_cost_model_rescales_them() -> None:
    runs = frame(
        row(interactivity=10.0, tput_per_gpu=400.0),
        row(interactivity=20.0, tput_per_gpu=300.0, concurrency=4.0),
        row(interactivity=40.0, tput_per_gpu=100.0, concurrency=2.0),
    )
    (series,) = build_series(runs, ("hardware",))
    table, cost = default_table(), BY_KEY["cost_per_mtok"]
    first = curve(series, cost, table, "hyperscaler", 5)
    assert curve(series, cost, table, "hyperscaler", 5) is first  # a look-up the second time
    other = curve(series, cost, table, "rental", 5)
    ratio = table.hourly("h200", "rental") / table.hourly("h200", "hyperscaler")
    assert other[0] == first[0]
    assert all(abs(b - a * ratio) < 1e-9 * b for a, b in zip(first[1], other[1], strict=True))
    xs, ys = raw_points(series, BY_KEY["tput_per_gpu"], table, "hyperscaler")
    assert (xs, ys) == ([10.0, 20.0, 40.0], [400.0, 300.0, 100.0])
