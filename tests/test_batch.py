"""Converting many records a column at a time gives exactly what converting each one gives.

Every comparison loads the same files twice: as `load_paths` does (batched), and with batching
switched off (each record through its format's `convert`). Frames, problems and per-file
counts must be equal, whatever the records hold.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import INFERENCEMAX
from hostile_corpus import GOOD
from hypothesis import given
from hypothesis import strategies as st
from test_fuzz import FUZZ, values

from tui.loaders import one_file, scan
from tui.loaders.common import LoadResult

CLIENTS = Path(__file__).parent / "fixtures" / "clients"


def both(paths: list[Path], monkeypatch: pytest.MonkeyPatch, **kw: Any) -> LoadResult:
    batched = scan.load_paths(paths, **kw)
    with monkeypatch.context() as m:
        m.setattr(one_file, "_batchable", lambda units, doc: False)
        single = scan.load_paths(paths, **kw)
    pd.testing.assert_frame_equal(batched.frame, single.frame)
    assert batched.files == single.files
    assert [str(p) for p in batched.problems] == [str(p) for p in single.problems]
    return batched


@pytest.mark.skipif(not INFERENCEMAX.is_dir(), reason="../shared/data is not here")
def test_real_rows_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    got = both([INFERENCEMAX], monkeypatch)
    assert len(got.frame) > 1000 and not got.problems


def test_a_mixed_load_keeps_file_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """InferenceMAX files (batched) and a client file (one by one) interleaved by name."""
    (tmp_path / "a.json").write_text(json.dumps([GOOD, {**GOOD, "conc": 8}]))
    client = Path(__file__).parent / "fixtures" / "clients"
    vllm = next(p for p in sorted(client.rglob("*.json")) if "vllm" in p.name.lower())
    (tmp_path / "b.json").write_text(vllm.read_text())
    (tmp_path / "c.json").write_text(json.dumps([{**GOOD, "conc": 16}]))
    got = both([tmp_path], monkeypatch, metadata={"hardware": "h100", "num_gpus": "8"})
    assert [Path(s).name for s in got.frame["source"]][:2] == ["a.json", "a.json"]


KEYS = sorted({*GOOD, "pp", "pcp", "timestamp", "scenario_type", "median_intvty", "disagg"})
records = st.lists(
    st.dictionaries(st.sampled_from(KEYS), values, max_size=4).map(lambda c: {**GOOD, **c}),
    min_size=1,
    max_size=6,
)


@FUZZ
@given(files=st.lists(records, min_size=1, max_size=3), sidecar=st.booleans())
def test_near_valid_records_alike(
    tmp_path_factory: pytest.TempPathFactory,
    files: list[list[dict[str, Any]]],
    sidecar: bool,
) -> None:
    folder = tmp_path_factory.mktemp("batch")
    for i, recs in enumerate(files):
        (folder / f"run_{i}.json").write_text(json.dumps(recs))
    if sidecar:
        (folder / "paretop.toml").write_text('hardware = "h200-x"\nnum_gpus = 4\n')
    with pytest.MonkeyPatch.context() as m:
        both([folder], m)


@FUZZ
@given(recs=records)
def test_odd_records_with_set_values_alike(
    tmp_path_factory: pytest.TempPathFactory, recs: list[dict[str, Any]]
) -> None:
    folder = tmp_path_factory.mktemp("batchset")
    (folder / "run_1.json").write_text(json.dumps(recs))
    with pytest.MonkeyPatch.context() as m:
        both([folder], m, metadata={"precision": "FP4", "spec_decoding": ""})


def test_a_big_canonical_csv_streams_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled CSV read in slices of 7 rows equals it read whole, row by row."""
    from tui.core.paths import data_file
    from tui.loaders import stream_csv

    rows = list(csv.reader(io.StringIO(data_file("inferencemax.csv").read_text())))
    bad = list(rows[5])
    bad[rows[0].index("hardware")] = " "  # a row that names no hardware: rejected
    path = tmp_path / "big.csv"
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([*rows[:30], bad, *rows[30:60]])
    whole = scan.load_paths([path])
    with monkeypatch.context() as m:
        m.setattr(one_file, "_batchable", lambda units, doc: False)
        single = scan.load_paths([path])
    m2 = pytest.MonkeyPatch()
    m2.setattr(stream_csv, "STREAM_AT", 0)
    m2.setattr(stream_csv, "ROWS", 7)
    try:
        sliced = scan.load_paths([path])
    finally:
        m2.undo()
    assert [f.format for f in sliced.files] == ["csv (streamed)"]
    assert sliced.files[0].rows == single.files[0].rows == len(single.frame) == 59
    for got in (whole, sliced):
        pd.testing.assert_frame_equal(got.frame, single.frame)
        assert [str(p) for p in got.problems] == [str(p) for p in single.problems]
    assert [p.row for p in sliced.problems] == [29]


def test_two_processes_read_what_one_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A load split with a forked child equals the load read here alone, file order and all;
    and when the child hands back nothing, its half is read here."""
    from tui.loaders import fork

    for i in range(6):
        sub = tmp_path / f"run_{i}"
        sub.mkdir()
        (sub / "agg_bmk.json").write_text(json.dumps([{**GOOD, "conc": 2**i}, {**GOOD, "tp": 0}]))
    (tmp_path / "run_5" / "paretop.toml").write_text("nonsense = 1\n")  # a problem, once
    vllm = next(p for p in sorted(CLIENTS.rglob("*.json")) if "vllm" in p.name.lower())
    (tmp_path / "run_3" / "client.json").write_text(vllm.read_text())
    meta = {"hardware": "h100", "num_gpus": "8"}
    with monkeypatch.context() as m:
        m.setattr(fork, "worth_it", lambda files, size: False)
        alone = scan.load_paths([tmp_path], metadata=meta)
    monkeypatch.setattr(fork, "worth_it", lambda files, size: True)
    split = scan.load_paths([tmp_path], metadata=meta)
    handed_back = fork.Child.result
    monkeypatch.setattr(fork.Child, "result", lambda self: handed_back(self) and None)
    fallen_back = scan.load_paths([tmp_path], metadata=meta)
    for got in (split, fallen_back):
        pd.testing.assert_frame_equal(got.frame, alone.frame)
        assert got.files == alone.files
        assert [str(p) for p in got.problems] == [str(p) for p in alone.problems]
    assert sum("nonsense" in str(p) for p in alone.problems) == 1
    assert len(alone.frame) == 7
