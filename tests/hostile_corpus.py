"""A small corpus of hostile inputs: each case is a file (or folder) and what a reader must say.

`make_corpus(folder)` writes them all next to one good file and returns {file name: expected
problem text}; an empty expectation means the file must load with no problem.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

GOOD: dict[str, Any] = {
    "hw": "b200-trt",
    "conc": 64,
    "model": "/models/DeepSeek-R1",
    "infmax_model_prefix": "dsr1",
    "framework": "trt",
    "precision": "fp4",
    "spec_decoding": "mtp",
    "disagg": False,
    "isl": 1024,
    "osl": 8192,
    "tp": 4,
    "ep": 4,
    "dp_attention": "true",
    "tput_per_gpu": 1234.5,
    "output_tput_per_gpu": 1000.0,
    "median_intvty": 40.0,
    "median_ttft": 0.5,
    "median_tpot": 0.025,
    "median_e2el": 200.0,
}
ESCAPE = "\x1b]2;pwned\x07"  # OSC 2: retitles the terminal
CLIPBOARD = "\x1b]52;c;ZWNobyBoaQ==\x07"  # OSC 52: writes the clipboard
CSV_HEADER = "model,hardware,framework,precision,isl,osl,concurrency,tput_per_gpu,interactivity"


def rows(**changes: Any) -> str:
    return json.dumps([{**GOOD, **changes}])


def _texts() -> dict[str, tuple[str | bytes, str]]:
    """file name -> (content, expected problem text; "" when it must load cleanly)."""
    return {
        "good.json": (rows(), ""),
        "deep.json": ("[" * 100_000 + "]" * 100_000, "too deeply nested"),
        "bigint.json": (rows(conc=10**4000), "number too large"),
        "bom.json": (b"\xef\xbb\xbf" + rows(hw="h200").encode(), ""),
        "bom.csv": (
            b"\xef\xbb\xbf" + f"{CSV_HEADER}\nM,h100,vllm,fp8,1024,1024,8,100,50\n".encode(),
            "",
        ),
        "osc.json": (rows(hw="h100", framework="vllm" + ESCAPE, model=CLIPBOARD), ""),
        "pipe_tab.json": (rows(hw="mi300x", framework="a|b\tc", precision="x\ny"), ""),
        "formula.json": (rows(hw="mi355x", framework="=HYPERLINK(1)", precision="@sum"), ""),
        "minus.json": (rows(hw="gb200", framework="-2+3", precision="+cmd"), ""),
        "name" + ESCAPE + ".json": (rows(hw="h200", framework="sglang"), ""),
        "empty_array.json": ("[]", "no rows"),
        "header_only.csv": (CSV_HEADER + "\n", "no rows"),
        "huge_interactivity.json": (rows(median_intvty=1e303), "interactivity must be"),
        "half_gpu.json": (rows(tp=0.5), "num_gpus must be an integer"),
        "negative_tp.json": (rows(tp=-2, ep=-2), "must be an integer in [1, 1e5]"),
        "big_isl.json": (rows(isl=2**63), "isl must be"),
        "output_above_total.json": (rows(output_tput_per_gpu=5000.0), "exceeds tput_per_gpu"),
        "wrong_type.json": (rows(model=["a", "b"]), "model_id must be text"),
        "utf16.json": (rows().encode("utf-16"), "not UTF-8"),
    }


def make_corpus(folder: Path) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}
    for name, (content, problem) in _texts().items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
        expected[name] = problem
    os.mkfifo(folder / "fifo.json")
    expected["fifo.json"] = "FIFO"
    os.symlink("loop.json", folder / "loop.json")
    expected["loop.json"] = "symlink loop"
    os.symlink("/dev/zero", folder / "zero.json")
    expected["zero.json"] = "character device"
    os.symlink("nowhere.json", folder / "dangling.json")
    expected["dangling.json"] = "broken symlink"
    os.symlink(".", folder / "self")
    expected["self"] = "the same folder"
    return expected


def deep_path(folder: Path) -> Path:
    """A folder nested beyond PATH_MAX (4096) with a result file at the bottom."""
    fd = os.open(folder, os.O_RDONLY)
    part = "d" * 250
    for _ in range(18):  # 18 x 251 characters > 4096
        os.mkdir(part, dir_fd=fd)
        inner = os.open(part, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = inner
    out = os.open("r.json", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
    os.write(out, rows().encode())
    os.close(out)
    os.close(fd)
    return folder / part
