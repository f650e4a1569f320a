"""What raw client files do not say: metadata from --set flags, paretop.toml sidecars and names.

Precedence (highest first): `--set key=value`, then a `paretop.toml` in the file's directory or
any parent up to the path the user gave, then the file's content, then its name.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core.files import ReadError, read_text
from tui.core.hardware import default_table
from tui.core.models import prefix_names
from tui.core.ranges import setting
from tui.core.schema import Problem

SIDECAR = "paretop.toml"
SIDECAR_BYTES = 1 << 20  # a sidecar is a few lines
SETTABLE = (
    "model",
    "model_id",
    "hardware",
    "framework",
    "precision",
    "spec_decoding",
    "isl",
    "osl",
    "concurrency",
    "num_gpus",
    "tp",
    "ep",
    "dp_attention",
    "disagg",
    "num_prefill_gpu",
    "num_decode_gpu",
    "run_id",
)
# What a raw client file needs for per-GPU numbers, cost and power, and an honest label.
NEEDED = ("hardware", "num_gpus", "precision", "framework")


def parse_sets(items: list[str] | tuple[str, ...]) -> dict[str, str]:
    """`--set hardware=h200 --set num_gpus=8` -> {"hardware": "h200", "num_gpus": "8"}."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key or not value.strip():
            raise ValueError(f"--set expects KEY=VALUE (e.g. hardware=h200), got {item!r}")
        if key not in SETTABLE:
            raise ValueError(f"--set: unknown key {key!r}; known keys: {', '.join(SETTABLE)}")
        try:
            setting(key, value.strip())
        except ValueError as exc:
            raise ValueError(f"--set {key}: {exc}") from None
        out[key] = value.strip()
    return out


@dataclass
class Context:
    """Per load: the path the user gave, their --set values, and the sidecars found so far."""

    root: Path
    overrides: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    _sidecars: dict[Path, dict[str, Any]] = field(default_factory=dict)
    _given: dict[Path, dict[str, Any]] = field(default_factory=dict)  # per folder, per load

    def sidecar(self, folder: Path) -> dict[str, Any]:
        if folder not in self._sidecars:
            self._sidecars[folder] = self._read_sidecar(folder / SIDECAR)
        return self._sidecars[folder]

    def _read_sidecar(self, path: Path) -> dict[str, Any]:
        if not _exists(path):
            return {}
        try:
            doc = tomllib.loads(read_text(path, SIDECAR_BYTES))
        except ReadError as exc:
            self.problems.append(Problem(str(path), f"sidecar not read: {exc.reason}"))
            return {}
        except (tomllib.TOMLDecodeError, RecursionError, ValueError) as exc:
            why = "too deeply nested" if isinstance(exc, RecursionError) else str(exc)
            self.problems.append(Problem(str(path), f"cannot read sidecar: {why}"))
            return {}
        unknown = sorted(set(doc) - set(SETTABLE))
        if unknown:
            self.problems.append(
                Problem(
                    str(path),
                    f"unknown keys ignored: {', '.join(unknown)} (known: {', '.join(SETTABLE)})",
                )
            )
        return self._typed({k: v for k, v in doc.items() if k in SETTABLE}, path)

    def _typed(self, values: dict[str, Any], path: Path) -> dict[str, Any]:
        """The values whose type and range are right; each wrong one is a problem, ignored."""
        out: dict[str, Any] = {}
        for key, value in values.items():
            try:
                out[key] = setting(key, value)
            except ValueError as exc:
                self.problems.append(Problem(str(path), f"{exc}; ignored"))
        return out

    def folders(self, path: Path) -> list[Path]:
        """The file's folder and its parents up to the root the user gave, nearest last."""
        root = self.root if self.root.is_dir() else self.root.parent
        chain: list[Path] = []
        folder = path.parent
        while True:
            chain.append(folder)
            if folder == root or folder == folder.parent or root not in folder.parents:
                break
            folder = folder.parent
        return list(reversed(chain))

    def given(self, path: Path) -> dict[str, Any]:
        """Sidecar values (nearest wins) overlaid by --set values; worked out once per folder
        (a file of 200 rows asks 200 times)."""
        folder = path.parent
        if folder not in self._given:
            merged: dict[str, Any] = {}
            for step in self.folders(path):
                merged.update(self.sidecar(step))
            merged.update(self.overrides)
            self._given[folder] = merged
        return dict(self._given[folder])

    def where_to_set(self, path: Path) -> str:
        return str(path.parent / SIDECAR)


