"""DESIGN.md §2 formulas, checked against values worked out by hand."""

import math

import pytest

from tui.core import metrics
from tui.core.hardware import build_table, default_table, parse_assignments


def test_cost_per_mtok_by_hand() -> None:
    # 272.7 tok/s/GPU * 3600 s = 981,720 tok/h = 0.98172 M tok/h; $1.41 / 0.98172 = $1.43625...
    assert metrics.cost_per_mtok(272.7, 1.41) == pytest.approx(1.41 / 0.98172)
    assert metrics.cost_per_mtok(272.7, 1.41) == pytest.approx(1.436255, abs=1e-6)
    # 1000 tok/s -> 3.6 M tok/h; $3.60/h -> $1.00 per M tok
    assert metrics.cost_per_mtok(1000, 3.6) == pytest.approx(1.0)


def test_tok_s_per_mw_by_hand() -> None:
    # 1000 tok/s/GPU at 2 kW/GPU: 500 GPUs per MW -> 500,000 tok/s/MW
    assert metrics.tok_s_per_mw(1000, 2.0) == pytest.approx(500_000)
    assert metrics.tok_s_per_mw(272.7, 1.73) == pytest.approx(157_630.06, abs=0.01)


def test_joules_per_token_by_hand() -> None:
    # 2 kW = 2000 J/s over 1000 tok/s -> 2 J/token
    assert metrics.joules_per_token(1000, 2.0) == pytest.approx(2.0)
    assert metrics.joules_per_token(250, 1.73) == pytest.approx(6.92)


def test_cost_times_throughput_is_constant() -> None:
    a = metrics.cost_per_mtok(100, 2.0) * 100
    b = metrics.cost_per_mtok(400, 2.0) * 400
    assert a == pytest.approx(b)


@pytest.mark.parametrize("func", [metrics.cost_per_mtok, metrics.tok_s_per_mw])
def test_unknown_constants_stay_unknown(func) -> None:
    assert math.isnan(func(100.0, math.nan))


def test_zero_throughput_has_no_cost() -> None:
    assert math.isnan(metrics.cost_per_mtok(0.0, 1.41))
    assert math.isnan(metrics.joules_per_token(0.0, 1.73))


def test_bundled_hardware_table_matches_design() -> None:
    table = default_table()
    assert table.kw("h200") == 1.73
    assert table.hourly("h200", "hyperscaler") == 1.41
    assert table.hourly("gb300", "neocloud") == 3.30
    assert table.hourly("mi355x", "rental") == 2.10
    assert math.isnan(table.kw("tpu-v9"))
    assert math.isnan(table.hourly("tpu-v9", "hyperscaler"))


def test_overrides_from_flags_and_config(tmp_path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[hardware.h200]\nkw = 1.9\nrental = 1.75\n[hardware.x9]\nhyperscaler = 4\n")
    table = build_table(config, ["h200=2.10"], [], "hyperscaler")
    assert table.hourly("h200", "hyperscaler") == 2.10
    assert table.kw("h200") == 1.9
    assert table.hourly("h200", "rental") == 1.75
    assert table.hourly("x9", "hyperscaler") == 4.0
    assert math.isnan(table.kw("x9"))
    flags = build_table(config, [], ["h200=2.2"], "neocloud")
    assert flags.kw("h200") == 2.2


def test_bad_overrides_are_explained() -> None:
    with pytest.raises(ValueError, match="GPU=VALUE"):
        parse_assignments(["h200"], "--gpu-cost")
    with pytest.raises(ValueError, match="positive"):
        parse_assignments(["h200=-1"], "--gpu-kw")
