"""Each client format on the real files in ../shared/data/formats, with exact expected values."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import SHARED

from tui.loaders import load_paths

FORMATS = SHARED / "data" / "formats"


@pytest.fixture
def formats() -> Path:
    if not FORMATS.is_dir():
        pytest.skip("../shared/data/formats is not here")
    return FORMATS


def one(path: Path, **sets: str):
    res = load_paths([path], metadata=sets)
    assert res.problems == [], res.problems
    assert len(res.frame) == 1
    return res.frame.iloc[0], res


def test_vllm_save_result(formats: Path) -> None:
    row, res = one(
        formats / "vllm/er0080.vllm-0.25.1.sweep.max_num_seqs4.conc2.run0.json",
        num_gpus="1",
        hardware="h100",
    )
    assert res.files[0].format == "vllm"
    # backend "openai" names the API, not the engine; the file name says vllm
    assert row["model"] == "opt-125m" and row["framework"] == "vllm"
    assert row["interactivity"] == pytest.approx(1000 / 8.323490332986694)
    assert row["tput_per_gpu"] == pytest.approx(281.2430388914002)  # one GPU
    assert row["output_tput_per_gpu"] == pytest.approx(93.74767963046673)
    assert (row["isl"], row["osl"], row["concurrency"]) == (32, 16, 2.0)  # 256/8, 128/8
    assert row["ttft_s"] == pytest.approx(0.04492285849846667)
    assert row["interactivity_formula"] == "1000 / median TPOT (ms)"
    assert row["missing"] == ("precision",)


def test_vllm_all_failed_is_a_problem(formats: Path) -> None:
    res = load_paths([formats / "vllm/er0080.bench_serve_all_requests_failed_v0.25.1.json"])
    assert (
        res.frame.empty and res.problems[0].reason == "no completed requests (every request failed)"
    )


def test_vllm_fork_with_hardware_key(formats: Path) -> None:
    row, _ = one(
        formats
        / "vllm/moguizhizi.A6000.vllm.openai-chat-infqps-Qwen2.5-VL-72B-Instruct-20250923-143003.json"
    )
    assert (row["model"], row["hardware"]) == ("Qwen2.5-VL-72B-Instruct", "a6000")
    assert row["request_rate"] == float("inf")  # "inf" as a string
    assert row["missing"] == ("num_gpus", "precision")  # per-GPU throughput waits for num_gpus
    assert row["tput_per_gpu"] != row["tput_per_gpu"]  # NaN


def test_inferencemax_raw_matches_its_aggregated_row(formats: Path) -> None:
    """The raw per-run file and the row InferenceX made from it agree on the numbers."""
    raw, res = one(
        formats
        / "inferencemax_raw/kimik2.5_1k1k_int4_vllm_tp8-ep1-dpafalse_disagg-false_spec-mtp_conc4_MI355-gbt350-odcdh5-wbb3.json"
    )
    agg, _ = one(
        formats
        / "inferencemax_raw/agg_kimik2.5_1k1k_int4_vllm_tp8-ep1-dpafalse_disagg-false_spec-mtp_conc4_MI355-gbt350-odcdh5-wbb3.json"
    )
    assert res.files[0].format == "inferencemax-raw"
    # 445.0136 total tok/s over tp8 = 8 GPUs, as InferenceX computed it
    assert raw["tput_per_gpu"] == pytest.approx(445.0136269213033 / 8)
    assert raw["tput_per_gpu"] == pytest.approx(agg["tput_per_gpu"], rel=1e-9)
    assert raw["interactivity"] == pytest.approx(agg["interactivity"], rel=1e-9)
    assert raw["ttft_s"] == pytest.approx(agg["ttft_s"], rel=1e-9)
    # Metadata from the run name: model prefix, 1k1k, int4, vllm, tp8, ep1, spec-mtp, conc4.
    assert (raw["model"], raw["isl"], raw["osl"], raw["precision"]) == (
        "Kimi-K2.5",
        1024,
        1024,
        "int4",
    )
    assert (raw["framework"], raw["tp"], raw["ep"], raw["spec_decoding"]) == (
        "vllm",
        8.0,
        1.0,
        "mtp",
    )
    assert raw["concurrency"] == 4.0 and raw["dp_attention"] == False  # noqa: E712
    assert raw["hardware"] == "unknown" and raw["missing"] == (
        "hardware",
    )  # "MI355-gbt350" is a runner, not guessed


def test_inferencemax_raw_multinode(formats: Path) -> None:
    row, _ = one(
        formats
        / "inferencemax_raw/multi_node.gpt-oss-120b.concurrency_32_req_rate_inf_gpus_16_ctx_8_gen_8.json"
    )
    assert row["model"] == "gpt-oss-120b"  # from the HF cache path models--openai--gpt-oss-120b
    assert (row["num_gpus"], row["num_prefill_gpu"], row["num_decode_gpu"]) == (16, 8.0, 8.0)
    assert row["tput_per_gpu"] == pytest.approx(5971.122099649576 / 16)
    assert row["concurrency"] == 32.0


def test_sglang_jsonl_with_infinity(formats: Path) -> None:
    res = load_paths(
        [formats / "sglang/datacrunch-h200.llama_3_3_70b_offline_output.jsonl"],
        metadata={"num_gpus": "8"},
    )
    assert res.problems == [] and len(res.frame) == 7
    first = res.frame.iloc[0]
    assert first["hardware"] == "h200"  # the file name says so, token for token
    assert first["framework"] == "sglang" and first["model"] == "llama_3_3_70b_offline"
    assert first["request_rate"] == float("inf")
    text = (
        (formats / "sglang/datacrunch-h200.llama_3_3_70b_offline_output.jsonl")
        .read_text()
        .splitlines()[0]
    )
    rec = json.loads(text)
    tokens = rec["total_input_tokens"] + rec["total_output_tokens"]
    assert first["tput_per_gpu"] == pytest.approx(tokens / rec["duration"] / 8)
    assert first["interactivity"] == pytest.approx(
        1000 / rec["median_itl_ms"]
    )  # no TPOT in this schema
    assert "ITL" in first["interactivity_formula"]
    assert (first["isl"], first["osl"]) == (rec["random_input_len"], rec["random_output_len"])


def test_genai_perf_json_both_layouts(formats: Path) -> None:
    new, res = one(formats / "genai-perf/wellflat.e17e8f5.telemetry.profile_export_genai_perf.json")
    assert res.files[0].format == "genai-perf"
    assert new["model"] == "gpt-oss-20b" and new["concurrency"] == 1.0
    assert new["interactivity"] == pytest.approx(130.33172421442228)  # p50 per-user output rate
    old, _ = one(
        formats / "genai-perf/wellflat.e3e57ba.profile_export_genai_perf.json", num_gpus="1"
    )
    doc = json.loads(
        (formats / "genai-perf/wellflat.e3e57ba.profile_export_genai_perf.json").read_text()
    )
    expected = (
        doc["output_token_throughput"]["avg"]
        + doc["request_throughput"]["avg"] * doc["input_sequence_length"]["avg"]
    )
    assert old["tput_per_gpu"] == pytest.approx(expected)
    assert old["interactivity"] == pytest.approx(1000 / doc["inter_token_latency"]["p50"])


def test_aiperf(formats: Path) -> None:
    row, res = one(formats / "aiperf/wellflat.profile_export_aiperf.json", num_gpus="2")
    assert res.files[0].format == "aiperf"
    assert row["interactivity"] == pytest.approx(55.485253498122844, rel=0.05)  # p50 near the avg
    assert row["concurrency"] == 1.0
    assert row["tput_per_gpu"] == pytest.approx(
        (54.55756456668085 + 0.19245648570156926 * 196.37) / 2
    )


def test_genai_perf_csv_non_streaming_is_explained(formats: Path) -> None:
    res = load_paths([formats / "genai-perf/metrum.llama-3.1-8b.profile_export_genai_perf.csv"])
    assert res.files[0].format == "genai-perf CSV"
    assert "not a streaming run" in res.problems[0].reason


def test_guidellm(formats: Path) -> None:
    row, res = one(
        formats / "guidellm/danielkorat.Qwen_Qwen3-4B-Thinking-2507_tp4_quant-fp8_benchmarks.json"
    )
    assert res.files[0].format == "guidellm 0.5.0.dev0"
    assert row["model"] == "Qwen3-4B-Thinking-2507" and row["concurrency"] == 4.0
    assert (row["num_gpus"], row["precision"]) == (4, "fp8")  # tp4 and fp8 from the file name
    assert row["interactivity"] == pytest.approx(1000 / 24.32254352606833)
    # successful total_token_count.total_sum / duration over 4 GPUs
    doc = json.loads(
        (
            formats
            / "guidellm/danielkorat.Qwen_Qwen3-4B-Thinking-2507_tp4_quant-fp8_benchmarks.json"
        ).read_text()
    )
    bench = doc["benchmarks"][0]
    total = bench["metrics"]["total_token_count"]["successful"]["total_sum"]
    assert row["tput_per_gpu"] == pytest.approx(total / bench["duration"] / 4)


def test_agentic_rows_are_explained(formats: Path) -> None:
    res = load_paths([formats / "inferencemax_agentic"])
    assert res.frame.empty and len(res.problems) == 4
    assert all("agentic-coding scenario" in p.reason for p in res.problems)


def test_whole_folder_loads_every_good_row(formats: Path) -> None:
    res = load_paths([formats])
    read = [f for f in res.files if not f.format.startswith("skipped")]
    skipped = {Path(f.path).name for f in res.files if f.format.startswith("skipped")}
    assert len(res.frame) == 26 and len(read) == 20 and len(res.problems) == 7
    assert skipped == {"SOURCE.md"} and len(res.files) - len(read) == 7  # one per folder, named


def test_sidecar_beats_file_and_set_beats_sidecar(tmp_path: Path, formats: Path) -> None:
    sweep = tmp_path / "sweep" / "run1"
    sweep.mkdir(parents=True)
    src = formats / "vllm/er0080.vllm-0.25.1.sweep.max_num_seqs4.conc2.run0.json"
    (sweep / "conc2.json").write_text(src.read_text())
    (tmp_path / "sweep" / "paretop.toml").write_text(
        'hardware = "b200"\nnum_gpus = 2\nprecision = "bf16"\n'
    )
    (sweep / "paretop.toml").write_text("num_gpus = 4\n")  # nearer wins
    row = load_paths([tmp_path / "sweep"]).frame.iloc[0]
    assert (row["hardware"], row["num_gpus"], row["precision"]) == ("b200", 4, "bf16")
    assert row["tput_per_gpu"] == pytest.approx(281.2430388914002 / 4)
    row = load_paths([tmp_path / "sweep"], metadata={"num_gpus": "8"}).frame.iloc[0]
    assert row["num_gpus"] == 8
    assert os.path.basename(row["source"]) == "conc2.json"
