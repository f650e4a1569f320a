"""Each client and version on real (or writer-built) files in tests/fixtures/clients.

Every expected number is worked out by hand from the raw file; the arithmetic is in the
comment beside it. SOURCE.md there names where each file came from.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tui.core.reruns import drop_reruns
from tui.loaders import load_paths

CLIENTS = Path(__file__).parent / "fixtures" / "clients"
SWEEP = CLIENTS / "vllm_sweep" / "v0.25.1"


def rows(path: Path, **sets: str):
    res = load_paths([path], metadata=sets)
    assert res.problems == [], res.problems
    return res.frame, res


def test_vllm_sweep_counts_each_run_once_and_keeps_server_settings() -> None:
    frame, res = rows(SWEEP, num_gpus="1", hardware="h100", precision="bf16")
    skipped = [f for f in res.files if f.format.startswith("skipped")]
    assert len(frame) == 4 and len(skipped) == 2  # 2 settings x run=0,1; summaries skipped
    assert sorted(zip(frame["server_params"], frame["replicate"], strict=True)) == [
        ("max_num_seqs=4", "0"),
        ("max_num_seqs=4", "1"),
        ("max_num_seqs=8", "0"),
        ("max_num_seqs=8", "1"),
    ]
    first = frame[(frame["server_params"] == "max_num_seqs=4") & (frame["replicate"] == "0")]
    row = first.iloc[0]
    assert row["tput_per_gpu"] == pytest.approx(281.2430388914002)  # total_token_throughput / 1
    assert row["output_tput_per_gpu"] == pytest.approx(93.74767963046673)
    assert row["interactivity"] == pytest.approx(120.14189)  # 1000 / 8.323490332986694 ms
    assert (row["concurrency"], row["isl"], row["osl"]) == (2.0, 32, 16)  # 256/8, 128/8 tokens
    assert row["framework"] == "vllm"  # backend "openai"; SERVE-- folders are vLLM's sweeps
    assert not row["sequence_measured"]  # whole-number means: fixed lengths
    kept, dropped = drop_reruns(frame)
    assert (len(kept), dropped) == (4, 0)  # replicates and server settings are not reruns


def test_vllm_sweep_summary_alone_gives_its_replicates() -> None:
    folder = SWEEP / "SERVE--max_num_seqs=8-BENCH--max_concurrency=2-num_prompts=8"
    frame, res = rows(folder / "summary.json", num_gpus="1")
    assert res.files[0].format == "vllm" and list(frame["replicate"]) == ["0", "1"]
    assert set(frame["server_params"]) == {"max_num_seqs=8"}
    # run=1's record: 1000 / 8.311020166729577 ms
    assert frame.iloc[1]["interactivity"] == pytest.approx(120.32217)


def test_vllm_2024_benchmark_serving_without_total_throughput() -> None:
    frame, res = rows(CLIENTS / "vllm", num_gpus="1")
    row = frame.iloc[0]
    assert res.files[0].format == "vllm" and row["model"] == "Llama-2-7b-hf"
    # (215196 + 185010) / 131.2 s = 400206 / 131.2 = 3050.3506
    assert row["tput_per_gpu"] == pytest.approx(3050.3506098)
    assert row["output_tput_per_gpu"] == pytest.approx(1410.1371951)  # 185010 / 131.2
    assert row["interactivity"] == pytest.approx(1000 / 22.5)  # 44.44 tok/s/user
    assert row["request_rate"] == 8.0 and math.isnan(row["concurrency"])
    # measured means 215196/1000 = 215.196 and 185010/1000 = 185.01 name a measured sequence
    assert (row["isl"], row["osl"], bool(row["sequence_measured"])) == (215, 185, True)
    assert row["measured_isl"] == pytest.approx(215.196)


def test_aiperf_early_records_layout() -> None:
    frame, res = rows(CLIENTS / "aiperf" / "early_records.profile_export_aiperf.json", num_gpus="1")
    row = frame.iloc[0]
    assert res.files[0].format == "aiperf" and row["model"] == "gpt-oss-20b"
    assert row["interactivity"] == pytest.approx(36.21203256049328)  # per-user p50
    # 2320.7222 + 9.5516222 req/s x 550 ISL = 2320.7222 + 5253.3922 = 7574.1145
    assert row["tput_per_gpu"] == pytest.approx(7574.1145, rel=1e-6)
    assert row["concurrency"] == 100.0  # input_config.loadgen.concurrency
    # --osl 250 configured; ISL: AIPerf's default synthetic 550 (measured 550.0 too)
    assert (row["isl"], row["osl"], bool(row["sequence_measured"])) == (550, 250, False)


def test_aiperf_010_uses_its_total_and_groups_a_sharegpt_sweep() -> None:
    frame, _ = rows(CLIENTS / "aiperf" / "v0.10.0", num_gpus="2")
    c2 = frame[frame["concurrency"] == 2.0].iloc[0]
    assert c2["tput_per_gpu"] == pytest.approx(1197.3333527266568 / 2)  # total_token_throughput
    assert c2["output_tput_per_gpu"] == pytest.approx(325.8306229225207 / 2)
    assert c2["interactivity"] == pytest.approx(181.6733569756459)  # per-user p50
    assert c2["model"] == "qwen3.6-nvfp4" and c2["replicate"] == "0"  # run_info.trial
    # one ShareGPT sequence: ISL (580.71875 + 467.47917) / 2 = 524.1, OSL (217.11 + 228.24) / 2
    # = 222.68, although the two runs' ISLs differ by 24%
    assert set(zip(frame["isl"], frame["osl"], strict=True)) == {(524, 223)}
    assert set(frame["dataset"]) == {"sharegpt"} and frame["sequence_measured"].all()
    assert sorted(frame["measured_isl"]) == pytest.approx([467.4791666666667, 580.71875])


def test_aiperf_without_input_lengths_keeps_output_numbers(tmp_path: Path) -> None:
    import json

    doc = json.loads((CLIENTS / "aiperf/v0.10.0/chatbot/c2/profile_export_aiperf.json").read_text())
    for key in ("input_sequence_length", "total_isl", "total_token_throughput"):
        del doc[key]
    doc["input_config"]["datasets"] = [{"name": "main", "type": "file", "path": "/d/prompts.jsonl"}]
    (tmp_path / "profile_export_aiperf.json").write_text(json.dumps(doc))
    frame, _ = rows(tmp_path, num_gpus="2")
    row = frame.iloc[0]
    assert math.isnan(row["tput_per_gpu"]) and "no input lengths" in row["tput_formula"]
    assert row["output_tput_per_gpu"] == pytest.approx(325.8306229225207 / 2)
    assert (row["isl"], row["osl"], row["dataset"]) == (0, 217, "prompts.jsonl")  # ISL unknown


def test_aiperf_sweep_aggregate_alone_and_beside_its_runs(tmp_path: Path) -> None:
    frame, res = rows(CLIENTS / "aiperf_sweep", num_gpus="1")
    assert res.files[0].format == "aiperf sweep aggregate" and len(frame) == 2
    by_c = frame.set_index("concurrency")
    assert by_c.loc[4.0, "tput_per_gpu"] == 2512.0  # 512 tok/s + 2.0 req/s x 1000 ISL
    assert by_c.loc[16.0, "tput_per_gpu"] == 7536.0  # 1536 + 6.0 x 1000
    assert (by_c.loc[4.0, "interactivity"], by_c.loc[16.0, "interactivity"]) == (140.0, 100.0)
    sweep = tmp_path / "sweep"
    (sweep / "sweep_aggregate").mkdir(parents=True)
    aggregate = CLIENTS / "aiperf_sweep/sweep_aggregate/profile_export_aiperf_sweep.json"
    (sweep / "sweep_aggregate" / aggregate.name).write_text(aggregate.read_text())
    (sweep / "concurrency_2").mkdir()
    c2 = CLIENTS / "aiperf/v0.10.0/chatbot/c2/profile_export_aiperf.json"
    (sweep / "concurrency_2" / c2.name).write_text(c2.read_text())
    frame, res = rows(sweep, num_gpus="1")
    assert len(frame) == 1 and any(f.format.startswith("skipped") for f in res.files)


def test_aiperf_csv_is_labelled_aiperf(tmp_path: Path) -> None:
    text = (
        "Metric,avg,min,max,p1,p5,p10,p25,p50,p75,p90,p95,p99,std\n"
        "Inter Token Latency (ms),8.00,6,10,6,6,7,7,8.00,9,9,9,10,1\n"
        "Input Sequence Length (tokens),100,100,100,100,100,100,100,100,100,100,100,100,0\n"
        "Output Sequence Length (tokens),50,50,50,50,50,50,50,50,50,50,50,50,0\n"
        "\n"
        "Metric,Value\n"
        "Output Token Throughput (tokens/sec),400.00\n"
        "Request Throughput (requests/sec),8.00\n"
    )
    (tmp_path / "profile_export_aiperf.csv").write_text(text)
    frame, res = rows(tmp_path, num_gpus="1")
    assert res.files[0].format == "aiperf CSV"
    row = frame.iloc[0]
    assert (row["interactivity"], row["tput_per_gpu"]) == (125.0, 1200.0)  # 1000/8; 400+8x100


def test_aiperf_trials_aggregate_alone(tmp_path: Path) -> None:
    """`profile_export_aiperf_aggregate.json` as AggregateConfidenceJsonExporter writes it."""
    import json

    sweep = json.loads(
        (CLIENTS / "aiperf_sweep/sweep_aggregate/profile_export_aiperf_sweep.json").read_text()
    )
    doc = {
        "schema_version": "1.0",
        "aiperf_version": "0.11.0",
        "metadata": {"aggregation_type": "confidence", "num_profile_runs": 3},
        "metrics": sweep["per_combination_metrics"][1]["metrics"],  # the concurrency-16 cell
    }
    (tmp_path / "concurrency_16").mkdir()
    (tmp_path / "concurrency_16" / "profile_export_aiperf_aggregate.json").write_text(
        json.dumps(doc)
    )
    frame, res = rows(tmp_path, num_gpus="1")
    row = frame.iloc[0]
    assert res.files[0].format == "aiperf trials aggregate"
    assert (row["concurrency"], row["tput_per_gpu"], row["interactivity"]) == (16.0, 7536.0, 100.0)
