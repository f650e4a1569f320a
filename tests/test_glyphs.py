"""The ASCII fallback: automatic under a C locale or an encoding without the glyphs."""

from __future__ import annotations

from click.testing import CliRunner

from tui.cli import main
from tui.core.glyphs import to_ascii, wants_ascii


def test_when_ascii_is_wanted() -> None:
    assert wants_ascii("ascii", {})
    assert wants_ascii("latin-1", {})  # no em dash, no bullet
    assert wants_ascii("utf-8", {"LANG": "C"}) and wants_ascii("utf-8", {"LC_ALL": "POSIX"})
    assert not wants_ascii("utf-8", {"LANG": "en_US.UTF-8"})
    assert not wants_ascii("utf-8", {"LC_ALL": "C.UTF-8", "LANG": "C"})


def test_table_in_ascii_has_only_ascii() -> None:
    result = CliRunner().invoke(main, ["table", "--model", "dsr1", "--ascii"])
    assert result.exit_code == 0 and result.stdout.isascii()
    assert to_ascii("a — b · c │ d …") == "a - b . c | d ..."
