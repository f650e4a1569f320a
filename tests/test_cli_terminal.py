"""The explorer needs a terminal; a mistyped command is named, not opened as a path."""

from __future__ import annotations

import os
import subprocess
import sys

from click.testing import CliRunner

from tui.cli import main

PARETOP = [sys.executable, "-c", "from tui.cli import main; main()"]


def test_redirected_output_exits_with_one_line_instead_of_drawing() -> None:
    done = subprocess.run(
        PARETOP, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=20
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "paretop: the explorer needs a terminal (stdin and stdout); for scripts use `paretop table`"
    ]


def test_dumb_terminal_is_told_to_use_the_table(monkeypatch) -> None:
    monkeypatch.setattr("tui.cli.sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("tui.cli.sys.stdout.isatty", lambda: True, raising=False)
    monkeypatch.setitem(os.environ, "TERM", "dumb")
    from tui.cli import needs_terminal

    assert (
        needs_terminal() == "TERM=dumb cannot draw the explorer; use `paretop table` for plain text"
    )


def test_a_mistyped_command_gets_a_hint() -> None:
    result = CliRunner().invoke(main, ["tabel", "--model", "dsr1"])
    assert result.exit_code == 1
    assert result.stderr == (
        "paretop: no such file or directory: 'tabel' (did you mean `paretop table`?)\n"
    )


def test_top_level_help_lists_the_explorer_options() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())  # click re-wraps the paragraph
    for flag in ("--model", "--targets", "--watch", "paretop open --help", "paretop table"):
        assert flag in text
