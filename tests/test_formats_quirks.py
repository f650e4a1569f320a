"""Small files written here, one quirk each, with exact expected values."""

from __future__ import annotations

import json
import time
from pathlib import Path

from click.testing import CliRunner

from tui.cli import main
from tui.loaders import load_paths

VLLM = {
    "date": "20260101-120000",
    "backend": "vllm",
    "model_id": "org/Model-7B",
    "num_prompts": 10,
    "request_rate": "inf",
    "max_concurrency": "16",
    "duration": 10.0,
    "completed": 10,
    "total_input_tokens": 10240,
    "total_output_tokens": 10240,
    "output_throughput": "512.0",
    "total_token_throughput": "1536.0",
    "median_ttft_ms": "50",
    "median_tpot_ms": "20",
    "median_itl_ms": 19.0,
    "median_e2el_ms": 10000.0,
}
SGLANG_LINE = (
    '{"backend": "sglang", "dataset_name": "random", "request_rate": Infinity, "max_concurrency": 32, '
    '"total_input_tokens": 32768, "total_output_tokens": 32768, "median_ttft_ms": 100.0, '
    '"median_tpot_ms": 25.0, "median_itl_ms": 24.0, "median_e2e_latency_ms": 26000.0, '
    '"output_throughput": 1000.0, "total_throughput": 2000.0, "random_input_len": 1024, '
    '"random_output_len": 1024, "random_range_ratio": 1.0, "duration": 32.768, "completed": 32}'
)


def test_vllm_strings_for_numbers(tmp_path: Path) -> None:
    (tmp_path / "r.json").write_text(json.dumps(VLLM))
    row = load_paths([tmp_path], metadata={"num_gpus": "4", "hardware": "h200"}).frame.iloc[0]
    assert (row["concurrency"], row["interactivity"], row["tput_per_gpu"]) == (16.0, 50.0, 384.0)
    assert (row["output_tput_per_gpu"], row["isl"], row["osl"], row["ttft_s"]) == (
        128.0,
        1024,
        1024,
        0.05,
    )
    assert row["model"] == "Model-7B" and row["request_rate"] == float("inf")


def test_vllm_append_result_json_lines_with_a_broken_line(tmp_path: Path) -> None:
    lines = [json.dumps({**VLLM, "max_concurrency": c}) for c in (1, 2, 4)]
    lines.insert(2, '{"backend": "vllm", "model_id": ')  # a crash mid-write, long ago
    (tmp_path / "append.jsonl").write_text("\n".join(lines) + "\n")
    res = load_paths([tmp_path])
    assert list(res.frame["concurrency"]) == [1.0, 2.0, 4.0]
    assert [(p.row, p.reason.split(":")[0]) for p in res.problems] == [
        (2, "line 3 is not valid JSON")
    ]
    assert res.files[0].format == "vllm (JSON lines)"


def test_vllm_sweep_summary_list(tmp_path: Path) -> None:
    (tmp_path / "summary.json").write_text(
        json.dumps([{**VLLM, "max_concurrency": c} for c in (8, 16)])
    )
    res = load_paths([tmp_path])
    assert list(res.frame["concurrency"]) == [8.0, 16.0] and res.problems == []


def test_vllm_missing_tpot_and_itl(tmp_path: Path) -> None:
    rec = {k: v for k, v in VLLM.items() if k not in ("median_tpot_ms", "median_itl_ms")}
    (tmp_path / "r.json").write_text(json.dumps(rec))
    res = load_paths([tmp_path])
    assert res.frame.empty
    assert res.problems[0].reason.startswith("no per-user speed (no TPOT, ITL or per-user")
    assert "cannot be placed on the interactivity axis" in res.problems[0].reason


def test_sglang_bare_infinity_and_total_throughput(tmp_path: Path) -> None:
    (tmp_path / "out.jsonl").write_text(SGLANG_LINE + "\n")
    row = load_paths([tmp_path], metadata={"num_gpus": "8", "model": "Llama"}).frame.iloc[0]
    assert (row["framework"], row["model"], row["isl"], row["osl"]) == (
        "sglang",
        "Llama",
        1024,
        1024,
    )
    assert (row["tput_per_gpu"], row["output_tput_per_gpu"], row["interactivity"]) == (
        250.0,
        125.0,
        40.0,
    )
    assert row["request_rate"] == float("inf") and row["concurrency"] == 32.0


