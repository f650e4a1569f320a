"""The layers point one way: core <- loaders <- pipeline <- app / cli (STYLE.md §1, §11)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

TUI = Path(__file__).resolve().parents[1] / "tui"

# What each layer may never import (its own or a lower layer's modules are fine).
FORBIDDEN = {
    "core": ("tui.loaders", "tui.pipeline", "tui.app", "tui.cli", "textual", "plotext"),
    "loaders": ("tui.pipeline", "tui.app", "tui.cli", "textual", "plotext"),
    "pipeline.py": ("tui.app", "tui.cli", "textual", "plotext"),
    "remote": ("tui.loaders", "tui.pipeline", "tui.app", "tui.cli", "textual", "plotext", "pandas"),
}


def imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth (lazy imports inside functions too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def files(layer: str) -> list[Path]:
    target = TUI / layer
    return [target] if target.is_file() else sorted(target.rglob("*.py"))


def test_layers_point_one_way() -> None:
    bad = []
    for layer, banned in FORBIDDEN.items():
        for path in files(layer):
            for module in imports(path):
                if module.startswith(banned):
                    bad.append(f"{path.relative_to(TUI)} imports {module}")
    assert bad == []


def test_no_private_textual_modules() -> None:
    private = [
        f"{path.relative_to(TUI)}: {module}"
        for path in TUI.rglob("*.py")
        for module in imports(path)
        if module.startswith("textual") and any(p.startswith("_") for p in module.split("."))
    ]
    assert private == []


def test_core_and_loaders_do_not_import_textual_at_run_time() -> None:
    code = (
        "import sys, pkgutil, importlib, tui.core, tui.loaders\n"
        "for pkg in (tui.core, tui.loaders):\n"
        "    for m in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(pkg.__name__ + '.' + m.name)\n"
        "import tui.cli, tui.pipeline\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'plotext'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_help_does_not_import_pandas() -> None:
    code = "import sys, tui.cli\nassert 'pandas' not in sys.modules, 'pandas imported'\n"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_bundled_data_needs_no_file_readers() -> None:
    """Opening the bundled data (every bare start) imports none of the format readers."""
    code = (
        "import sys\n"
        "from tui.pipeline import build_request, read\n"
        "assert len(read(build_request()).frame) > 1000\n"
        "bad = [m for m in sys.modules if m.startswith(('tui.loaders.scan', 'tui.loaders.meta',"
        " 'tui.loaders.inferencemax', 'tui.loaders.clients'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
