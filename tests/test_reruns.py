"""Reruns count once: the latest by timestamp, else run number, else file time."""

import json
import os

from helpers import frame, row

from tui.core.reruns import drop_reruns
from tui.loaders import load_paths


def test_latest_run_wins() -> None:
    got, dropped = drop_reruns(
        frame(
            row(tput_per_gpu=120.0, recency=2.0, run_id="2"),
            row(tput_per_gpu=150.0, recency=1.0, run_id="1"),  # better but older: noise
            row(concurrency=16.0, recency=1.0),
        )
    )
    assert dropped == 1
    assert sorted(got["tput_per_gpu"]) == [100.0, 120.0]


def test_different_parallelism_is_not_a_rerun() -> None:
    _, dropped = drop_reruns(frame(row(tp=8.0), row(tp=4.0), row(dp_attention=True)))
    assert dropped == 0


def _rows(tput: float, **extra: object) -> list[dict[str, object]]:
    return [
        {
            "hw": "h200",
            "model": "x/M",
            "infmax_model_prefix": "m",
            "framework": "sglang",
            "precision": "fp8",
            "spec_decoding": "none",
            "isl": 1024,
            "osl": 1024,
            "conc": 8,
            "tp": 8,
            "ep": 1,
            "dp_attention": "false",
            "tput_per_gpu": tput,
            "median_intvty": 50.0,
            **extra,
        }
    ]


def test_run_number_in_path(tmp_path) -> None:
    for run, tput in (("run_9", 90.0), ("run_10", 100.0)):
        (tmp_path / run).mkdir()
        (tmp_path / run / "agg.json").write_text(json.dumps(_rows(tput)))
    got, dropped = drop_reruns(load_paths([tmp_path]).frame)
    assert dropped == 1 and list(got["tput_per_gpu"]) == [100.0]  # 10 > 9 numerically


def test_explicit_timestamp_beats_path(tmp_path) -> None:
    (tmp_path / "run_2.json").write_text(json.dumps(_rows(1.0, timestamp="2026-01-01T00:00:00Z")))
    (tmp_path / "run_1.json").write_text(json.dumps(_rows(2.0, timestamp="2026-02-01T00:00:00Z")))
    got, _ = drop_reruns(load_paths([tmp_path]).frame)
    assert list(got["tput_per_gpu"]) == [2.0]


def test_file_time_last(tmp_path) -> None:
    old, new = tmp_path / "a.json", tmp_path / "b.json"
    old.write_text(json.dumps(_rows(7.0)))
    new.write_text(json.dumps(_rows(3.0)))
    os.utime(old, (2_000_000_000, 2_000_000_000))
    os.utime(new, (1_000_000_000, 1_000_000_000))
    got, _ = drop_reruns(load_paths([tmp_path]).frame)
    assert list(got["tput_per_gpu"]) == [7.0]


def test_real_reruns(inferencemax_dir) -> None:
    loaded = load_paths([inferencemax_dir]).frame
    got, dropped = drop_reruns(loaded)
    # Counted independently from the raw files: 572 distinct configurations in 1622 rows.
    assert len(loaded) == 1622
    assert (len(got), dropped) == (572, 1050)


def test_superseded_equals_duplicated_over_the_key(inferencemax_dir) -> None:
    """Configuration ids (built a column at a time) mark exactly what `duplicated` over the
    rerun key marks on the frame sorted by recency, NaN keys and categories included."""
    import numpy as np

    from tui.core.reruns import RERUN_KEY, superseded
    from tui.loaders import load_paths

    frame = load_paths([inferencemax_dir]).frame
    order = np.argsort(np.nan_to_num(frame["recency"].to_numpy(float), nan=-np.inf), kind="stable")
    expected = np.zeros(len(frame), dtype=bool)
    expected[order] = frame.iloc[order].duplicated(subset=RERUN_KEY, keep="last").to_numpy()
    got = superseded(frame).to_numpy()
    assert got.sum() > 1000 and (got == expected).all()