def test_sglang_model_from_server_info(tmp_path: Path) -> None:
    rec = json.loads(SGLANG_LINE.replace("Infinity", "1e999"))
    rec["server_info"] = {"model_path": "meta-llama/Llama-3.3-70B-Instruct"}
    (tmp_path / "bench.jsonl").write_text(json.dumps(rec).replace("Infinity", "Infinity") + "\n")
    assert load_paths([tmp_path]).frame.iloc[0]["model"] == "Llama-3.3-70B-Instruct"


def test_genai_perf_csv_with_extra_columns_and_crlf(tmp_path: Path) -> None:
    text = (
        "Metric,avg,min,max,p99,p95,p90,p75,p50,p25,p1\r\n"
        'Inter Token Latency (ms),10.00,9.00,12.00,11.90,11.50,11.00,10.50,"10.00",9.50,9.01\r\n'
        "Input Sequence Length (tokens),200.00,200.00,200.00,200.00,200.00,200.00,200.00,200.00,200.00,200\r\n"
        "Output Sequence Length (tokens),100.00,90.00,110.00,110.00,108.00,105.00,102.00,100.00,98.00,91\r\n"
        "\r\n"
        "Metric,Value\r\n"
        'Output Token Throughput (per sec),"1,000.00"\r\n'
        "Request Throughput (per sec),10.00\r\n"
    )
    (tmp_path / "profile_export_genai_perf.csv").write_text(text)
    row = load_paths([tmp_path], metadata={"num_gpus": "2"}).frame.iloc[0]
    assert row["interactivity"] == 100.0  # 1000 / p50 ITL 10 ms
    assert row["tput_per_gpu"] == (1000.0 + 10.0 * 200.0) / 2
    assert (row["isl"], row["osl"]) == (200, 100)


def test_guidellm_without_metadata_version(tmp_path: Path) -> None:
    """The older report: no metadata, args/run_stats/worker instead of config."""

    def dist(median: float, total: float = 0.0, mean: float | None = None) -> dict[str, object]:
        return {
            "successful": {
                "median": median,
                "mean": median if mean is None else mean,
                "total_sum": total,
            }
        }

    bench = {
        "args": {"strategy": {"type_": "concurrent", "streams": 8}},
        "worker": {"backend_model": "org/Tiny"},
        "run_stats": {"start_time": 100.0, "end_time": 120.0},
        "metrics": {
            "time_per_output_token_ms": dist(12.5),
            "time_to_first_token_ms": dist(80.0),
            "request_latency": dist(3.0),
            "total_token_count": dist(0, 40000.0),
            "output_token_count": dist(256, 20000.0, 256.0),
            "prompt_token_count": dist(512, 20000.0, 512.0),
        },
    }
    (tmp_path / "benchmarks.json").write_text(json.dumps({"benchmarks": [bench]}))
    res = load_paths([tmp_path], metadata={"num_gpus": "1"})
    assert res.files[0].format == "guidellm pre-0.4 (no metadata)"
    row = res.frame.iloc[0]
    assert (row["model"], row["concurrency"], row["interactivity"]) == ("Tiny", 8.0, 80.0)
    assert (row["tput_per_gpu"], row["output_tput_per_gpu"], row["isl"], row["osl"]) == (
        2000.0,
        1000.0,
        512,
        256,
    )


def test_empty_and_missing_fields(tmp_path: Path) -> None:
    (tmp_path / "empty.json").write_text("")
    (tmp_path / "nothroughput.json").write_text(
        json.dumps({**VLLM, "total_token_throughput": None, "duration": 0})
    )
    res = load_paths([tmp_path])
    reasons = sorted(p.reason for p in res.problems)
    assert reasons[0] == "empty file"
    assert reasons[1].startswith("no throughput: no total_token_throughput, and duration is 0")


def test_set_rejects_unknown_keys() -> None:
    result = CliRunner().invoke(main, ["table", ".", "--set", "colour=blue"])
    assert result.exit_code == 1 and "unknown key 'colour'" in result.stderr


