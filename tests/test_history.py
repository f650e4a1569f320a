"""History: per-(configuration, date) frontiers, values only inside each date's frontier."""

from __future__ import annotations

import math

import pytest
from helpers import frame, row

from tui.core.hardware import default_table
from tui.core.history import dates, history

TABLE = default_table()


def day(date: str, points: list[tuple[float, float]], **kw: object) -> list[dict[str, object]]:
    stamp = float(date.replace("-", ""))
    return [
        row(date=date, recency=stamp, interactivity=x, tput_per_gpu=y, concurrency=c, **kw)
        for c, (x, y) in enumerate(points, 1)
    ]


def test_a_value_only_where_the_target_is_inside_that_dates_frontier() -> None:
    rows = day("2026-01-01", [(20, 300), (40, 100)]) + day("2026-02-01", [(36, 200), (60, 50)])
    (line,) = history(frame(*rows), "M", "1k/1k", 30, "tput_per_gpu", TABLE)
    assert line.label == "h200/sglang/Off/fp8"
    # 2026-01-01: two points, a straight line: 300 + (30 - 20) / 20 * (100 - 300) = 200
    # 2026-02-01: its frontier starts at 36 > 30, so no point (never the edge value)
    assert [(p.when, p.value) for p in line.points] == [("2026-01-01", pytest.approx(200))]


def test_one_line_per_configuration_dates_in_order() -> None:
    rows = (
        day("2026-02-01", [(20, 400), (40, 200)])
        + day("2026-01-01", [(20, 300), (40, 100)])
        + day("2026-01-01", [(20, 30), (40, 10)], hardware="mi300x")
    )
    lines = history(frame(*rows), "M", "1k/1k", 30, "tput_per_gpu", TABLE)
    assert [ln.label for ln in lines] == ["h200/sglang/Off/fp8", "mi300x/sglang/Off/fp8"]
    # h200: 200 on 2026-01-01 (midway between 300 and 100), 300 on 2026-02-01
    assert [(p.when, p.value) for p in lines[0].points] == [
        ("2026-01-01", pytest.approx(200)),
        ("2026-02-01", pytest.approx(300)),
    ]
    assert dates(lines) == ["2026-01-01", "2026-02-01"]


def test_cost_derives_from_the_interpolated_throughput() -> None:
    rows = day("2026-01-01", [(20, 300), (40, 100)])
    (line,) = history(frame(*rows), "M", "1k/1k", 30, "cost_per_mtok", TABLE)
    # h200 hyperscaler $1.41/GPU-hour / (200 tok/s * 3600 / 1e6) = $1.9583 per M tokens
    assert line.points[0].value == pytest.approx(1.41 / (200 * 3600 / 1e6))


def test_output_throughput_has_its_own_frontier() -> None:
    # the best output point (x=30, 90 out) is not on the total-throughput frontier
    rows = day("2026-01-01", [(30, 400)])
    rows[0]["output_tput_per_gpu"] = 40
    rows.append(row(date="2026-01-01", interactivity=30, tput_per_gpu=150, concurrency=9))
    rows[1]["output_tput_per_gpu"] = 90
    (line,) = history(frame(*rows), "M", "1k/1k", 30, "output_tput_per_gpu", TABLE)
    assert line.points[0].value == 90


def test_local_runs_without_dates_use_their_run_ids_in_run_order() -> None:
    rows = [
        row(run_id="200", recency=200.0, interactivity=x, tput_per_gpu=y, concurrency=c)
        for c, (x, y) in enumerate([(20, 300), (40, 100)], 1)
    ] + [
        row(run_id="100", recency=100.0, interactivity=x, tput_per_gpu=y, concurrency=c)
        for c, (x, y) in enumerate([(20, 200), (40, 100)], 1)
    ]
    (line,) = history(frame(*rows), "M", "1k/1k", 30, "tput_per_gpu", TABLE)
    # run 100: 200 + 0.5 * (100 - 200) = 150; run 200: 300 + 0.5 * (100 - 300) = 200
    assert [(p.when, p.value) for p in line.points] == [
        ("100", pytest.approx(150)),
        ("200", pytest.approx(200)),
    ]


def test_a_configuration_that_never_reaches_the_target_has_an_empty_line() -> None:
    rows = day("2026-01-01", [(20, 300), (25, 100)])
    (line,) = history(frame(*rows), "M", "1k/1k", 30, "tput_per_gpu", TABLE)
    assert line.points == []


def test_unknown_hardware_has_no_cost_point() -> None:
    rows = day("2026-01-01", [(20, 300), (40, 100)], hardware="tpu9")
    (line,) = history(frame(*rows), "M", "1k/1k", 30, "cost_per_mtok", TABLE)
    assert line.points == []
    assert not any(math.isnan(p.value) for p in line.points)


def test_history_command_on_the_bundled_runs() -> None:
    from click.testing import CliRunner

    from tui.cli import main

    args = ["history", "--source", "bundled", "--model", "dsr1", "--sequence", "1k/1k"]
    got = CliRunner().invoke(main, [*args, "--target", "35", "--hardware", "h200"])
    assert got.exit_code == 0, got.stderr
    lines = got.stdout.splitlines()
    assert lines[0] == "DeepSeek-R1-0528 1k/1k: tok/s/GPU at 35 tok/s/user, by run date"
    assert lines[1] == "data: bundled InferenceMAX snapshot, to 2026-01-14"
    (row,) = [ln for ln in lines if ln.startswith("h200/sglang/Off/fp8")]
    runs = [part.split(":")[0].split()[-1] for part in row.split(";")]
    assert runs == sorted(runs) and len(runs) == 3  # run ids, oldest first
    assert lines[-1].startswith("3 runs, ")
    bad = CliRunner().invoke(main, [*args, "--target", "-1"])
    assert bad.exit_code == 1 and bad.stderr == "paretop: --target must be a positive tok/s/user\n"
