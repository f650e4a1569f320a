"""A single run gives a value; a sweep's server settings are series; replicates show spread."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tui.app.main import make_app
from tui.app.screens import InspectorScreen
from tui.cli import main
from tui.pipeline import build_request

CLIENTS = Path(__file__).resolve().parent / "fixtures" / "clients"
SWEEP = CLIENTS / "vllm_sweep"
SETS = ["--set", "hardware=h100", "--set", "num_gpus=1", "--set", "precision=bf16"]


def test_one_run_gives_its_own_point() -> None:
    got = CliRunner().invoke(main, ["table", str(CLIENTS / "llmperf"), *SETS, "--format", "json"])
    doc = json.loads(got.stdout)
    series = doc["series"][0]
    assert got.exit_code == 0 and len(series["frontier"]) == 1
    # The default target is the run's own interactivity, exactly: 1 / 0.0053208 s.
    assert doc["targets"] == [series["frontier"][0]["interactivity"]]
    assert series["values"][0]["tput_per_gpu"] is not None
    assert any("a point, not a curve" in note for note in doc["notes"])


def test_server_settings_are_two_series() -> None:
    got = CliRunner().invoke(main, ["table", str(SWEEP), *SETS, "--format", "json"])
    doc = json.loads(got.stdout)
    assert got.exit_code == 0 and doc["group_by"][-1] == "server"
    assert [s["label"] for s in doc["series"]] == ["max_num_seqs=4", "max_num_seqs=8"]
    assert [s["runs"] for s in doc["series"]] == [2, 2]  # run=0 and run=1 kept, summary once


async def test_inspector_shows_replicates_and_their_spread() -> None:
    sets = ["hardware=h100", "num_gpus=1", "precision=bf16"]
    app = make_app(build_request(paths=[SWEEP], sets=sets))
    async with app.run_test(size=(160, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("i")
        assert isinstance(app.screen, InspectorScreen)
        await pilot.pause()
        title = str(app.screen.query_one("#inspector-title").render())
        assert "Replicates: 1 settings measured more than once" in title


def test_other_models_in_the_files_are_named(formats: Path) -> None:
    folder = formats / "sglang"
    got = CliRunner().invoke(
        main, ["table", str(folder), "--set", "hardware=h100", "--set", "num_gpus=1"]
    )
    assert "These files also hold other models: deepseek_dp_mla (1), llama_3_3_70b_online (7)" in (
        got.stdout
    )
