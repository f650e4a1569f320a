"""`paretop rows PATHS`: the canonical rows paretop read, every column, as CSV or JSON.

A user can turn any client's files into one spreadsheet, and see exactly what was read.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path
from typing import Any

import click

from tui.cli_input import file_options, load_files

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


@click.command("rows")
@file_options(("csv", "json"))
def rows_cmd(paths: tuple[Path, ...], sets: tuple[str, ...], fmt: str, no_cache: bool) -> None:
    """Print the canonical rows read from PATHS (every column), e.g. for a spreadsheet.

    Problems go to stderr (CSV) or the "problems" list (JSON). Exit 1 when no row was read.
    """
    result = load_files(paths, sets, no_cache)
    if fmt == "json":
        click.echo(as_json(result.frame, result.problems), nl=False)
    else:
        for problem in result.problems:
            click.echo(f"paretop: {_visible(str(problem))}", err=True)
        click.echo(as_csv(result.frame), nl=False)
    sys.exit(NOTHING_READ if result.frame.empty else 0)
