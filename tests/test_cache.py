"""The parsed-results cache: the same rows as a fresh read, and never stale."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from hostile_corpus import GOOD

from tui.cli import main
from tui.core.paths import data_file
from tui.loaders import frame_file, parsed_cache, scan


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(parsed_cache, "WORTH_ROWS", 1)
    runs = tmp_path / "runs"
    for i in range(3):
        (runs / f"run_{i}").mkdir(parents=True)
        recs = [{**GOOD, "conc": c, "tput_per_gpu": 2000.0 + i + c} for c in (4, 8, 16)]
        (runs / f"run_{i}" / "agg_bmk.json").write_text(json.dumps(recs))
    return runs


def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Records each file the loader reads."""
    seen: list[Path] = []
    real = scan.read_file

    def counting(path: Path, *args: object) -> scan.FileResult:
        seen.append(path)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(scan, "read_file", counting)
    return seen


def test_a_second_load_reads_no_file(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = scan.load_paths([folder], cache=True)
    seen = reads(monkeypatch)
    again = scan.load_paths([folder], cache=True)
    assert seen == []
    pd.testing.assert_frame_equal(again.frame, first.frame)
    assert again.files == first.files and again.problems == first.problems
    assert len(again.frame) == 9


def test_any_change_is_read_afresh(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scan.load_paths([folder], cache=True)
    seen = reads(monkeypatch)
    target = folder / "run_1" / "agg_bmk.json"
    recs = json.loads(target.read_text())
    recs[0]["tput_per_gpu"] = 1999.0
    target.write_text(json.dumps(recs))
    os.utime(target, ns=(1, 1))  # even a file whose time went backwards
    got = scan.load_paths([folder], cache=True)
    assert 1999.0 in got.frame["tput_per_gpu"].tolist() and len(seen) == 3
    seen.clear()
    (folder / "paretop.toml").write_text('framework = "vllm"\n')  # a new sidecar
    got = scan.load_paths([folder], cache=True)
    assert set(got.frame["framework"]) == {"vllm"} and len(seen) == 3
    seen.clear()
    got = scan.load_paths([folder], cache=True, metadata={"precision": "fp4"})  # a new --set
    assert set(got.frame["precision"]) == {"fp4"} and len(seen) == 3


def test_no_cache_neither_reads_nor_writes(folder: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["check", "--no-cache", str(folder)])
    assert out.exit_code == 0 and not parsed_cache.folder().exists()
    out = runner.invoke(main, ["check", str(folder)])
    assert out.exit_code == 0 and len(list(parsed_cache.folder().glob("*.npz"))) == 1


def test_a_broken_cache_file_is_read_past(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scan.load_paths([folder], cache=True)
    (saved,) = parsed_cache.folder().glob("*.npz")
    saved.write_bytes(b"PK\x03\x04 not a zip")
    seen = reads(monkeypatch)
    got = scan.load_paths([folder], cache=True)
    assert len(got.frame) == 9 and len(seen) == 3


def test_a_cache_file_with_pickled_objects_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.npz"
    np.savez(path, __head__=np.array("{}"), x=np.array([object()], dtype=object))
    with pytest.raises(ValueError):
        frame_file.load(path)


def test_frames_round_trip_exactly(tmp_path: Path) -> None:
    clients = Path(__file__).parent / "fixtures" / "clients"
    for paths in ([data_file("inferencemax.csv"), data_file("published.csv")], [clients]):
        frame = scan.load_paths(paths, metadata={"hardware": "h100", "num_gpus": "8"}).frame
        frame_file.save(frame, tmp_path / "f.npz", {"n": 1})
        back, meta = frame_file.load(tmp_path / "f.npz")
        pd.testing.assert_frame_equal(back, frame)
        for col in frame.columns:
            assert [type(v) for v in back[col]] == [type(v) for v in frame[col]], col
        assert meta == {"n": 1}


def test_old_cache_files_are_pruned(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsed_cache, "KEEP", 2)
    for n in range(4):  # four different loads: four keys
        scan.load_paths([folder], cache=True, metadata={"framework": f"e{n}"})
    assert len(list(parsed_cache.folder().glob("*.npz"))) == 2
    monkeypatch.setattr(parsed_cache, "KEEP_BYTES", 1)  # the newest is always kept
    scan.load_paths([folder], cache=True, metadata={"framework": "e9"})
    assert len(list(parsed_cache.folder().glob("*.npz"))) == 1


def saved_members(tmp_path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """A saved frame's (the published rows') members and its head."""
    frame = scan.load_paths([data_file("published.csv")]).frame
    path = tmp_path / "f.npz"
    frame_file.save(frame, path, {})
    with np.load(path) as members:
        saved = {name: members[name] for name in members.files}
    return saved, json.loads(str(saved["__head__"]))


def test_a_tampered_cache_file_is_refused(tmp_path: Path) -> None:
    """Offsets outside the packed arrays, or codes outside a column's values: not a frame."""
    saved, head = saved_members(tmp_path)

    def tampered(change: dict[str, object]) -> Path:
        out = tmp_path / "t.npz"
        np.savez(out, **{**saved, "__head__": np.array(json.dumps({**head, **change}))})
        return out

    where = dict(head["arrays"])
    name = next(iter(where))
    group, offset, length = where[name]
    with pytest.raises(ValueError):
        frame_file.load(tampered({"arrays": {**where, name: [group, offset + 10**6, length]}}))
    texts = {key: value[:1] for key, value in head["texts"].items()}  # codes now out of range
    with pytest.raises(ValueError):
        frame_file.load(tampered({"texts": texts}))


def test_a_cache_file_of_any_other_shape_is_refused(tmp_path: Path) -> None:
    """Whatever a swapped cache file holds, reading it is a ValueError (its callers read past
    those), never another exception that would stop the load."""
    saved, head = saved_members(tmp_path)
    where = dict(head["arrays"])
    codes = next(n for n in where if n.endswith(".codes"))
    text = next(n for n in head["texts"] if n.endswith(".table") or n.endswith(".cats"))
    heads: list[object] = [
        [1],  # not a mapping
        {**head, "arrays": [1, 2]},
        {**head, "arrays": {**where, codes: [-1, 0, where[codes][2]]}},  # a negative pack
        {**head, "arrays": {**where, codes: [0, 0]}},  # a short location
        {**head, "texts": {**head["texts"], text: [1, 2]}},  # a table not of strings
        {**head, "texts": {**head["texts"], text: []}},  # codes into an empty table
        {k: v for k, v in head.items() if k != "rows"},
        {**head, "meta": [1]},
    ]
    for bad in heads:
        out = tmp_path / "t.npz"
        np.savez(out, **{**saved, "__head__": np.array(json.dumps(bad))})
        with pytest.raises(ValueError):
            frame_file.load(out)
    pack = f"pack{where[codes][0]}"
    floats = {**saved, pack: saved[pack].astype(float)}  # codes that are not integers
    np.savez(tmp_path / "t.npz", **floats)
    with pytest.raises(ValueError):
        frame_file.load(tmp_path / "t.npz")
    with zipfile.ZipFile(tmp_path / "raw.npz", "w") as archive:  # a member that is not .npy
        for name, value in saved.items():
            if name != "pack0":
                buffer = io.BytesIO()
                np.save(buffer, value)
                archive.writestr(f"{name}.npy", buffer.getvalue())
        archive.writestr("pack0.npy", b"not an array at all")
    with pytest.raises(ValueError):
        frame_file.load(tmp_path / "raw.npz")
