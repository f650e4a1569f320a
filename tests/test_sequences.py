"""Sequences of measured runs, their labels, and `paretop rows`."""

from __future__ import annotations

import json
import math
from pathlib import Path

from click.testing import CliRunner
from test_clients import CLIENTS

from tui.cli import main
from tui.core.schema import COLUMNS, approx_length, parse_sequence, sequence_label
from tui.loaders.sequences import group_measured


def test_labels_round_trip() -> None:
    assert sequence_label(1024, 8192) == "1k/8k" and parse_sequence("1k/8k") == (1024, 8192)
    label = sequence_label(524, 223, measured=True, dataset="sharegpt")
    assert label == "sharegpt ~524/~223 (measured)" and parse_sequence(label) == (524, 223)
    # 88123 rounds to thousands, 1875 to hundreds, 580.7 to a whole token
    assert (approx_length(88123.4), approx_length(1875), approx_length(580.7)) == (88000, 1900, 581)
    assert sequence_label(88000, 400, measured=True) == "~88k/~400 (measured)"
    assert parse_sequence("~88k/~400 (measured)") == (88000, 400)
    assert parse_sequence("~1.9k/~400") == (1900, 400)
    assert sequence_label(0, 217, measured=True) == "~?/~217 (measured)"


def measured(isl: float, osl: float, dataset: str = "") -> dict[str, object]:
    return {
        "isl": approx_length(isl),
        "osl": approx_length(osl),
        "measured_isl": isl,
        "measured_osl": osl,
        "sequence_measured": True,
        "dataset": dataset,
    }


def test_runs_within_ten_percent_share_a_sequence() -> None:
    rows = [measured(1000, 200), measured(1080, 190), measured(1500, 200), measured(700, 500)]
    group_measured(rows)
    # 1000 and 1080 are within 10% (80 / 1080 = 7.4%), and 200/190 too: (1000 + 1080) / 2 = 1040,
    # shown to the hundred as 1000 (~1k), (200 + 190) / 2 = 195; 1500 is 33% away and 700/500
    # is another workload
    assert [(r["isl"], r["osl"]) for r in rows] == [
        (1000, 195),
        (1000, 195),
        (1500, 200),
        (700, 500),
    ]


def test_a_dataset_is_one_sequence_whatever_the_spread() -> None:
    rows = [measured(580.7, 217.1, "sharegpt"), measured(467.5, 228.2, "sharegpt")]
    group_measured(rows)
    # (580.7 + 467.5) / 2 = 524.1, (217.1 + 228.2) / 2 = 222.65
    assert {(r["isl"], r["osl"]) for r in rows} == {(524, 223)}


def test_rows_command_prints_every_column() -> None:
    runner = CliRunner()
    done = runner.invoke(main, ["rows", str(CLIENTS / "llmperf"), "--format", "json"])
    assert done.exit_code == 0, done.stderr
    doc = json.loads(done.stdout)  # strict JSON: NaN became null
    assert list(doc["rows"][0]) == COLUMNS and doc["problems"] == []
    assert doc["rows"][0]["tput_per_gpu"] is None  # no num_gpus given
    assert math.isclose(doc["rows"][0]["interactivity"], 187.94135731780597)
    csv = runner.invoke(main, ["rows", str(CLIENTS / "llmperf"), "--set", "num_gpus=8"])
    header, line = csv.stdout.splitlines()[:2]
    assert header.split(",") == COLUMNS and "llama2-70b-4096" in line


def test_rows_command_with_nothing_read(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text("{}")
    done = CliRunner().invoke(main, ["rows", str(tmp_path), "--format", "json"])
    assert done.exit_code == 1 and json.loads(done.stdout)["rows"] == []


def test_aiperf_and_genai_perf_configured_lengths() -> None:
    from tui.loaders import perf_config

    synthetic = {
        "datasets": [{"type": "synthetic", "prompts": {"isl": {"mean": 1024}, "osl": 128}}]
    }
    trace = {"datasets": [{"type": "file", "path": "/t/a.jsonl", "format": "mooncake_trace"}]}
    early = {"input": {"prompt": {"output_tokens": {"mean": 250}}}, "loadgen": {}}
    flat = {"synthetic_input_tokens_mean": 150, "output_tokens_mean": -1}
    assert perf_config.lengths(synthetic) == (1024, 128)
    assert (perf_config.lengths(trace), perf_config.dataset(trace)) == (
        (None, None),
        "mooncake_trace",
    )
    assert perf_config.lengths(early) == (550, 250)  # AIPerf's default synthetic ISL
    assert perf_config.lengths(flat) == (150, None)  # -1: no output limit, so measured


def test_rows_csv_shows_control_characters(tmp_path: Path) -> None:
    rec = json.loads((CLIENTS / "llmperf" / "groq_70b_summary.json").read_text())
    rec["model"] = "evil\x1b[31mred"
    (tmp_path / "x_summary.json").write_text(json.dumps(rec))
    done = CliRunner().invoke(main, ["rows", str(tmp_path)])
    assert "\x1b" not in done.stdout and "evil\\x1b[31mred" in done.stdout
