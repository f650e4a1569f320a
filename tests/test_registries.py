"""The registries: every consumer reads the same entries, and the output frontier is its own."""

from __future__ import annotations

import math

import pytest
from helpers import frame, row

from tui.core.dimensions import BY_NAME, DIMENSIONS, GROUP_ORDER, lookup
from tui.core.export import FORMATS, OUTPUT_FORMATS
from tui.core.hardware import default_table
from tui.core.measures import BY_KEY, METRICS
from tui.core.schema import COLUMNS
from tui.core.select import Selection, parse_group_by
from tui.core.table import Options, compute

RUNS = frame(
    row(interactivity=10.0, tput_per_gpu=1000.0, output_tput_per_gpu=300.0, concurrency=64.0),
    row(interactivity=20.0, tput_per_gpu=800.0, output_tput_per_gpu=500.0, concurrency=32.0),
    row(interactivity=30.0, tput_per_gpu=600.0, output_tput_per_gpu=400.0, concurrency=16.0),
)


def test_output_throughput_has_its_own_frontier() -> None:
    table = compute(RUNS, Selection(), default_table(), Options(targets=(15.0, 20.0, 25.0)))
    at15, at20, at25 = table.values[0]
    # Total-throughput frontier: all three points; output frontier: (20, 500) beats (10, 300)
    # on both axes, so it is (20, 500), (30, 400) and 15 tok/s/user lies outside it.
    assert at15.tput_per_gpu > 0 and math.isnan(at15.output_tput_per_gpu)
    assert at20.output_tput_per_gpu == 500.0
    # Two knots: the straight line (d3's two-point curve): 500 + (400 - 500) * 0.5 = 450.
    assert at25.output_tput_per_gpu == pytest.approx(450.0)
    # Output cost derives from it: $1.41/h / (450 tok/s * 3600 s / 1e6) = $0.870370/M.
    assert at25.output_cost_per_mtok == pytest.approx(1.41 / 1.62)
    assert at25.output_tok_s_per_mw == pytest.approx(450.0 * 1000 / 1.73)


def test_every_metric_reads_a_canonical_column() -> None:
    for metric in METRICS:
        assert metric.base in COLUMNS and metric.frontier in COLUMNS, metric.key
        assert metric.fmt(math.nan) == "—", metric.key
    assert len(BY_KEY) == len(METRICS)


def test_dimensions_name_columns_aliases_and_values() -> None:
    assert all(d.column in COLUMNS for d in DIMENSIONS)
    assert lookup("engine") is BY_NAME["framework"] and lookup("GPU") is BY_NAME["hardware"]
    assert BY_NAME["spec"].normalise(" Off ") == "none" and BY_NAME["spec"].display("none") == "Off"
    assert parse_group_by("engine,spec_decoding") == ("framework", "spec")
    assert set(GROUP_ORDER) == set(BY_NAME)


def test_output_formats_are_one_list() -> None:
    assert list(FORMATS) == [f.name for f in OUTPUT_FORMATS]
    table = compute(RUNS, Selection(), default_table(), Options(targets=(20.0,)))
    for fmt in OUTPUT_FORMATS:
        assert fmt.write(table).endswith("\n"), fmt.name


def test_without_total_throughput_the_table_shows_output_tokens() -> None:
    runs = frame(
        row(interactivity=10.0, tput_per_gpu=float("nan"), output_tput_per_gpu=300.0),
        row(
            interactivity=20.0,
            tput_per_gpu=float("nan"),
            output_tput_per_gpu=200.0,
            concurrency=4.0,
        ),
    )
    table = compute(runs, Selection(), default_table(), Options(targets=(15.0,)))
    assert [m.key for m in table.metrics] == [
        "output_tput_per_gpu",
        "output_cost_per_mtok",
        "output_tok_s_per_mw",
        "concurrency",
    ]
    point = table.values[0][0]
    # Two knots, a straight line: 300 + (200 - 300) * 0.5 = 250 output tok/s/GPU, and the
    # concurrency along the same curve: 8 + (4 - 8) * 0.5 = 6.
    assert point.output_tput_per_gpu == pytest.approx(250.0)
    assert point.concurrency == pytest.approx(6.0)
    assert point.output_cost_per_mtok == pytest.approx(1.41 / (250 * 3600 / 1e6))
    assert math.isnan(point.tput_per_gpu)
    assert "shows output-token throughput" in " ".join(table.notes)
    assert table.sentences[0].startswith("At 15 tok/s/user, only h200/sglang/Off reaches")
    assert "(250.0 output tok/s/GPU)" in table.sentences[0]
