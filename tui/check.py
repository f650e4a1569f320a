"""`paretop check`: what each file was read as, every problem, and what metadata is missing."""

from __future__ import annotations

import json
from typing import Any

from tui.core.advice import missing_notes
from tui.core.text import inert
from tui.loaders import LoadResult

OK, SOME_PROBLEMS, NOTHING_READ = 0, 2, 1


def exit_code(result: LoadResult) -> int:
    if result.frame.empty:
        return NOTHING_READ
    return SOME_PROBLEMS if result.problems else OK


def as_json(result: LoadResult) -> str:
    doc: dict[str, Any] = {
        "rows": len(result.frame),
        "files": [{"path": f.path, "format": f.format, "rows": f.rows} for f in result.files],
        "problems": [{"path": p.path, "row": p.row, "reason": p.reason} for p in result.problems],
        "missing_metadata": missing_notes(result.frame),
    }
    return json.dumps(doc, indent=2) + "\n"


def as_text(result: LoadResult) -> str:
    paths = [inert(f.path) for f in result.files]
    width = max((len(p) for p in paths), default=4)
    lines = [
        f"{p.ljust(width)}  {inert(f.format):<24} {f.rows:>5} rows"
        for p, f in zip(paths, result.files, strict=True)
    ]
    if result.problems:
        lines += ["", f"Problems ({len(result.problems)}):"]
        lines += [f"  {p}" for p in result.problems]
    notes = missing_notes(result.frame)
    if notes:
        lines += ["", "Missing metadata:"] + [f"  {inert(n)}" for n in notes]
    bad = len({p.path for p in result.problems})
    passed = sum(1 for f in result.files if f.format.startswith("skipped"))
    also = f" ({passed} more found and skipped, each listed above)" if passed else ""
    lines += [
        "",
        f"{len(result.frame)} rows from {len(result.files) - passed} files{also}; "
        f"{len(result.problems)} problems in {bad} files.",
    ]
    return "\n".join(lines) + "\n"
