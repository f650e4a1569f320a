"""The legend's lines drawn from their segments equal what a Static draws of the same Text."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.strip import Strip
from textual.visual import Visual, visualize

from tui.app.legend import Legend, lay_out

Cells = list[tuple[str, Style | None]]


def cells(strip: Strip) -> Cells:
    # Textual marks each cell of a Text with its offset (for selecting text): not a look.
    return [
        (ch, s.style.clear_meta_and_links() if s.style else None) for s in strip for ch in s.text
    ]


class One(App[None]):
    CSS = "Legend { height: auto; padding: 0 1; }"

    def compose(self) -> ComposeResult:
        yield Legend()


def entries(n: int, long: bool = False) -> list[Text]:
    made = [
        Text(f"{'•+x*'[i % 4]} series/{i}/fp8", style=("#ff0000", "#00aa00", "")[i % 3])
        for i in range(n)
    ]
    if long:
        made.append(Text("o " + "very-long-name-" * 8, style="bold #3366ff"))
    return [*made, Text("│ targets 30, 50, 70", "dim")]


async def test_lines_equal_a_statics() -> None:
    texts = [
        lay_out(entries(9), 50, 4),
        lay_out(entries(30), 50, 3),  # "… N more"
        Text(""),
    ]
    app = One()
    async with app.run_test(size=(52, 12)) as pilot:
        legend = app.query_one(Legend)
        for text in texts:
            legend.show(text)
            await pilot.pause()
            width, height = legend.size
            assert height == (text.plain.count("\n") + 1 if text.plain else 0)
            base = legend.visual_style.rich_style
            static = Visual.to_strips(
                legend, visualize(legend, text), width, height, legend.visual_style
            )
            ours = [cells(legend.render_line(y)) for y in range(height)]
            assert ours == [cells(s.extend_cell_length(width, base)) for s in static]

        # An entry wider than the line is cut with "…" (a Static drew only its marker).
        legend.show(lay_out(entries(2, long=True), 50, 4))
        await pilot.pause()
        line = cells(legend.render_line(1))
        shown = "".join(c for c, _ in line)
        assert shown == "o " + ("very-long-name-" * 8)[: legend.size.width - 3] + "…"
        assert {style.color.name for _, style in line if style and style.color} == {"#3366ff"}
