"""`paretop rows PATHS`: the canonical rows paretop read, every column, as CSV, JSON or Parquet.

A user can turn any client's files into one spreadsheet, and see exactly what was read; Parquet
takes results that outgrow one machine straight into DuckDB, Spark or any Arrow-based engine.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path
from typing import Any

import click

from tui.cli_input import fail, file_options, load_files

NOTHING_READ = 1
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _visible(value: Any) -> Any:
    """Text from files never reaches a terminal raw: control characters become \\xNN."""
    if not isinstance(value, str):
        return value
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", value)


def _cell(value: Any) -> Any:
    """JSON-safe: NaN and pandas NA become null, numpy numbers plain numbers, tuples lists;
    an infinite request rate (all requests at once) becomes the string "inf"."""
    import pandas as pd

    if isinstance(value, tuple | list):
        return [str(v) for v in value]
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None if math.isnan(value) else str(value)
    return value


def as_json(frame: Any, problems: list[Any]) -> str:
    from tui.core.schema import COLUMNS

    rows = [{col: _cell(rec[col]) for col in COLUMNS} for rec in frame.to_dict("records")]
    doc = {
        "rows": rows,
        "problems": [{"path": p.path, "row": p.row, "reason": p.reason} for p in problems],
    }
    return json.dumps(doc, indent=2, allow_nan=False) + "\n"


def as_csv(frame: Any) -> str:
    from tui.core.schema import COLUMNS

    out = frame[COLUMNS].copy()
    out["missing"] = [",".join(keys) for keys in out["missing"]]
    for col in out.select_dtypes(include=["object", "category"]).columns:
        out[col] = [_visible(v) for v in out[col]]
    return str(out.to_csv(index=False, lineterminator="\n"))


def to_terminal() -> bool:
    return sys.stdout.isatty()


def as_parquet(frame: Any, out: Path | Any) -> None:
    """The rows as a Parquet file (pyarrow writes it; it is an optional dependency).

    Values are written as read: Parquet cells are data for another program, not text for a
    terminal, so nothing is escaped. Text columns are dictionary-encoded, as they repeat.
    """
    try:
        import pyarrow  # noqa: F401  # only to say plainly what is missing
    except ImportError:
        fail("--format parquet needs pyarrow: pip install 'paretop[parquet]' (or pyarrow)")
    from tui.core.schema import COLUMNS

    rows = frame[COLUMNS].copy()
    rows["missing"] = [list(keys) for keys in rows["missing"]]
    for col in ("dp_attention", "disagg", "prefill_dp_attention", "decode_dp_attention"):
        rows[col] = rows[col].astype("boolean")  # yes, no, or unknown
    rows.to_parquet(out, index=False)


@click.command("rows")
@file_options(("csv", "json", "parquet"))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output (Parquet needs one, or a redirect).",
)
def rows_cmd(
    paths: tuple[Path, ...], sets: tuple[str, ...], fmt: str, no_cache: bool, output: Path | None
) -> None:
    """Print the canonical rows read from PATHS (every column), e.g. for a spreadsheet.

    Problems go to stderr (CSV, Parquet) or the "problems" list (JSON). Exit 1 when no row was
    read.
    """
    if fmt == "parquet" and output is None and to_terminal():
        fail("Parquet is binary: give --output FILE or redirect (> rows.parquet)")
    result = load_files(paths, sets, no_cache)
    if fmt != "json":
        for problem in result.problems:
            click.echo(f"paretop: {_visible(str(problem))}", err=True)
    if fmt == "parquet":
        as_parquet(result.frame, output or sys.stdout.buffer)
    else:
        text = as_json(result.frame, result.problems) if fmt == "json" else as_csv(result.frame)
        if output is None:
            click.echo(text, nl=False)
        else:
            output.write_text(text, encoding="utf-8")
    sys.exit(NOTHING_READ if result.frame.empty else 0)
