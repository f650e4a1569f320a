"""The bundled data: a faithful conversion of the real rows, and the seed's published summary."""

from pathlib import Path

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
