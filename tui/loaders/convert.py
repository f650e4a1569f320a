"""Make data/inferencemax.csv from InferenceMAX agg_bmk.json files with paretop's own loader,
and data/bundled.npz (the bundled CSVs as arrays, read at start in milliseconds) from the CSVs.

python -m tui.loaders.convert ../shared/data/inferencemax data/inferencemax.csv
python -m tui.loaders.convert --bundle data/bundled.npz
"""

from __future__ import annotations

import sys
from pathlib import Path

from tui.loaders import bundled
from tui.loaders.scan import frame_to_csv, load_paths

LABEL = "bundled:inferencemax/"


def convert(source: Path) -> tuple[str, list[str]]:
    """The bundled CSV's text for a folder of results, and the problems met (as text)."""
    result = load_paths([source])
    frame = result.frame.copy()
    root = source if source.is_dir() else source.parent
    frame["source"] = [LABEL + Path(p).relative_to(root).as_posix() for p in frame["source"]]
    return frame_to_csv(frame), [str(p) for p in result.problems]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) == 2 and args[0] == "--bundle":
        print(f"wrote {args[1]} ({bundled.write(Path(args[1]))} rows)")
        return 0
    if len(args) != 2:
        print("usage: python -m tui.loaders.convert SOURCE_DIR OUT.csv", file=sys.stderr)
        print("       python -m tui.loaders.convert --bundle OUT.npz", file=sys.stderr)
        return 2
    text, problems = convert(Path(args[0]))
    for problem in problems:
        print(problem, file=sys.stderr)
    Path(args[1]).write_text(text, encoding="utf-8")
    print(f"wrote {args[1]} ({text.count(chr(10)) - 1} rows)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
