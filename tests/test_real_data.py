"""DeepSeek-R1 on GB200 dynamo-trt FP4 1k/1k, MTP vs none, checked against the raw rows by hand.

The two runs in ../shared (20321908209 and 20356790608) measured the same sweep; the later one
counts. Its rows (interactivity, tok/s/GPU) all lie on their frontier: sorted by interactivity,
throughput strictly falls.
"""

import json
from pathlib import Path

import pytest

from tui.core.hardware import default_table
from tui.core.select import Selection
from tui.core.table import Options, compute
from tui.loaders import load_paths

SEL = Selection(
    model="dsr1",
    sequence="1k/1k",
    filters={"hardware": ("gb200",), "framework": ("dynamo-trt",), "precision": ("fp4",)},
)


def raw_points(folder: Path, spec: str) -> list[tuple[float, float, float]]:
    """(interactivity, tput_per_gpu, conc) straight from the later run's JSON."""
    rows = json.loads((folder / "run_20356790608.agg_bmk.json").read_text())
    return sorted(
        (r["median_intvty"], r["tput_per_gpu"], r["conc"])
        for r in rows
        if r["infmax_model_prefix"] == "dsr1"
        and r["hw"] == "gb200"
        and r["framework"] == "dynamo-trt"
        and r["precision"] == "fp4"
        and r["isl"] == 1024
        and r["osl"] == 1024
        and r["spec_decoding"] == spec
    )


def steffen_by_hand(p: list[tuple[float, float, float]], i: int, q: float) -> float:
    """Steffen's interior tangents and the cubic Hermite on segment i, written out."""
    (x0, y0, _), (x1, y1, _), (x2, y2, _), (x3, y3, _) = p[i - 1], p[i], p[i + 1], p[i + 2]
    s0, s1, s2 = (y1 - y0) / (x1 - x0), (y2 - y1) / (x2 - x1), (y3 - y2) / (x3 - x2)

    def tangent(sa: float, sb: float, ha: float, hb: float) -> float:
        pp = (sa * hb + sb * ha) / (ha + hb)
        sign = (sa > 0) - (sa < 0) + (sb > 0) - (sb < 0)
        return sign * min(abs(sa), abs(sb), 0.5 * abs(pp))

    t1 = tangent(s0, s1, x1 - x0, x2 - x1)
    t2 = tangent(s1, s2, x2 - x1, x3 - x2)
    h, u = x2 - x1, (q - x1) / (x2 - x1)
    return (
        (2 * u**3 - 3 * u**2 + 1) * y1
        + (u**3 - 2 * u**2 + u) * h * t1
        + (-2 * u**3 + 3 * u**2) * y2
        + (u**3 - u**2) * h * t2
    )


@pytest.fixture
def table(inferencemax_dir: Path):
    frame = load_paths([inferencemax_dir]).frame
    return compute(frame, SEL, default_table())


def test_series_and_frontiers(table, inferencemax_dir: Path) -> None:
    assert [s.label for s in table.series] == ["MTP", "Off"]
    for series, spec in zip(table.series, ("mtp", "none"), strict=True):
        raw = raw_points(inferencemax_dir, spec)
        assert len(raw) == {"mtp": 11, "none": 13}[spec]
        front = list(zip(series.front["interactivity"], series.front["tput_per_gpu"], strict=True))
        assert front == [(x, y) for x, y, _ in raw]


def test_default_targets_from_shared_range(table) -> None:
    # MTP spans 31.189..282.833, Off 18.443..159.732 -> shared 31.189..159.732 (width 128.543):
    # 31.189 + 0.25/0.5/0.75 * 128.543 = 63.3, 95.5, 127.6 -> 63, 95, 128
    assert table.targets == [63, 95, 128]
    assert table.reruns_dropped == 24


def test_values_between_knots(table, inferencemax_dir: Path) -> None:
    mtp = raw_points(inferencemax_dir, "mtp")
    # 95 lies between 86.176 and 100.53, the 4th and 5th MTP frontier points (index 3, 4).
    assert mtp[3][0] < 95 < mtp[4][0]
    expected = steffen_by_hand(mtp, 3, 95.0)
    got = table.values[0][1]
    assert got.tput_per_gpu == pytest.approx(expected, rel=1e-12)
    assert got.tput_per_gpu == pytest.approx(2903.0, abs=0.1)
    assert mtp[4][1] < got.tput_per_gpu < mtp[3][1]
    # gb200, hyperscaler $2.21/GPU-hour, 2.10 kW
    assert got.cost_per_mtok == pytest.approx(2.21 / (expected * 3600 / 1e6))
    assert got.tok_s_per_mw == pytest.approx(expected * 1000 / 2.10)


def test_values_at_knots_are_the_raw_rows(inferencemax_dir: Path) -> None:
    frame = load_paths([inferencemax_dir]).frame
    mtp = raw_points(inferencemax_dir, "mtp")
    x, y, conc = mtp[2]  # the conc=1075 point
    got = compute(frame, SEL, default_table(), Options(targets=(x,))).values[0][0]
    assert (got.tput_per_gpu, got.concurrency) == (y, conc)


def test_keep_reruns_pools_both_runs(inferencemax_dir: Path) -> None:
    frame = load_paths([inferencemax_dir]).frame
    pooled = compute(frame, SEL, default_table(), Options(keep_reruns=True))
    assert pooled.reruns_dropped == 0
    assert len(pooled.series[0].rows) == 22
    # conc 4 of run 20321908209 (280.692, 50.26) loses to the later (282.833, 51.298),
    # while both conc 8 points survive: (251.271, 102.404) and (254.623, 101.78) trade off.
    front = [round(x, 3) for x in pooled.series[0].front["interactivity"]]
    assert 280.692 not in front and 282.833 in front
    assert 251.271 in front and 254.623 in front
