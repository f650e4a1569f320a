"""`paretop rows --format parquet`: every row and column, values exactly as read."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from tui import cli_rows
from tui.cli import main
from tui.loaders import load_paths

CLIENTS = Path(__file__).parent / "fixtures" / "clients"
SETS = ["--set", "hardware=h100", "--set", "num_gpus=8"]


def test_parquet_holds_what_was_read(tmp_path: Path) -> None:
    out = tmp_path / "rows.parquet"
    done = CliRunner().invoke(
        main, ["rows", str(CLIENTS), *SETS, "--format", "parquet", "-o", str(out)]
    )
    assert done.exit_code == 0, done.output
    back = pd.read_parquet(out)
    read = load_paths([CLIENTS], metadata={"hardware": "h100", "num_gpus": "8"}).frame
    assert len(back) == len(read) > 10
    for col in ("tput_per_gpu", "interactivity", "concurrency"):
        assert back[col].fillna(-1).tolist() == read[col].fillna(-1).tolist()  # NaN: GPUs unknown
    assert back["model"].astype(str).tolist() == read["model"].astype(str).tolist()
    assert [tuple(v) for v in back["missing"]] == list(read["missing"])
    assert str(back["disagg"].dtype) == "boolean"


def test_parquet_is_not_written_to_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_rows, "to_terminal", lambda: True)
    done = CliRunner().invoke(main, ["rows", str(CLIENTS), "--format", "parquet"])
    assert done.exit_code == 1 and "--output" in done.output


def test_without_pyarrow_the_message_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    args = ["rows", str(CLIENTS), *SETS, "--format", "parquet", "-o", str(tmp_path / "x")]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 1 and "pip install 'paretop[parquet]'" in done.output
    assert not (tmp_path / "x").exists()
