"""The core and the loaders never import Textual (STYLE.md §1)."""

import subprocess
import sys


def test_core_and_loaders_do_not_import_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, tui.core, tui.loaders\n"
        "for pkg in (tui.core, tui.loaders):\n"
        "    for m in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(pkg.__name__ + '.' + m.name)\n"
        "import tui.cli\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'plotext'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
