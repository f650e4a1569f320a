"""The ways to write the table, one entry each: CLI --format, palette and help read this list.

Importing it is cheap (no pandas), so `paretop --help` stays fast; the writer is imported when
a table is written. Adding a format: its writer in export.py and one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.core.table import Table


@dataclass(frozen=True)
class OutputFormat:
    name: str
    description: str
    suffix: str  # file name extension for saved tables
    writer: str  # the function in tui.core.export

    def write(self, table: Table) -> str:
        from tui.core import export

        text: str = getattr(export, self.writer)(table)
        return text


OUTPUT_FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat("plain", "aligned text, for terminals and logs", "txt", "to_plain"),
    OutputFormat("markdown", "a Markdown table, for chats, docs and PRs", "md", "to_markdown"),
    OutputFormat("csv", "one record per series and target, full precision", "csv", "to_csv"),
    OutputFormat("tsv", "the grid, tab-separated, for spreadsheets", "tsv", "to_tsv"),
    OutputFormat("json", "everything, for scripts", "json", "to_json"),
)
FORMATS: dict[str, OutputFormat] = {f.name: f for f in OUTPUT_FORMATS}
