"""guidellm 0.3, LLMPerf, inference-perf, trtllm-bench, SGLang prefill/decode, and the
reasons given for files that cannot be points. Arithmetic beside each expected number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_clients import CLIENTS, rows

from tui.loaders import load_paths


def test_guidellm_03_totals_from_prompt_and_output_counts() -> None:
    frame, res = rows(CLIENTS / "guidellm", num_gpus="1")
    row = frame.iloc[0]
    assert res.files[0].format == "guidellm pre-0.4 (no metadata)"
    # successful prompt 11827 + output 5888 = 17715 tokens over 29.997201442718506 s
    assert row["tput_per_gpu"] == pytest.approx(590.55509, rel=1e-6)
    assert row["output_tput_per_gpu"] == pytest.approx(196.28498, rel=1e-6)  # 5888 / 29.9972
    assert row["interactivity"] == pytest.approx(204.68093, rel=1e-6)  # 1000 / 4.885653 ms
    assert row["concurrency"] == 1.0  # the synchronous strategy: one request at a time
    # request_loader.data "prompt_tokens=256,output_tokens=128" (measured 257.1 / 128.0)
    assert (row["isl"], row["osl"], bool(row["sequence_measured"])) == (256, 128, False)


def test_llmperf_summary() -> None:
    frame, res = rows(CLIENTS / "llmperf", num_gpus="8", hardware="h100")
    row = frame.iloc[0]
    assert res.files[0].format == "llmperf" and row["model"] == "llama2-70b-4096"
    assert row["interactivity"] == pytest.approx(187.94136)  # 1 / 0.005320808651546638 s
    # 441.84738 + 176.73895 / 60 x 550 = 441.84738 + 1620.10705 = 2061.95443 tok/s, / 8 GPUs
    assert row["tput_per_gpu"] == pytest.approx(2061.95443 / 8, rel=1e-6)
    assert row["output_tput_per_gpu"] == pytest.approx(441.84737788500206 / 8)
    assert (row["concurrency"], row["isl"], row["osl"]) == (5.0, 550, 150)


def test_inference_perf_stages_are_points_of_one_sequence() -> None:
    frame, res = rows(CLIENTS / "inference_perf", num_gpus="1")
    formats = sorted(f.format.split(" (")[0] for f in res.files)
    assert formats == [
        "inference-perf Prometheus metrics",
        "inference-perf stage",
        "inference-perf stage",
        "inference-perf summary",
    ]
    by_rate = frame.set_index("request_rate")
    assert by_rate.loc[1.0, "interactivity"] == pytest.approx(135.77389)  # 1 / 0.0073651807 s
    assert by_rate.loc[6.0, "interactivity"] == pytest.approx(108.75457)  # 1 / 0.0091950159 s
    assert by_rate.loc[6.0, "tput_per_gpu"] == pytest.approx(2374.775345126581)  # total tok/s
    assert by_rate.loc[1.0, "output_tput_per_gpu"] == pytest.approx(211.50695628503055)
    # one run's stages: ISL (206.53 + 279.14) / 2 = 242.8, OSL (229.33 + 180.79) / 2 = 205.1
    assert set(zip(frame["isl"], frame["osl"], strict=True)) == {(243, 205)}


def test_trtllm_bench_report_knows_its_gpus() -> None:
    frame, res = rows(CLIENTS / "trtllm_bench")
    row = frame.iloc[0]
    assert res.files[0].format == "trtllm-bench"
    assert (row["num_gpus"], row["tp"], row["hardware"], row["precision"]) == (
        2,
        2.0,
        "h100",
        "fp8",
    )
    # 512 requests x 2048 tokens / 60 s = 17476.27 tok/s over world_size 2
    assert row["tput_per_gpu"] == pytest.approx(8738.1333, rel=1e-6)
    assert row["output_tput_per_gpu"] == pytest.approx(4369.0667, rel=1e-6)  # 512 x 1024 / 60 / 2
    assert row["interactivity"] == pytest.approx(141.84397)  # 1000 / median TPOT 7.05 ms
    assert (row["isl"], row["osl"], row["framework"]) == (1024, 1024, "trt")
    assert row["ttft_s"] == pytest.approx(0.19)  # median TTFT 190 ms


def test_sglang_prefill_decode_model_from_internal_states(tmp_path: Path) -> None:
    from test_formats_quirks import SGLANG_LINE

    rec = json.loads(SGLANG_LINE.replace("Infinity", "1e999"))
    rec["server_info"] = {"internal_states": [{"model_path": "deepseek-ai/DeepSeek-R1"}]}
    rec["random_range_ratio"] = 0.5
    rec["total_input_tokens"] = 24576  # 768 per request: the random lengths vary
    (tmp_path / "pd.jsonl").write_text(json.dumps(rec) + "\n")
    row = load_paths([tmp_path]).frame.iloc[0]
    assert row["model"] == "DeepSeek-R1"
    # configured 1024/1024 names the sequence; measured 24576 / 32 = 768 is kept
    assert (row["isl"], row["osl"], row["measured_isl"]) == (1024, 1024, 768.0)


def test_reasons_name_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "throughput.json").write_text(
        json.dumps(
            {
                "elapsed_time": 10.0,
                "num_requests": 100,
                "total_num_tokens": 51200,
                "requests_per_second": 10.0,
                "tokens_per_second": 5120.0,
            }
        )
    )
    (tmp_path / "nokeys.json").write_text(
        json.dumps({"model_id": "org/M", "median_ttft_ms": 20.0, "median_tpot_ms": 10.0})
    )
    log = tmp_path / "trtllm_bench.json"  # a console log saved under a .json name
    log.write_text("[TensorRT-LLM][INFO] Engine version 1.0\n= PERFORMANCE OVERVIEW\n")
    res = load_paths([tmp_path])
    why = {Path(p.path).name: p.reason for p in res.problems}
    assert "offline throughput-only run" in why["throughput.json"]
    assert "cannot be placed on the interactivity axis" in why["throughput.json"]
    assert why["nokeys.json"].startswith("no throughput: the file has neither")
    assert "--report_json" in why["trtllm_bench.json"] and "JSON:" not in why["trtllm_bench.json"]


def test_companion_files_are_listed_not_rejected(tmp_path: Path) -> None:
    request = {"inter_token_latency_s": 0.01, "ttft_s": 0.05, "number_output_tokens": 105}
    (tmp_path / "m_individual_responses.json").write_text(json.dumps([request]))
    record = {"metadata": {"x_request_id": "a"}, "metrics": {"ttft": {"value": 1, "unit": "ms"}}}
    (tmp_path / "profile_export.jsonl").write_text(json.dumps(record) + "\n")
    res = load_paths([tmp_path])
    assert res.problems == [] and res.frame.empty
    assert sorted(f.format.split(" ")[0] for f in res.files) == ["aiperf", "llmperf"]
