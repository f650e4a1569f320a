"""The table as plain text, Markdown, CSV or JSON: for scripts, chats and pull requests.

`OUTPUT_FORMATS` at the end is the one list of them (CLI --format, palette, help). Importing
this module is cheap (no pandas), so `paretop --help` stays fast. Adding a format is a writer
here and one entry in that list.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui.core.dimensions import BY_NAME
from tui.core.measures import Metric
from tui.core.targets import format_target
from tui.core.text import finite_json, inert, markdown_cell, spreadsheet_cell

if TYPE_CHECKING:
    from tui.core.series import Point
    from tui.core.table import Table


def best_index(values: list[float], higher: bool | None) -> int | None:
    """The series to emphasise in a cell: best value, only when two or more are known."""
    known = [(v, i) for i, v in enumerate(values) if not math.isnan(v)]
    if higher is None or len(known) < 2:
        return None  # context metrics (concurrency) are never "best"
    return (max(known) if higher else min(known))[1]


Block = tuple[list[list[str]], list[int | None]]  # texts[series][target], best series per target


def metric_block(table: Table, metric: Metric) -> Block:
    """One metric's cells for every series and target, and which series is best per target."""
    n = len(table.targets)
    per_target = [[v[t].values[metric.key] for v in table.values] for t in range(n)]
    best = [best_index(vals, metric.higher_is_better) for vals in per_target]
    texts = [[metric.fmt(per_target[t][s]) for t in range(n)] for s in range(len(table.series))]
    return texts, best


def grid(
    table: Table, mark: Callable[[str], str], other: Callable[[str], str] = str
) -> list[list[str]]:
    """Rows of [metric, series, value per target...]; the best value per cell passed to mark,
    the others to `other` (plain text pads them so a marker never shifts the digits)."""
    rows: list[list[str]] = []
    for metric in table.metrics:
        texts, best = metric_block(table, metric)
        for s, series in enumerate(table.series):
            marked = [mark(x) if best[t] == s else other(x) for t, x in enumerate(texts[s])]
            rows.append([metric.label if s == 0 else "", series.label, *marked])
    return rows


def header(table: Table) -> list[str]:
    return ["metric", "series", *[f"@{format_target(t)} tok/s/user" for t in table.targets]]


def title(table: Table) -> str:
    return (
        f"{table.model} · {table.sequence} · cost model {table.cost_model} · "
        f"grouped by {'+'.join(table.group_by)}"
    )


def footer(table: Table) -> list[str]:
    lines = list(table.sentences) + list(table.notes)
    lines.append(f"Data: {', '.join(table.sources)}.")
    return lines


def to_plain(table: Table) -> str:
    body = grid(table, lambda x: x + " *", lambda x: x + "  ")
    rows = [
        [inert(c) for c in r]
        for r in [[*header(table)[:2], *(h + "  " for h in header(table)[2:])], *body]
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [inert(title(table)), ""]
    for n, row in enumerate(rows):
        pad = [
            c.ljust(w) if i < 2 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(pad).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines += ["(* best at that target)", "", *(inert(line) for line in footer(table))]
    return "\n".join(lines) + "\n"


def to_markdown(table: Table) -> str:
    rows = [[markdown_cell(c) for c in r] for r in grid(table, lambda x: f"**{x}**")]
    head = [markdown_cell(c) for c in header(table)]
    lines = [f"**{markdown_cell(title(table))}**", "", "| " + " | ".join(head) + " |"]
    lines.append("|" + "|".join([":---", ":---"] + ["---:"] * len(table.targets)) + "|")
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    lines += [""] + [f"- {inert(line)}" for line in footer(table)]
    return "\n".join(lines) + "\n"


def _point_dict(p: Point) -> dict[str, float | None]:
    values = {"interactivity": p.interactivity, **p.values}
    return {k: (None if math.isnan(v) else v) for k, v in values.items()}


def to_records(table: Table) -> list[dict[str, Any]]:
    """One record per (series, target), long form, for CSV and scripts."""
    out = []
    for series, values in zip(table.series, table.values, strict=True):
        for point in values:
            key = {BY_NAME[d].column: v for d, v in series.key.items()}  # canonical names
            out.append({"series": series.label, **key, **_point_dict(point)})
    return out


def to_csv(table: Table, delimiter: str = ",") -> str:
    """Machine values: one record per series and target, full precision, canonical names."""
    records = to_records(table)
    buf = io.StringIO()
    fields = list(records[0]) if records else ["series"]
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow([spreadsheet_cell(f) for f in fields])
    for r in records:
        writer.writerow(["" if r.get(f) is None else spreadsheet_cell(r[f]) for f in fields])
    return buf.getvalue()


def to_tsv(table: Table) -> str:
    """The CSV's records and columns, tab-separated: pastes into a spreadsheet cell by cell."""
    return to_csv(table, "\t")


def to_json_obj(table: Table) -> dict[str, Any]:
    return {
        "model": table.model,
        "sequence": table.sequence,
        "group_by": list(table.group_by),
        "cost_model": table.cost_model,
        "targets": table.targets,
        "series": [
            {
                "key": _key_json(s.key),
                "label": s.label,
                "runs": len(s.rows),
                "frontier": [
                    {"interactivity": float(x), s.basis: float(y)}
                    for x, y in zip(s.front["interactivity"], s.front[s.basis], strict=True)
                ],
                "values": [_point_dict(p) for p in values],
            }
            for s, values in zip(table.series, table.values, strict=True)
        ],
        "sentences": table.sentences,
        "notes": table.notes,
        "reruns_dropped": table.reruns_dropped,
        "sources": table.sources,
        "problems": [{"path": p.path, "row": p.row, "reason": p.reason} for p in table.problems],
    }


def _key_json(key: dict[str, str]) -> dict[str, str]:
    names = {"spec": "spec_decoding"}
    return {names.get(k, k): v for k, v in key.items()}


def to_json(table: Table, command: str | None = None) -> str:
    """The table as JSON (never NaN or Infinity: null), with the reproducing command if given."""
    doc = to_json_obj(table)
    if command is not None:
        doc["command"] = command
    return json.dumps(finite_json(doc), indent=2, allow_nan=False) + "\n"


@dataclass(frozen=True)
class OutputFormat:
    name: str
    description: str
    suffix: str  # file name extension for saved tables
    write: Callable[[Table], str]


OUTPUT_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("plain", "aligned text, for terminals and logs", "txt", to_plain),
    OutputFormat("markdown", "a Markdown table, for chats, docs and PRs", "md", to_markdown),
    OutputFormat("csv", "one record per series and target, full precision", "csv", to_csv),
    OutputFormat("tsv", "the CSV's machine values, tab-separated, for spreadsheets", "tsv", to_tsv),
    OutputFormat("json", "everything, for scripts", "json", to_json),
)
FORMATS: dict[str, OutputFormat] = {f.name: f for f in OUTPUT_FORMATS}
