"""`vllm bench sweep serve` output as its current writer lays it out (vllm/benchmarks/sweep/
serve.py): run=N.json with the settings merged in, summary.json per setting, summary.csv at
the root, warmup.json and *.failure.json files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
from test_clients import SWEEP

from tui.loaders import load_paths


def sweep_with_csv(tmp_path: Path) -> Path:
    root = tmp_path / "20260818_021300"
    shutil.copytree(SWEEP, root)
    records = [json.loads(p.read_text()) for p in sorted(root.glob("*/run=*.json"))]
    pd.DataFrame.from_records(records).to_csv(root / "summary.csv")  # as the writer does
    return root


def test_summary_csv_is_skipped_beside_its_runs(tmp_path: Path) -> None:
    res = load_paths([sweep_with_csv(tmp_path)], metadata={"num_gpus": "1"})
    assert len(res.frame) == 4 and res.problems == []
    formats = {Path(f.path).name: f.format for f in res.files}
    assert formats["summary.csv"].startswith("skipped: sweep summary")


def test_summary_csv_alone_keeps_settings_and_replicates(tmp_path: Path) -> None:
    csv = sweep_with_csv(tmp_path) / "summary.csv"
    res = load_paths([csv], metadata={"num_gpus": "1"})
    assert res.files[0].format == "vllm sweep summary CSV" and res.problems == []
    got = sorted(zip(res.frame["server_params"], res.frame["replicate"], strict=True))
    assert got == [
        ("max_num_seqs=4", "0"),
        ("max_num_seqs=4", "1"),
        ("max_num_seqs=8", "0"),
        ("max_num_seqs=8", "1"),
    ]
    # the first row is SERVE--max_num_seqs=4 run=0: total_token_throughput 281.2430 / 1 GPU
    assert sorted(res.frame["tput_per_gpu"])[0] == 281.2430388914002


def test_warmup_and_failure_files(tmp_path: Path) -> None:
    root = tmp_path / "sweep" / "SERVE--max_num_seqs=4-BENCH--max_concurrency=2"
    root.mkdir(parents=True)
    run = SWEEP / "SERVE--max_num_seqs=4-BENCH--max_concurrency=2-num_prompts=8" / "run=0.json"
    (root / "warmup.json").write_text(run.read_text())
    (root / "run=0.json").write_text(run.read_text())
    failure = {"run_number": 1, "error_type": "TimeoutError", "error": "server did not answer"}
    failure |= {"serve_overrides": {"max_num_seqs": 4}, "bench_overrides": {}}
    (root / "run=1.failure.json").write_text(json.dumps(failure))
    res = load_paths([tmp_path / "sweep"])
    assert len(res.frame) == 1  # the warm-up is not a measurement
    assert [p.reason for p in res.problems] == [
        "a failed sweep run (TimeoutError: server did not answer): no measurement"
    ]


def test_a_later_sweep_of_the_same_settings_supersedes_the_earlier(tmp_path: Path) -> None:
    from tui.core.reruns import drop_reruns

    for name, date in (("first", "20260818-021333"), ("second", "20260901-090000")):
        for run in SWEEP.glob("*/run=*.json"):
            target = tmp_path / name / run.parent.name / run.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps({**json.loads(run.read_text()), "date": date}))
    res = load_paths([tmp_path], metadata={"num_gpus": "1"})
    kept, dropped = drop_reruns(res.frame)
    # 2 settings x 2 replicates per sweep: the second sweep's 4 rows count, the first's are reruns
    assert (len(res.frame), len(kept), dropped) == (8, 4, 4)
    assert all("/second/" in source for source in kept["source"])
