"""Startup: the explorer's frame needs no pandas; the load's worker brings it."""

from __future__ import annotations

import subprocess
import sys


def test_the_app_imports_no_pandas_before_its_frame() -> None:
    code = "import sys, tui.app.main\nassert 'pandas' not in sys.modules, 'pandas imported'\n"
    subprocess.run([sys.executable, "-c", code], check=True)
