"""plotext's built picture as Textual strips, read from its cell matrix.

plotext writes its picture as one ANSI string (a colour code at every change of colour);
the widget would then decode that string into a Text and Textual would wrap and cut the Text
into lines again: about half of drawing a chart. Here the cells go straight into Segments,
one per run of a look. Each look's style is decoded once from plotext's own ANSI code for
it, so the colours are the ones the string would have carried; a test holds both equal.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from plotext import _utility
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip


@lru_cache(maxsize=1024)
def look(fullground: Any, style: Any, background: Any) -> Style:
    """The Rich style of plotext's ANSI code for a cell's colours and style."""
    code = _utility.colors_to_ansi(fullground, style, background)
    decoded = Text.from_ansi(code + "x")
    return decoded.get_style_at_offset(_console(), 0) if decoded.spans else Style.null()


@lru_cache(maxsize=1)
def _console() -> Any:
    from rich.console import Console

    return Console(color_system="truecolor", width=80)


def picture(plt: Any) -> Any:
    """Build `plt`'s figure (as plt.build() does, less its ANSI string); its cell matrix."""
    plt._set_sizes()
    plt._build_matrix()
    return plt.monitor.matrix


def strips(matrix: Any, base: Style) -> list[Strip]:
    """The matrix's rows, top first, as strips over `base` (the widget's own style)."""
    out: list[Strip] = []
    for row in range(matrix.rows - 1, -1, -1):  # plotext's row 0 is the bottom
        markers = matrix.marker[row]
        looks = list(
            zip(matrix.fullground[row], matrix.style[row], matrix.background[row], strict=True)
        )
        segments: list[Segment] = []
        start = 0
        for col in range(1, len(looks) + 1):
            if col == len(looks) or looks[col] != looks[start]:
                cell = looks[start]
                segments.append(Segment("".join(markers[start:col]), base + look(*cell)))
                start = col
        out.append(Strip(segments))
    return out