def test_half_written_file_is_awaited_then_reported(tmp_path: Path) -> None:
    (tmp_path / "done.json").write_text(json.dumps(VLLM))
    (tmp_path / "writing.json").write_text(json.dumps(VLLM)[:50])
    fresh = load_paths([tmp_path], settle_s=60)
    assert len(fresh.frame) == 1 and fresh.problems == []
    assert fresh.pending == [str(tmp_path / "writing.json")]
    settled = load_paths([tmp_path], settle_s=0.0)
    assert "truncated" in settled.problems[0].reason and settled.pending == []
    time.sleep(0)  # the same file, read without watch mode, is broken at once
    assert "truncated" in load_paths([tmp_path]).problems[0].reason


def mixed_dir(tmp_path: Path) -> Path:
    sweep = tmp_path / "sweep"
    sweep.mkdir()
    for conc, tput, tpot in ((4, "400", "10"), (8, "700", "14"), (16, "1000", "25")):
        rec = {
            **VLLM,
            "max_concurrency": conc,
            "total_token_throughput": tput,
            "output_throughput": float(tput) / 2,  # output tokens are part of all tokens
            "median_tpot_ms": tpot,
        }
        (sweep / f"vllm_conc{conc}.json").write_text(json.dumps(rec))
    (sweep / "sglang.jsonl").write_text(SGLANG_LINE + "\n")
    (sweep / "paretop.toml").write_text(
        'hardware = "h200"\nnum_gpus = 1\nprecision = "fp8"\nmodel = "Model-7B"\n'
    )
    (sweep / "broken.json").write_text('{"backend": "vllm", "model_id": "x"')
    return sweep


def test_mixed_directory_in_check(tmp_path: Path) -> None:
    sweep = mixed_dir(tmp_path)
    result = CliRunner().invoke(main, ["check", str(sweep), "--format", "json"])
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert doc["rows"] == 4
    assert {Path(f["path"]).name: (f["format"], f["rows"]) for f in doc["files"]} == {
        "broken.json": ("json", 0),
        "sglang.jsonl": ("sglang", 1),
        "vllm_conc4.json": ("vllm", 1),
        "vllm_conc8.json": ("vllm", 1),
        "vllm_conc16.json": ("vllm", 1),
        "paretop.toml": ("skipped: metadata sidecar for the runs beside it", 0),
    }
    assert [Path(p["path"]).name for p in doc["problems"]] == ["broken.json"]
    text = CliRunner().invoke(main, ["check", str(sweep)])
    assert (
        "broken.json" in text.stdout
        and "4 rows from 5 files (1 more found and skipped, each listed above); 1 problems in 1 files."
        in text.stdout
    )


def test_mixed_directory_in_table(tmp_path: Path) -> None:
    sweep = mixed_dir(tmp_path)
    result = CliRunner().invoke(
        main, ["table", str(sweep), "--targets", "40,100", "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    labels = {s["label"]: s for s in doc["series"]}
    assert set(labels) == {"sglang", "vllm"}
    # vLLM runs: (1000/25 = 40, 1000), (1000/14, 700), (1000/10 = 100, 400) tok/s/GPU on 1 GPU
    assert labels["vllm"]["runs"] == 3
    assert [v["tput_per_gpu"] for v in labels["vllm"]["values"]] == [1000.0, 400.0]
    assert [v["tput_per_gpu"] for v in labels["sglang"]["values"]] == [2000.0, None]
    assert "broken.json" in result.stderr
    assert doc["problems"][0]["path"].endswith("broken.json")


def test_check_exit_codes(tmp_path: Path) -> None:
    (tmp_path / "ok.json").write_text(json.dumps(VLLM))
    assert CliRunner().invoke(main, ["check", str(tmp_path)]).exit_code == 0
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.json").write_text("{")
    assert CliRunner().invoke(main, ["check", str(bad)]).exit_code == 1


def test_missing_metadata_is_named_with_where_to_set_it(tmp_path: Path) -> None:
    (tmp_path / "r.json").write_text(json.dumps(VLLM))
    out = CliRunner().invoke(main, ["check", str(tmp_path)]).stdout
    assert "do not say" in out or "does not say" in out
    assert "--set hardware=h200 --set num_gpus=8" in out and str(tmp_path / "paretop.toml") in out
    table = CliRunner().invoke(main, ["table", str(tmp_path), "--format", "json"])
    doc = json.loads(table.stdout)
    assert any("num_gpus" in n and "paretop.toml" in n for n in doc["notes"])
    assert doc["series"][0]["values"] == []  # no per-GPU throughput, so no targets
