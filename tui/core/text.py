"""Text from files, file names, sidecars and flags made inert before it reaches any output.

Such text is data: a model name holding `ESC ] 2 ;` must not retitle the terminal, a name
starting with `=` must not become a spreadsheet formula, a `|` must not split a Markdown cell.
"""

from __future__ import annotations

import math
import re
from typing import Any

# C0 (tab and newline included: a cell or a line never holds one from data), DEL, C1, and the
# Unicode line separators and bidirectional overrides that reorder or split what is shown.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# OWASP CSV injection: a cell starting with one of these is read as a formula. The dashes
# become "-" in ASCII output (tui.core.glyphs), so they count too.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\u2014", "\u2013")
_MISSING = "\u2014"  # the em dash alone marks a missing value: harmless even as "-"
_PIPES = ("|", "\u2502", "\u2595")  # "|" and the bars that become "|" in ASCII output


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: object) -> str:
    """`text` as a string with every control character replaced by a visible escape (`\\x1b`)."""
    return _CONTROL.sub(_escape, str(text))


def spreadsheet_cell(value: Any) -> Any:
    """A CSV/TSV cell: text made inert and kept from starting a formula; numbers as they are."""
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START) and value != _MISSING:
        value = "'" + value
    return inert(value)


def markdown_cell(value: object) -> str:
    """A Markdown table cell: inert, one line, `|` escaped so it cannot split the cell."""
    text = inert(value)
    for bar in _PIPES:
        text = text.replace(bar, "\\" + bar)
    return text


def finite_json(value: Any) -> Any:
    """A JSON-ready copy with NaN and infinities as None (JSON has no Infinity or NaN)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite_json(v) for v in value]
    return value
