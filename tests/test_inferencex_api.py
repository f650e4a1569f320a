"""The InferenceX API row loader, on hand-made rows and on the recorded responses."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from conftest import SHARED, shared_dir

from tui.loaders import load_paths
from tui.loaders.registry import FORMATS


def api_row(**kw: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": "12345",  # ids can arrive as strings
        "hardware": "b200",
        "framework": "trt",
        "model": "dsr1",
        "precision": "fp4",
        "spec_method": "mtp",
        "disagg": False,
        "prefill_tp": 4,
        "prefill_ep": 1,
        "prefill_dp_attention": False,
        "prefill_num_workers": 0,
        "decode_tp": 4,
        "decode_ep": 1,
        "decode_dp_attention": False,
        "decode_num_workers": 0,
        "num_prefill_gpu": 4,
        "num_decode_gpu": 4,
        "isl": 1024,
        "osl": 1024,
        "conc": 16,
        "benchmark_type": "single_turn",
        "recipe_fingerprint": "abc",  # unknown fields are ignored
        "metrics": {
            "median_tpot": 0.0096,
            "median_intvty": 104.2,
            "median_ttft": 0.25,
            "median_e2el": 10.0,
            "tput_per_gpu": 2000.0,
            "output_tput_per_gpu": 1000.0,
            "avg_power_w": 900.5,
            "power_valid": 1,
            "power_metric_schema_version": 2,
        },
        "date": "2026-06-11",
        "run_url": "https://github.com/SemiAnalysisAI/InferenceX/actions/runs/27213443242/attempts/1",
    }
    row.update(kw)
    return row


def load(tmp_path: Path, rows: list[dict[str, Any]]) -> Any:
    path = tmp_path / "dsr1.json"
    path.write_text(json.dumps(rows))
    return load_paths([path])


def test_a_row_in_canonical_units(tmp_path: Path) -> None:
    res = load(tmp_path, [api_row()])
    assert res.problems == []
    assert res.files[0].format == "inferencex-api"
    r = res.frame.iloc[0]
    assert (r["model"], r["model_prefix"], r["hardware"]) == ("DeepSeek-R1-0528", "dsr1", "b200")
    assert r["spec_decoding"] == "mtp" and r["num_gpus"] == 4 and r["tp"] == 4
    assert r["interactivity"] == 104.2 and r["tpot_s"] == 0.0096  # seconds, as given
    assert r["avg_power_w"] == 900.5 and r["power_valid"] == 1
    assert r["date"] == "2026-06-11" and r["run_id"] == "27213443242"


def test_disaggregated_gpus_are_both_sides(tmp_path: Path) -> None:
    row = api_row(disagg=True, num_prefill_gpu=8, num_decode_gpu=16)
    r = load(tmp_path, [row]).frame.iloc[0]
    assert r["num_gpus"] == 8 + 16
    assert math.isnan(r["tp"])


def test_agentic_rows_are_reported_and_set_aside(tmp_path: Path) -> None:
    agentic = api_row(benchmark_type="agentic_traces", isl=None, osl=None)
    res = load(tmp_path, [api_row(), agentic])
    assert len(res.frame) == 1
    (problem,) = res.problems
    assert problem.row == 1 and "agentic_traces row: no fixed isl/osl" in problem.reason


def test_missing_power_stays_missing_and_unknown_keys_keep_their_name(tmp_path: Path) -> None:
    metrics = {"median_intvty": 50.0, "tput_per_gpu": 100.0}
    r = load(tmp_path, [api_row(model="newmodel9", metrics=metrics)]).frame.iloc[0]
    assert r["model"] == "newmodel9"
    assert math.isnan(r["avg_power_w"]) and math.isnan(r["power_valid"])
    assert math.isnan(r["output_tput_per_gpu"])


def test_bad_numbers_are_a_problem_not_a_crash(tmp_path: Path) -> None:
    bad = api_row(metrics={"median_intvty": "fast", "tput_per_gpu": 1.0})
    res = load(tmp_path, [bad, api_row()])
    assert len(res.frame) == 1 and res.problems[0].row == 0


def test_registered_once() -> None:
    assert [f.name for f in FORMATS].count("inferencex-api") == 1


def test_the_recorded_responses_load_without_problems() -> None:
    folder = shared_dir(SHARED / "data" / "inferencex-api")
    res = load_paths([folder])
    assert res.problems == []
    assert len(res.frame) == 435 + 1462  # SOURCE.md's row counts
    assert {f.format for f in res.files} == {
        "inferencex-api",
        "inferencex-api (cache metadata, no rows)",
        "skipped: not a result file (.md)",  # SOURCE.md, named in the file list
    }
    assert set(res.frame["model"]) == {"DeepSeek-R1-0528"}


@pytest.mark.parametrize("text", ["[]", '{"paretop_inferencex_cache": 1, "files": {}}'])
def test_cache_metadata_gives_no_rows_and_no_problems(tmp_path: Path, text: str) -> None:
    path = tmp_path / "manifest.json"
    path.write_text(text)
    res = load_paths([path])
    assert res.problems == [] and res.frame.empty
