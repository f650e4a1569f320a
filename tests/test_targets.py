"""Default and user targets."""

import pytest

from tui.core.targets import default_targets, parse_targets, shared_range


def test_seed_targets_from_8_to_80() -> None:
    assert default_targets(8, 80) == [26, 44, 62]


def test_shared_range_is_the_intersection() -> None:
    assert shared_range([(8, 80), (20, 100), (5, 70)]) == (20, 70)
    assert shared_range([(1, 2), (3, 4)]) is None
    assert shared_range([]) is None


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
