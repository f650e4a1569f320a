"""Comparison sentences: arithmetic that never says "111% cheaper"."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.compare import (
    cost_sentence,
    engine_caution,
    fmt_money,
    pct_cheaper,
    pct_more,
    tput_sentence,
)


def test_seed_page_example_said_right() -> None:
    # $2.342 vs $4.931: 1 - 2.342/4.931 = 0.525 -> 53% cheaper; 4.931/2.342 = 2.105 -> 2.11x
    assert pct_cheaper(2.342, 4.931) == pytest.approx(52.504, abs=1e-3)
    assert cost_sentence(["MTP", "Off"], [2.342, 4.931]) == (
        "MTP is 53% cheaper per token than Off "
        "(Off costs 2.11x as much: $4.931 vs $2.342 per M tokens)."
    )


def test_more_is_ratio_minus_one() -> None:
    # 162.9 / 77.4 = 2.1047 -> 110% more
    assert pct_more(162.9, 77.4) == pytest.approx(110.465, abs=1e-3)
    assert tput_sentence(["MTP", "Off"], [162.9, 77.4], 62) == (
        "At 62 tok/s/user, MTP delivers 110% more tok/s/GPU than Off (162.9 vs 77.4)."
    )


def test_leader_against_runner_up_among_many() -> None:
    got = tput_sentence(["a", "b", "c"], [100.0, 300.0, 200.0], 50)
    assert got == "At 50 tok/s/user, b delivers 50% more tok/s/GPU than c (300.0 vs 200.0)."


def test_missing_values_are_left_out() -> None:
    assert tput_sentence(["a", "b"], [math.nan, 5.0], 10) == (
        "At 10 tok/s/user, only b reaches the target (5.0 tok/s/GPU)."
    )
    assert tput_sentence(["a"], [math.nan], 10) == "At 10 tok/s/user, no series reaches the target."
    assert cost_sentence(["a", "b"], [1.0, math.nan]) is None


def test_level_values() -> None:
    assert "level" in (tput_sentence(["a", "b"], [100.0, 100.2], 10) or "")
    assert "same" in (cost_sentence(["a", "b"], [1.0, 1.001]) or "")


@given(st.floats(0.001, 1e6), st.floats(0.001, 1e6))
def test_cheaper_is_never_100_percent_or_more(a: float, b: float) -> None:
    cheap, dear = sorted((a, b))
    assert 0 <= pct_cheaper(cheap, dear) < 100


def test_engine_caution() -> None:
    assert engine_caution([["sglang"], ["trt"]]) is not None
    assert "sglang, trt" in (engine_caution([["sglang"], ["trt"]]) or "")
    assert engine_caution([["sglang"], ["sglang"]]) is None
    assert engine_caution([["sglang", "vllm"], ["sglang"]]) is not None  # a pooled series
    assert engine_caution([["sglang", "vllm"]]) is None  # nothing to compare


def test_money_keeps_significant_digits() -> None:
    assert fmt_money(1.4362) == "$1.436"
    assert fmt_money(10.538) == "$10.54" and fmt_money(105.38) == "$105.4"  # 4 digits always
    assert fmt_money(12345.6) == "$12,346"
    assert fmt_money(0.028531) == "$0.02853"
    assert fmt_money(math.nan) == "—"
