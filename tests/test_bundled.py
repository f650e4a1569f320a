"""The bundled data: a faithful conversion of the real rows, and the seed's published summary."""

from pathlib import Path

import pandas as pd
import pytest

from tui.core.paths import data_file
from tui.loaders import load_bundled
from tui.loaders.convert import convert


def test_bundled_file_equals_a_fresh_conversion(inferencemax_dir: Path) -> None:
    text, problems = convert(inferencemax_dir)
    assert problems == []
    assert data_file("inferencemax.csv").read_text(encoding="utf-8") == text


def test_bundled_loads_without_problems() -> None:
    res = load_bundled()
    assert res.problems == []
    assert len(res.frame) == 1622 + 6
    assert res.frame["source"].str.startswith("bundled:").all()
    published = res.frame[res.frame["kind"] == "published"]
    assert set(published["model"]) == {"DeepSeek-V4-Pro"}
    assert set(published["spec_decoding"]) == {"mtp", "none"}
    # run ids survive the round trip, so rerun recency is the run number
    runs = res.frame[res.frame["kind"] == "run"]
    assert (runs["recency"] == runs["run_id"].astype(float)).all()


def test_data_readme_names_every_file() -> None:
    folder = data_file("hardware.csv").parent
    readme = (folder / "README.md").read_text()
    for f in folder.iterdir():
        if f.name != "README.md":
            assert f.name in readme, f.name


def test_bundled_npz_equals_the_csvs() -> None:
    """data/bundled.npz (read at start) holds exactly what reading the CSVs gives."""
    from tui.core.paths import data_file
    from tui.loaders import bundled, load_paths

    fast = bundled.read()
    assert fast is not None, "data/bundled.npz is stale: python -m tui.loaders.convert --bundle"
    slow = load_paths([data_file(name) for name in bundled.SOURCES])
    pd.testing.assert_frame_equal(fast.frame, slow.frame)
    assert fast.files == slow.files and not slow.problems


def test_a_changed_csv_is_read_instead(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.core import paths
    from tui.loaders import bundled

    real = paths.data_file
    for name in (*bundled.SOURCES, bundled.NAME):
        (tmp_path / name).write_bytes(real(name).read_bytes())
    with (tmp_path / "published.csv").open("a") as handle:
        handle.write("\n")  # the same rows, another file: the .npz no longer matches
    monkeypatch.setattr(bundled, "data_file", lambda name: tmp_path / name)
    assert bundled.read() is None
