"""Default and user targets."""

import pytest

from tui.core.targets import (
    RULE_MOST,
    RULE_SHARED,
    TargetRange,
    default_targets,
    parse_targets,
    round_half_up,
    target_range,
)


def test_seed_targets_from_8_to_80() -> None:
    assert default_targets(8, 80) == [26, 44, 62]


def test_shared_range_is_the_intersection() -> None:
    found = target_range([(8, 80), (20, 100), (5, 70)])
    assert found is not None and (found.low, found.high, found.rule) == (20, 70, RULE_SHARED)
    apart = target_range([(1, 2), (3, 4)])  # no common point: not the shared rule
    assert apart is not None and apart.rule != RULE_SHARED
    assert target_range([]) is None


def test_narrow_ranges_keep_decimals_inside_the_range() -> None:
    got = default_targets(10.0, 12.0)  # width 2 -> one decimal
    assert got == [10.5, 11.0, 11.5]
    tiny = default_targets(1.0, 1.04)
    assert all(1.0 < t < 1.04 for t in tiny)


def test_degenerate_range_gives_one_target() -> None:
    assert default_targets(42.0, 42.0) == [42.0]


def test_parse_targets() -> None:
    assert parse_targets("62, 26,44") == [26, 44, 62]
    assert parse_targets("30 50 70") == [30, 50, 70]
    assert parse_targets("26,26") == [26]


@pytest.mark.parametrize("text", ["", "a,b", "26,-1", "0", "inf", "1,2,3,4,5,6,7,8,9"])
def test_bad_targets_are_explained(text: str) -> None:
    with pytest.raises(ValueError):
        parse_targets(text)


# Default-target rounding as the dashboard does it (JavaScript Math.round: half up).
@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        # 10 + 0.25*50 = 22.5 -> 23 (half to even would give 22); 35; 47.5 -> 48
        (10, 60, [23, 35, 48]),
        # 2 + 0.25*42 = 12.5 -> 13; 23; 33.5 -> 34
        (2, 44, [13, 23, 34]),
        # 8..80: 26, 44, 62 (the seed page's targets)
        (8, 80, [26, 44, 62]),
        # 0.5 + 0.25*10 = 3; 5.5 -> 6; 8
        (0.5, 10.5, [3, 6, 8]),
    ],
)
def test_default_targets_round_half_up(low: float, high: float, expected: list[float]) -> None:
    assert default_targets(low, high) == expected


def test_round_half_up_matches_math_round() -> None:
    assert round_half_up(12.5) == 13  # Python's round gives 12
    assert round_half_up(0.5) == 1
    assert round_half_up(-0.5) == 0  # Math.round(-0.5) is -0
    assert round_half_up(2.675, 2) == 2.68  # 2.675 is 2.67499999... in binary
    assert round_half_up(1.005, 2) == 1.01


def test_one_point_range_is_that_point_exactly() -> None:
    assert default_targets(41.23456789, 41.23456789) == [41.23456789]


def test_targets_never_leave_their_range() -> None:
    for low, high in [(10.0, 10.3), (99.95, 100.0), (3.3, 11.4), (0.001, 0.002)]:
        assert all(low <= t <= high for t in default_targets(low, high)), (low, high)


def test_target_range_is_the_intersection_when_all_overlap() -> None:
    got = target_range([(8, 80), (20, 100), (5, 70)])
    assert got == TargetRange(20, 70, RULE_SHARED, ())


def test_target_range_takes_the_range_most_series_cover() -> None:
    # series 0 and 1 share 20..40, series 2 stands alone at 60..90
    got = target_range([(10, 40), (20, 50), (60, 90)])
    assert got == TargetRange(20, 40, RULE_MOST, (2,))


def test_target_range_ties_go_to_the_widest() -> None:
    # two pairs of two: 10..15 (width 5) and 50..80 (width 30) -> the wider
    got = target_range([(0, 15), (10, 20), (50, 90), (40, 80)])
    assert got == TargetRange(50, 80, RULE_MOST, (0, 1))


def test_target_range_skips_empty_series() -> None:
    nan = float("nan")
    got = target_range([(nan, nan), (5, 9)])
    assert got == TargetRange(5, 9, RULE_MOST, (0,))
    assert target_range([]) is None
