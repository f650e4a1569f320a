"""How fast paretop reads and computes, as ratios against baselines run in the same session.

    python bench/bench_core.py [SHARED_INFERENCEMAX_DIR]

Ratios, not seconds: the machine's speed cancels out. Baselines:
- reading: plain `json.load` of the same InferenceMAX files (the least any loader must do);
- computing a table: reading the bundled CSV with pandas;
- start-up: `python -c "import click"` against importing the CLI and the TUI.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.core.hardware import default_table  # noqa: E402
from tui.core.paths import data_file  # noqa: E402
from tui.core.select import Selection  # noqa: E402
from tui.core.table import compute  # noqa: E402
from tui.loaders import load_bundled, load_paths  # noqa: E402


def best_of(func: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def import_time(module: str) -> float:
    code = f"import time; s = time.perf_counter(); import {module}; print(time.perf_counter() - s)"
    runs = [
        float(subprocess.check_output([sys.executable, "-c", code], cwd=ROOT)) for _ in range(3)
    ]
    return min(runs)


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/inferencemax"
    files = sorted(folder.glob("*.json"))
    if files:
        base = best_of(lambda: [json.loads(f.read_text()) for f in files])
        ours = best_of(lambda: load_paths([folder]))
        print(f"load {len(files)} InferenceMAX files: {ours / base:.1f}x plain json.load")
    frame = load_bundled().frame
    table = default_table()
    base = best_of(lambda: pd.read_csv(data_file("inferencemax.csv")))
    for model in ("gptoss", "dsr1"):
        ours = best_of(lambda m=model: compute(frame, Selection(model=m), table))  # type: ignore[misc]
        print(f"table for {model} (all hardware): {ours / base:.2f}x reading the bundled CSV")
    click = import_time("click")
    print(f"import tui.cli (paretop table): {import_time('tui.cli') / click:.1f}x import click")
    print(f"import tui.app.app (the TUI):   {import_time('tui.app.app') / click:.1f}x import click")


if __name__ == "__main__":
    main()
