"""`paretop history` output: one line per configuration (plain), long rows (CSV), or JSON."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from typing import Any

from tui.core.history import HistoryLine, dates
from tui.core.measures import BY_KEY

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class HistoryView:
    model: str
    sequence: str
    target: float
    metric: str
    source: str  # the data line: "InferenceX, pulled 2026-11-30"
    lines: list[HistoryLine]


def text(value: str) -> str:
    """Data as inert text: control characters shown escaped, never sent to the terminal."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in value)


def number(metric: str, value: float) -> str:
    """As the table shows the metric, without thousands separators (the line uses commas)."""
    return BY_KEY[metric].fmt(value).replace(",", "")


def title(view: HistoryView) -> str:
    label = BY_KEY[view.metric].label
    return f"{text(view.model)} {view.sequence}: {label} at {view.target:g} tok/s/user, by run date"


def to_plain(view: HistoryView) -> str:
    out = [title(view), f"data: {text(view.source)}", ""]
    width = max((len(text(line.label)) for line in view.lines), default=0)
    for line in view.lines:
        values = "; ".join(f"{text(p.when)}: {number(view.metric, p.value)}" for p in line.points)
        if not values:
            values = f"— (no date's frontier reaches {view.target:g} tok/s/user)"
        out.append(f"{text(line.label).ljust(width)}  {values}")
    shown = dates(view.lines)
    if shown:
        kind = "dates" if all(_DATE.fullmatch(w) for w in shown) else "runs"
        out += [
            "",
            f"{len(shown)} {kind}, {text(shown[0])} to {text(shown[-1])}; a {kind[:-1]} appears "
            "only where its frontier holds the target (no extrapolation).",
        ]
    return "\n".join(out) + "\n"


def _records(view: HistoryView) -> list[dict[str, Any]]:
    return [
        {"configuration": line.label, **line.key, "date": p.when, view.metric: p.value}
        for line in view.lines
        for p in line.points
    ]


def to_csv(view: HistoryView) -> str:
    buf = io.StringIO()
    cols = ["configuration", "hardware", "framework", "precision", "spec", "date", view.metric]
    writer = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
    writer.writeheader()
    writer.writerows(_records(view))
    return buf.getvalue()


def to_json(view: HistoryView) -> str:
    obj = {
        "model": view.model,
        "sequence": view.sequence,
        "target": view.target,
        "metric": view.metric,
        "source": view.source,
        "lines": [
            {
                "configuration": line.label,
                "key": line.key,
                "points": [{"date": p.when, "value": p.value} for p in line.points],
            }
            for line in view.lines
        ],
    }
    return json.dumps(obj, indent=2) + "\n"


FORMATS = {"plain": to_plain, "csv": to_csv, "json": to_json}
