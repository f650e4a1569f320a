"""Loaders: InferenceMAX rows and canonical CSV; bad input reported, good rows kept."""

import json
import math
from pathlib import Path

import pytest
from hostile_corpus import GOOD as INFERENCEMAX_ROW

from tui.loaders import load_paths
from tui.loaders.common import normalise_gpu

GOOD = {**INFERENCEMAX_ROW, "framework": "TRT"}  # upper case: normalised on load


def write(path: Path, doc: object) -> Path:
    path.write_text(json.dumps(doc))
    return path


def test_single_row_object(tmp_path: Path) -> None:
    res = load_paths([write(tmp_path / "one.json", GOOD)])
    assert res.problems == []
    r = res.frame.iloc[0]
    assert r["model"] == "DeepSeek-R1-0528" and r["model_id"] == "/models/DeepSeek-R1"
    assert (r["hardware"], r["framework"], r["spec_decoding"]) == ("b200", "trt", "mtp")
    assert (r["isl"], r["osl"], r["num_gpus"], r["concurrency"]) == (1024, 8192, 4, 64.0)
    assert r["dp_attention"] is True or r["dp_attention"] == True  # noqa: E712
    assert (r["tput_per_gpu"], r["interactivity"], r["ttft_s"]) == (1234.5, 40.0, 0.5)


@pytest.mark.parametrize(
    ("hw", "gpu"),
    [("b200-trt", "b200"), ("mi355x-amd_0", "mi355x"), ("H200", "h200"), ("gb200", "gb200")],
)
def test_runner_suffixes(hw: str, gpu: str) -> None:
    assert normalise_gpu(hw) == gpu


def test_gpu_counts(tmp_path: Path) -> None:
    single = {**GOOD, "tp": 4, "pp": 2, "pcp": 2}
    disagg = {k: v for k, v in GOOD.items() if k not in ("tp", "ep", "dp_attention")}
    disagg.update(disagg=True, num_prefill_gpu=20, num_decode_gpu=32, decode_dp_attention="false")
    res = load_paths([write(tmp_path / "a.json", [single, disagg])])
    assert list(res.frame["num_gpus"]) == [16, 52]
    assert res.frame.iloc[1]["decode_dp_attention"] == False  # noqa: E712


def test_interactivity_from_tpot_when_missing(tmp_path: Path) -> None:
    row = {k: v for k, v in GOOD.items() if k != "median_intvty"}
    res = load_paths([write(tmp_path / "a.json", [row])])
    assert res.frame.iloc[0]["interactivity"] == pytest.approx(40.0)  # 1 / 0.025 s


def test_bad_rows_are_reported_and_skipped(tmp_path: Path) -> None:
    rows = [
        GOOD,
        {**GOOD, "tput_per_gpu": None},
        {**GOOD, "tput_per_gpu": "fast"},
        {**GOOD, "tput_per_gpu": -3},
        {**GOOD, "median_intvty": float("inf")},
        {**GOOD, "conc": float("nan")},
        {**GOOD, "hw": ""},
        # strings are numbers too (output 50 <= total 56.5)
        {**GOOD, "tput_per_gpu": "56.5", "output_tput_per_gpu": 50, "conc": "128"},
    ]
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(rows))  # json writes NaN/Infinity tokens, as some tools do
    res = load_paths([path])
    assert list(res.frame["tput_per_gpu"]) == [1234.5, 56.5]
    reasons = {p.row: p.reason for p in res.problems}
    assert reasons[1] == "missing tput_per_gpu"
    assert "not a number" in reasons[2]
    assert "positive" in reasons[3] and "positive" in reasons[4]
    assert reasons[5] == "concurrency is NaN"
    assert reasons[6] == "missing hardware"
    assert all(p.path == str(path) for p in res.problems)


def test_truncated_file_does_not_hide_good_ones(tmp_path: Path) -> None:
    write(tmp_path / "good.json", [GOOD])
    (tmp_path / "bad.json").write_text(json.dumps([GOOD, GOOD])[:-40])
    (tmp_path / "empty.json").write_text("")
    res = load_paths([tmp_path])
    assert len(res.frame) == 1
    by_file = {Path(p.path).name: p.reason for p in res.problems}
    assert "truncated" in by_file["bad.json"]
    assert by_file["empty.json"] == "empty file"


def test_missing_path_and_unknown_json(tmp_path: Path) -> None:
    write(tmp_path / "other.json", {"hello": 1})
    res = load_paths([tmp_path / "nope", tmp_path / "other.json"])
    assert res.frame.empty
    assert [p.reason for p in res.problems] == [
        "no such file or directory",
        "unrecognised JSON: not a known benchmark format",
    ]


CSV = """model,hardware,framework,precision,spec_decoding,isl,osl,concurrency,num_gpus,tput_per_gpu,interactivity,extra
Mine,H100,vLLM,fp8,,1024,1024,16,8,500.5,33.3,ignored
Mine,h100,vllm,fp8,mtp,1024,1024,32,8,nan,20,
Mine,h100,vllm,fp8,mtp,1024,1024,x,8,10,20,
"""


def test_canonical_csv(tmp_path: Path) -> None:
    (tmp_path / "mine.csv").write_text(CSV)
    res = load_paths([tmp_path / "mine.csv"])
    assert len(res.frame) == 1
    r = res.frame.iloc[0]
    assert (r["hardware"], r["framework"], r["spec_decoding"], r["num_gpus"]) == (
        "h100",
        "vllm",
        "none",
        8,
    )
    assert r["source"] == str(tmp_path / "mine.csv")
    assert math.isnan(r["output_tput_per_gpu"])
    assert [(p.row, p.reason) for p in res.problems] == [
        (1, "tput_per_gpu is NaN"),
        (2, "not a number: 'x'"),
    ]


def test_csv_missing_columns(tmp_path: Path) -> None:
    (tmp_path / "short.csv").write_text("model,tput_per_gpu,interactivity\nA,1,2\n")
    res = load_paths([tmp_path])
    assert "lacks required columns: hardware, framework, precision" in res.problems[0].reason


def test_all_real_rows_load(inferencemax_dir: Path) -> None:
    res = load_paths([inferencemax_dir])
    assert len(res.frame) == 1622 and res.problems == []
    assert set(res.frame["hardware"]) == {
        "b200",
        "gb200",
        "h100",
        "h200",
        "mi300x",
        "mi325x",
        "mi355x",
    }
    assert set(res.frame["model"]) == {"DeepSeek-R1-0528", "gpt-oss-120b"}
    disagg = res.frame[res.frame["disagg"] == True]  # noqa: E712
    assert len(disagg) == 429
    assert (disagg["num_gpus"] == disagg["num_prefill_gpu"] + disagg["num_decode_gpu"]).all()


def test_binary_file_is_named_not_fatal(tmp_path: Path) -> None:
    write(tmp_path / "good.json", [GOOD])
    (tmp_path / "weights.json").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    res = load_paths([tmp_path])
    assert len(res.frame) == 1
    assert [(Path(p.path).name, p.reason) for p in res.problems] == [
        ("weights.json", "not a text file (not UTF-8), skipped")
    ]
