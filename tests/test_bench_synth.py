"""The benchmark's synthetic sets: the same bytes every time, and files paretop reads in full."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from tui.loaders import load_paths

ROOT = Path(__file__).resolve().parents[1]


def synth() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_synth", ROOT / "bench" / "synth.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.json"))}


def configures(key: str, mod: ModuleType) -> bool:
    """The configuration of a row: every field but the measured numbers."""
    return key == "conc" or not mod._varies(key)


def test_same_seed_same_sets(tmp_path: Path, inferencemax_dir: Path) -> None:
    mod = synth()
    real = mod.real_sweeps(inferencemax_dir)
    a = mod.write_set(1000, tmp_path / "a", real)
    b = mod.write_set(1000, tmp_path / "b", real)
    assert files_of(a) == files_of(b)
    text_a = (a / "canonical.csv").read_text().replace(str(a), "ROOT")
    assert text_a == (b / "canonical.csv").read_text().replace(str(b), "ROOT")


def test_sets_load_in_full_with_one_rerun_file(tmp_path: Path, inferencemax_dir: Path) -> None:
    mod = synth()
    folder = mod.write_set(1000, tmp_path, mod.real_sweeps(inferencemax_dir))
    runs = sorted((folder / "inferencemax").iterdir())
    assert len(runs) == 5  # 1000 rows / 200 per file
    assert all(r.name.startswith("run_") and r.name[4:].isdigit() for r in runs)
    # The fifth file (every fifth is a rerun) repeats the configurations of an earlier one.
    configs = [
        {tuple(sorted((k, str(v)) for k, v in row.items() if configures(k, mod))) for row in rows}
        for rows in (json.loads(p.read_text()) for p in sorted(folder.rglob("*.json")))
    ]
    assert any(configs[4] == earlier for earlier in configs[:4])
    assert not any(configs[i] & configs[j] for i in range(4) for j in range(i + 1, 4))
    from_json = load_paths([folder / "inferencemax"])
    from_csv = load_paths([folder / "canonical.csv"])
    assert (len(from_json.frame), len(from_csv.frame)) == (1000, 1000)
    assert from_json.problems == [] and from_csv.problems == []
    assert set(from_json.frame["model"]) <= {m[2] for m in mod.MODELS}
    assert set(from_json.frame["hardware"]) <= set(mod.GPUS)
    for column in ("model", "hardware", "framework", "tput_per_gpu", "interactivity", "run_id"):
        assert list(from_json.frame[column]) == list(from_csv.frame[column]), column


def test_without_the_real_rows_it_says_so(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="no InferenceMAX rows"):
        synth().real_sweeps(tmp_path)