def _exists(path: Path) -> bool:
    """Anything at all there: a FIFO or a broken link too, to be reported rather than passed."""
    return os.path.lexists(path)


_TOKEN = re.compile(r"[._\-\s]+")
_PRECISIONS = {"fp8", "fp4", "bf16", "fp16", "int4", "int8", "mxfp4", "nvfp4", "w4a16", "w8a8"}
_ENGINES = {
    "vllm",
    "sglang",
    "trt",
    "trtllm",
    "atom",
    "dynamo-trt",
    "dynamo-sglang",
    "tgi",
    "lmdeploy",
}
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("tp", re.compile(r"(?:^|[_\-.])tp(\d+)(?=$|[_\-.])")),
    ("ep", re.compile(r"(?:^|[_\-.])ep(\d+)(?=$|[_\-.])")),
    ("dp_attention", re.compile(r"dpa(true|false)")),
    ("disagg", re.compile(r"disagg-(true|false)")),
    ("spec_decoding", re.compile(r"spec-([a-z0-9]+)")),
    ("concurrency", re.compile(r"(?:^|[_\-.])conc(?:urrency)?_?(\d+)(?=$|[_\-.])")),
    ("isl", re.compile(r"(?:^|[_\-.])isl_?(\d+)(?=$|[_\-.])")),
    ("osl", re.compile(r"(?:^|[_\-.])osl_?(\d+)(?=$|[_\-.])")),
    ("num_gpus", re.compile(r"(?:^|[_\-.])gpus_(\d+)(?=$|[_\-.])")),
    ("num_prefill_gpu", re.compile(r"(?:^|[_\-.])ctx_(\d+)(?=$|[_\-.])")),
    ("num_decode_gpu", re.compile(r"(?:^|[_\-.])gen_(\d+)(?=$|[_\-.])")),
]
_SEQ = re.compile(r"(?:^|[_\-.])(\d+)k(\d+)k(?=$|[_\-.])")


def name_hints(path: Path) -> dict[str, Any]:
    """What a file's name literally says (InferenceMAX names runs like
    `kimik2.5_1k1k_int4_vllm_tp8-ep1-dpafalse_disagg-false_spec-mtp_conc4_<runner>.json`).

    Hardware only when a name token is exactly a known GPU key: runner names are not guessed.
    """
    stem = path.name.lower()
    hints: dict[str, Any] = {}
    for key, pattern in _PATTERNS:
        found = pattern.search(stem)
        if found:
            hints[key] = found.group(1)
    seq = _SEQ.search(stem)
    if seq:
        hints["isl"], hints["osl"] = int(seq.group(1)) * 1024, int(seq.group(2)) * 1024
    tokens = set(_TOKEN.split(path.stem.lower()))
    gpus = tokens & set(default_table().gpus)
    if len(gpus) == 1:
        hints["hardware"] = gpus.pop()
    for name, options in (("precision", _PRECISIONS), ("framework", _ENGINES)):
        hit = tokens & options
        if len(hit) == 1:
            hints[name] = hit.pop()
    first = path.name.split("_", 1)[0].lower()
    if first in prefix_names():
        hints["model_prefix"] = first
    if "num_prefill_gpu" in hints and "num_decode_gpu" in hints:
        hints.setdefault("disagg", "true")
    return hints
