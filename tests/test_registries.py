"""The registries: every consumer reads the same entries, and the output frontier is its own."""

from __future__ import annotations

import math

import pytest
from helpers import frame, row

from tui.app.session import Session
from tui.core.derived import DERIVED_COLUMNS, with_measured_power
from tui.core.dimensions import BY_NAME, DIMENSIONS, GROUP_ORDER, lookup
from tui.core.export import FORMATS, OUTPUT_FORMATS
from tui.core.hardware import default_table
from tui.core.measures import BY_KEY, METRICS
from tui.core.schema import COLUMNS
from tui.core.select import Selection, parse_group_by
from tui.core.table import Options, compute
from tui.pipeline import build_request

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
        assert metric.base in (*COLUMNS, *DERIVED_COLUMNS), metric.key
        assert metric.frontier in COLUMNS, metric.key
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


def test_measured_power_metrics_are_derived_only_from_valid_measurements() -> None:
    runs = with_measured_power(
        frame(
            row(tput_per_gpu=200.0, interactivity=10.0, avg_power_w=1000.0, power_valid=1.0),
            row(tput_per_gpu=100.0, interactivity=20.0, avg_power_w=800.0, concurrency=4.0),
            row(
                tput_per_gpu=50.0,
                interactivity=30.0,
                avg_power_w=700.0,
                power_valid=0.0,
                concurrency=2.0,
            ),
        )
    )
    # 200 tok/s per GPU at 1000 W: 200 / (1000 W / 1e6 W per MW) = 200,000 tok/s/MW; 5 J/token.
    assert runs["measured_tok_s_per_mw"].iloc[0] == pytest.approx(200_000.0)
    assert runs["measured_j_per_token"].iloc[0] == pytest.approx(5.0)
    assert runs["measured_tok_s_per_mw"].iloc[1] == pytest.approx(125_000.0)  # validity unknown
    assert math.isnan(runs["measured_tok_s_per_mw"].iloc[2])  # failed check: not used
    table = compute(runs, Selection(), default_table(), Options(targets=(15.0,)))
    # Along the throughput frontier (all three rows), between its first two knots; Steffen's
    # end tangents make it not quite the straight line's 162,500, but inside (125k, 200k).
    value = table.values[0][0].values["measured_tok_s_per_mw"]
    assert 125_000.0 < value < 200_000.0
    # The fixed-kW metric stays the default: interpolated tok/s x 1000 / 1.73 kW (h200).
    point = table.values[0][0]
    assert point.tok_s_per_mw == pytest.approx(point.tput_per_gpu * 1000 / 1.73)


def test_measured_power_is_offered_only_where_the_data_has_it() -> None:
    plain = Session(with_measured_power(frame(row())), build_request())
    assert "measured_tok_s_per_mw" not in plain.chart_keys
    measured = Session(with_measured_power(frame(row(avg_power_w=900.0))), build_request())
    assert "measured_tok_s_per_mw" in measured.chart_keys
